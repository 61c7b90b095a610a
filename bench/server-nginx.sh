#!/usr/bin/env bash
# Server benchmark: `valise serve` next to nginx in the same run, over loopback, same client.
#
#   1. 1 GiB upload (Valise POST /api/envelopes, nginx WebDAV PUT) and download (GET), with curl,
#      alternating servers each round.
#   2. Sends per second of 4 KiB envelopes from 16 concurrent clients (bench/.../HttpLoad.java),
#      Valise on SQLite and on PostgreSQL, nginx WebDAV PUT of the same bytes.
#   3. 1,000 concurrent downloads (one connection each) of a 1 MiB envelope: every one must
#      complete; nginx serves the same file for reference.
#
#   bench/server-nginx.sh [SIZE_MIB] [ROUNDS] [SECONDS]     defaults: 1024 MiB, 3 rounds, 15 s
#   BENCH_DIR=/some/dir    where data, files and both servers' storage live (default /dev/shm: memory, so that the disk, which Valise fsyncs and nginx does not, is left out)
#   BENCH_SKIP_PG=1        skip the PostgreSQL run (it needs root to create the database)
#
# Needs: nginx (Debian's package has the WebDAV module), curl, and for PostgreSQL a local cluster
# (scripts/postgres-test-setup.sh). Valise fsyncs every payload before it answers; nginx does not.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
size_mib="${1:-1024}"
rounds="${2:-3}"
seconds="${3:-15}"
clients=16
burst=1000
dir="${BENCH_DIR:-/dev/shm}/valise-bench-$$"
for tool in nginx curl python3 bc; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install nginx curl)" >&2; exit 1; }
done
mkdir -p "$dir"/{www/dav,nginx-tmp,cls}
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

"$root/valise" --version >/dev/null   # builds on first use, outside the timings
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
valise_find_jdk
javac="$JAVA_HOME/bin/javac"
java="$JAVA_HOME/bin/java"
"$javac" -d "$dir/cls" "$root/bench/src/main/java/io/valise/bench/http/HttpLoad.java"
load() { "$java" -cp "$dir/cls" io.valise.bench.http.HttpLoad "$@"; }

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "bench: preparing files in $dir..." >&2
"$root/valise" keygen -o "$dir/key" 2>/dev/null
recipient="$("$root/valise" keygen -y "$dir/key")"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom | "$root/valise" encrypt -r "$recipient" -o "$dir/big.age"
head -c 4096 /dev/urandom | "$root/valise" encrypt -r "$recipient" -o "$dir/small.age"
head -c 1048576 /dev/urandom | "$root/valise" encrypt -r "$recipient" -o "$dir/mid.age"
cp "$dir/mid.age" "$dir/www/mid.age"
big_bytes="$(stat -c %s "$dir/big.age")"

# --- nginx ---------------------------------------------------------------------------------
nport="$(free_port)"
cat >"$dir/nginx.conf" <<EOF
user root;
worker_processes auto;
daemon off;
pid $dir/nginx.pid;
error_log $dir/nginx-error.log;
events { worker_connections 8192; }
http {
  access_log off;
  sendfile on;
  keepalive_requests 1000000;
  client_max_body_size 0;
  client_body_temp_path $dir/nginx-tmp;
  server {
    listen 127.0.0.1:$nport backlog=4096;
    root $dir/www;
    location /dav/ {
      dav_methods PUT DELETE;
      create_full_put_path on;
      dav_access user:rw;
    }
  }
}
EOF
nginx -c "$dir/nginx.conf" -p "$dir" &
pids+=($!)
ngx="http://127.0.0.1:$nport"

# --- valise --------------------------------------------------------------------------------
vpid=""
start_valise() { # DATA_DIR [CONFIG]
  vport="$(free_port)"
  local args=(serve --data "$1" --listen "127.0.0.1:$vport")
  [ -n "${2:-}" ] && args+=(--config "$2")
  echo secret-password-for-bench | "$root/valise" admin user add alice --password-stdin --data "$1" ${2:+--config "$2"} >/dev/null
  echo secret-password-for-bench | "$root/valise" admin user add bob --password-stdin --data "$1" ${2:+--config "$2"} >/dev/null
  "$root/valise" "${args[@]}" >"$dir/valise.log" 2>&1 &
  vpid=$!
  pids+=("$vpid")
  val="http://127.0.0.1:$vport"
  for _ in $(seq 1 100); do curl -sf "$val/api/health" >/dev/null && break; sleep 0.2; done
  curl -sf "$val/api/health" >/dev/null || { cat "$dir/valise.log" >&2; exit 1; }
  for _ in $(seq 1 50); do curl -sf "$ngx/mid.age" -o /dev/null && break; sleep 0.1; done
  alice="$(login alice)"
  bob="$(login bob)"
  # One account per client too: a lab system has its own account, and a sender's uploads take
  # turns on its quota counter (see docs/server.md, Quota).
  labs=""
  for i in $(seq -w 1 "$clients"); do
    echo secret-password-for-bench | "$root/valise" admin user add "lab$i" --password-stdin --data "$1" ${2:+--config "$2"} >/dev/null
    labs="$labs${labs:+|}Bearer $(login "lab$i")"
  done
}
login() { curl -sf -X POST -d '{"name":"'"$1"'","password":"secret-password-for-bench"}' "$val/api/login" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
stop_valise() { kill "$vpid"; wait "$vpid" 2>/dev/null || true; }
upload() { # FILE → envelope id
  curl -sf -T "$1" -X POST -H "Authorization: Bearer $alice" "$val/api/envelopes?to=bob" | sed 's/.*"id":"\([^"]*\)".*/\1/'
}

start_valise "$dir/data-sqlite"
results="$dir/results"
: >"$results"

# 1. large transfers --------------------------------------------------------------------------
t() { # curl ARGS...: seconds; stops the run if curl fails or a download comes back short
  local out
  out="$(curl -sf -o /dev/null -w '%{time_total} %{size_download}' "$@")" || { echo "bench: curl $* failed" >&2; exit 1; }
  case " $* " in *" -T "*) ;; *) [ "${out#* }" = "$big_bytes" ] || { echo "bench: short download: $out" >&2; exit 1; } ;; esac
  echo "${out% *}"
}
echo "bench: ${size_mib} MiB uploads and downloads, $rounds rounds..." >&2
# Each round's copies are deleted before the next (WebDAV DELETE, envelope withdrawn), so every
# round starts with the same free memory.
for r in $(seq 1 "$rounds"); do
  s="$(t -T "$dir/big.age" "$ngx/dav/big.age")"; echo "nginx-put $s" | tee -a "$results"
  curl -sf -X DELETE "$ngx/dav/big.age"
  s="$(t -T "$dir/big.age" -X POST -H "Authorization: Bearer $alice" "$val/api/envelopes?to=bob")"; echo "valise-post $s" | tee -a "$results"
  id="$(curl -sf -H "Authorization: Bearer $bob" "$val/api/inbox" | sed 's/.*"id":"\([^"]*\)".*/\1/')"
  curl -sf -X DELETE -H "Authorization: Bearer $alice" "$val/api/envelopes/$id"
done
curl -sf -T "$dir/big.age" "$ngx/dav/big.age"
big_id="$(upload "$dir/big.age")"
for r in $(seq 1 "$rounds"); do
  s="$(t "$ngx/dav/big.age")"; echo "nginx-get $s" | tee -a "$results"
  s="$(t -H "Authorization: Bearer $bob" "$val/api/envelopes/$big_id/file")"; echo "valise-get $s" | tee -a "$results"
done
rm -f "$dir"/www/dav/big.age

# 2. small envelopes ----------------------------------------------------------------------------
small() { # LABEL: one sender for all clients, then one sender per client
  local out
  out="$(load send POST "$val/api/envelopes?to=bob" "$seconds" "$clients" "$dir/small.age" "Authorization: Bearer $alice")"
  echo "$1 $out" | tee -a "$results"
  out="$(load send POST "$val/api/envelopes?to=bob" "$seconds" "$clients" "$dir/small.age" "Authorization: $labs")"
  echo "$1-senders $out" | tee -a "$results"
}
echo "bench: 4 KiB sends, $clients clients, $seconds s each..." >&2
echo "nginx-small $(load send PUT "$ngx/dav/small/{n}.age" "$seconds" "$clients" "$dir/small.age")" | tee -a "$results"
small valise-small-sqlite

# 3. 1,000 concurrent downloads ------------------------------------------------------------------
mid_id="$(upload "$dir/mid.age")"
echo "bench: $burst concurrent downloads of 1 MiB..." >&2
echo "nginx-burst $(load burst "$ngx/mid.age" "$burst")" | tee -a "$results"
echo "valise-burst $(load burst "$val/api/envelopes/$mid_id/file" "$burst" "Authorization: Bearer $bob")" | tee -a "$results"
stop_valise

# 2b. small envelopes on PostgreSQL ------------------------------------------------------------
if [ -z "${BENCH_SKIP_PG:-}" ]; then
  "$root/scripts/postgres-test-setup.sh" 2>/dev/null
  (cd / && su postgres -c "psql -qAt -c 'DROP DATABASE IF EXISTS valise_bench' -c 'CREATE DATABASE valise_bench OWNER valise'") >/dev/null
  printf 'database.url=jdbc:postgresql://localhost:5432/valise_bench\ndatabase.user=valise\ndatabase.password=valise\n' >"$dir/pg.properties"
  start_valise "$dir/data-pg" "$dir/pg.properties"
  small valise-small-postgresql
  stop_valise
  (cd / && su postgres -c "psql -qAt -c 'DROP DATABASE IF EXISTS valise_bench'") >/dev/null
fi

# --- summary -------------------------------------------------------------------------------------
median() { grep "^$1 " "$results" | awk '{print $2}' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
field() { grep "^$1 " "$results" | tr ' ' '\n' | grep -A1 "^$2\$" | tail -1; }
echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
printf '%-22s %10s %10s\n' transfer "median s" "MB/s"
for k in nginx-put valise-post nginx-get valise-get; do
  s="$(median "$k")"
  printf '%-22s %10.2f %10.0f\n' "$k" "$s" "$(echo "$big_bytes/$s/1000000" | bc -l)"
done
printf 'ratio upload   (valise / nginx throughput): %.2f\n' "$(echo "$(median nginx-put)/$(median valise-post)" | bc -l)"
printf 'ratio download (valise / nginx throughput): %.2f\n' "$(echo "$(median nginx-get)/$(median valise-get)" | bc -l)"
n="$(field nginx-small per_second)"
printf '4 KiB sends/s: nginx WebDAV PUT %s\n' "$n"
for db in sqlite postgresql; do
  for who in "" -senders; do
    v="$(field "valise-small-$db$who" per_second || true)"
    label="$db, $([ -z "$who" ] && echo "1 sender" || echo "$clients senders")"
    [ -n "$v" ] && printf '4 KiB sends/s: valise on %-22s %s (ratio %.2f)\n' "$label" "$v" "$(echo "$v/$n" | bc -l)"
  done
done
printf '1000 concurrent downloads: nginx %s errors, valise %s errors (%s completed)\n' \
  "$(field nginx-burst errors)" "$(field valise-burst errors)" "$(field valise-burst completed)"
