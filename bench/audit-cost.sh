#!/usr/bin/env bash
# What the audit log costs: sends per second (4 KiB envelopes unless BENCH_SIZE says otherwise) with
# the log on, against the same build with the log's work skipped (system property
# valise.benchmark.skipAuditLog=true: no entries, no sequencer work, no receipts), in one run,
# alternating the two each round so that both see the same machine (odd rounds on first, even
# rounds off first). 16 concurrent clients
# (bench/.../HttpLoad.java), each its own account (a lab system), and all of them as one account.
# Prints the medians' ratio and, as the spread, each round's own ratio.
# Also the server process's CPU per send (user + system, from /proc), on and off: steadier than sends/s.
#
#   bench/audit-cost.sh [ROUNDS] [SECONDS]          defaults: 3 rounds, 15 s
#   BENCH_DIR=/some/dir    where the data lives (default /dev/shm, memory: SQLite's fsync left out)
#   BENCH_WARMUP=SECONDS   untimed load before each server's measurements, so that the JIT's warm-up
#                          (more code with the log on) is left out (default 5; 0 for none)
#   BENCH_PIN=1            the server on the second core and the load generator on the first (taskset),
#                          so that they do not take each other's CPU: the server is then CPU-bound
#                          on its core and the ratio is its CPU per send, with less noise
#   BENCH_SKIP_PG=1        skip the PostgreSQL run (it needs root to create the database)
#   BENCH_SKIP_SQLITE=1    skip the SQLite run
#   BENCH_SIZE=BYTES       the plaintext size of each send (default 4096); the log's work per send does
#                          not grow with it, so its share of a send's cost shrinks as sends grow
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
rounds="${1:-3}"
seconds="${2:-15}"
clients=16
warmup="${BENCH_WARMUP:-5}"
size="${BENCH_SIZE:-4096}"
case "$size" in ''|*[!0-9]*) echo "bench: BENCH_SIZE must be a number of bytes, not '$size'" >&2; exit 1 ;; esac
dir="${BENCH_DIR:-/dev/shm}/valise-audit-bench-$$"
for tool in curl python3 bc; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
mkdir -p "$dir/cls"
vpid=""
cleanup() {
  [ -n "$vpid" ] && kill "$vpid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

"$root/valise" --version >/dev/null   # builds on first use, outside the timings
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
valise_find_jdk
"$JAVA_HOME/bin/javac" -d "$dir/cls" "$root/bench/src/main/java/io/valise/bench/http/HttpLoad.java"
pin_server=()
pin_load=()
if [ -n "${BENCH_PIN:-}" ]; then
  command -v taskset >/dev/null || { echo "bench: BENCH_PIN needs taskset (util-linux)" >&2; exit 1; }
  [ "$(nproc)" -ge 2 ] || { echo "bench: BENCH_PIN needs 2 cores" >&2; exit 1; }
  pin_server=(taskset -c 1)
  pin_load=(taskset -c 0)
fi
load() { "${pin_load[@]}" "$JAVA_HOME/bin/java" -cp "$dir/cls" io.valise.bench.http.HttpLoad "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

"$root/valise" keygen -o "$dir/key" 2>/dev/null
head -c "$size" /dev/urandom | "$root/valise" encrypt -r "$("$root/valise" keygen -y "$dir/key")" -o "$dir/small.age"

login() { curl -sf -X POST -d '{"name":"'"$1"'","password":"secret-password-for-bench"}' "$val/api/login" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
adduser() { echo secret-password-for-bench | "$root/valise" admin user add "$1" --password-stdin --data "$2" ${3:+--config "$3"} >/dev/null; }
start_valise() { # MODE(on|off) DATA_DIR [CONFIG]
  local mode="$1" data="$2" config="${3:-}"
  rm -rf "$data"
  adduser alice "$data" "$config"
  adduser bob "$data" "$config"
  for i in $(seq -w 1 "$clients"); do adduser "lab$i" "$data" "$config"; done
  local port; port="$(free_port)"
  local skip=()
  [ "$mode" = off ] && skip=(env JAVA_TOOL_OPTIONS=-Dvalise.benchmark.skipAuditLog=true)
  "${skip[@]}" "${pin_server[@]}" "$root/valise" serve --data "$data" --listen "127.0.0.1:$port" ${config:+--config "$config"} >"$dir/valise.log" 2>&1 &
  vpid=$!
  val="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -sf "$val/api/health" >/dev/null && break; sleep 0.2; done
  curl -sf "$val/api/health" >/dev/null || { cat "$dir/valise.log" >&2; exit 1; }
  alice="$(login alice)"
  labs=""
  for i in $(seq -w 1 "$clients"); do labs="$labs${labs:+|}Bearer $(login "lab$i")"; done
}
stop_valise() { kill "$vpid"; wait "$vpid" 2>/dev/null || true; vpid=""; }
ticks() { awk '{print $14 + $15}' "/proc/$vpid/stat"; } # the server's user + system CPU, clock ticks
measured() { # AUTHORIZATION: one timed load; HttpLoad's line, then the server's CPU per send
  local c0 c1 line sends
  c0="$(ticks)"
  line="$(load send POST "$val/api/envelopes?to=bob" "$seconds" "$clients" "$dir/small.age" "Authorization: $1")"
  c1="$(ticks)"
  sends="$(echo "$line" | sed -n 's/^requests \([0-9]*\).*/\1/p')"
  echo "$line server_cpu_ms_per_send $(echo "scale=4; ($c1 - $c0) * 1000 / $(getconf CLK_TCK) / ${sends:-1}" | bc)"
}

results="$dir/results"
: >"$results"
run() { # DB_LABEL [CONFIG]
  local db="$1" config="${2:-}"
  for r in $(seq 1 "$rounds"); do
    # Odd rounds measure the log on first, even rounds last, so that a machine getting busier or
    # quieter during the run does not favour one side.
    order="on off"
    [ $((r % 2)) -eq 0 ] && order="off on"
    for mode in $order; do
      [ -n "$config" ] && (cd / && su postgres -c "psql -qAt -c 'DROP DATABASE IF EXISTS valise_bench' -c 'CREATE DATABASE valise_bench OWNER valise'") >/dev/null
      start_valise "$mode" "$dir/data" "$config"
      # The JIT's warm-up, untimed: 16 accounts take the same paths as one, and more of them.
      [ "$warmup" -gt 0 ] && load send POST "$val/api/envelopes?to=bob" "$warmup" "$clients" "$dir/small.age" "Authorization: $labs" >/dev/null || true
      echo "$db-$mode-one $(measured "Bearer $alice")" | tee -a "$results"
      echo "$db-$mode-many $(measured "$labs")" | tee -a "$results"
      stop_valise
    done
  done
}
echo "machine at start: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
if [ -z "${BENCH_SKIP_SQLITE:-}" ]; then
  echo "bench: $size-byte sends, $clients clients, $seconds s after ${warmup} s of warm-up, $rounds rounds, log on and off, SQLite..." >&2
  run sqlite
fi
if [ -z "${BENCH_SKIP_PG:-}" ]; then
  echo "bench: the same on PostgreSQL..." >&2
  "$root/scripts/postgres-test-setup.sh" 2>/dev/null
  printf 'database.url=jdbc:postgresql://localhost:5432/valise_bench\ndatabase.user=valise\ndatabase.password=valise\n' >"$dir/pg.properties"
  run postgresql "$dir/pg.properties"
  (cd / && su postgres -c "psql -qAt -c 'DROP DATABASE IF EXISTS valise_bench'") >/dev/null
fi

median() { # the median per_second of the runs labelled $1; nothing if there were none
  grep "^$1 " "$results" | sed -n 's/.* per_second \([0-9.]*\).*/\1/p' | sort -n |
    awk '{a[NR]=$1} END {if (NR) print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}' || true
}
echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
printf '%-34s %12s %12s %8s\n' "$size-byte sends/s, median of $rounds" "log on" "log skipped" "cost"
for db in sqlite postgresql; do
  for who in one many; do
    on="$(median "$db-on-$who")"; off="$(median "$db-off-$who")"
    [ -z "$on" ] && continue
    label="$db, $([ "$who" = one ] && echo "1 sender" || echo "$clients senders")"
    printf '%-34s %12s %12s %7.1f%%\n' "$label" "$on" "$off" "$(echo "(1-$on/$off)*100" | bc -l)"
  done
done
# The spread: each round's log-on run against the same round's log-skipped run.
echo
echo "cost per round (on against off of the same round): median, least and greatest"
python3 - "$results" <<'PY'
import re, statistics, sys
runs = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+)-(on|off)-(one|many) .*per_second ([0-9.]+)", line)
    if m:
        runs.setdefault((m[1], m[3], m[2]), []).append(float(m[4]))
for (db, who, mode), on in sorted(runs.items()):
    if mode != "on":
        continue
    off = runs.get((db, who, "off"), [])
    costs = [100 * (1 - a / b) for a, b in zip(on, off)]
    if costs:
        label = f"{db}, {'1 sender' if who == 'one' else '16 senders'}"
        print(f"{label:34} {statistics.median(costs):6.1f} % {min(costs):6.1f} % {max(costs):6.1f} %"
              f"   ({', '.join(f'{c:.0f}' for c in costs)})")
# The server's own CPU per send (the Valise process only: PostgreSQL's is not counted). It moves
# less than sends/s from run to run, and says what the log adds to each send's work.
cpu = {}
for line in open(sys.argv[1]):
    m = re.match(r"(\S+)-(on|off)-(one|many) .*server_cpu_ms_per_send ([0-9.]+)", line)
    if m:
        cpu.setdefault((m[1], m[3], m[2]), []).append(float(m[4]))
if cpu:
    print()
    print(f"{'server CPU per send, median':34} {'log on':>9} {'skipped':>9} {'the log adds':>13}")
    for (db, who, mode), on in sorted(cpu.items()):
        off = cpu.get((db, who, "off"), [])
        if mode != "on" or not off:
            continue
        a, b = statistics.median(on), statistics.median(off)
        label = f"{db}, {'1 sender' if who == 'one' else '16 senders'}"
        print(f"{label:34} {a:6.3f} ms {b:6.3f} ms {100 * (a / b - 1):11.1f} %")
PY
