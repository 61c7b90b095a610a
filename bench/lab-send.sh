#!/usr/bin/env bash
# Issue 7's benchmark: `valise lab send` of N synthetic records (default 1.4 million, the size of
# the 2021 breach) end to end to a local server (validate, minimise, route, encrypt one envelope
# per group, the DPO manifest, upload), next to the `age` CLI encrypting the same input file once,
# in the same run; then `valise incident assess` of a whole-server theft over that transmission,
# with the DPO's manifest (people counted). Each step reports its wall time and its CPU time (user
# and system, of the command's process: the server's is not counted), which a loaded machine
# disturbs less. Then the floor (bench/src/.../lab/LabFloor.java): a Java program that only reads the
# file, splits its lines into fields and computes the three HMAC-SHA256 per record, on 2 threads.
#
#   bench/lab-send.sh [PEOPLE]        default 1400000
#   BENCH_DIR=/some/dir    where the files and the server's data live (default /dev/shm)
#
# Needs: age, curl, python3. The server runs on SQLite in a temporary data directory.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
people="${1:-1400000}"
dir="${BENCH_DIR:-/dev/shm}/valise-lab-bench-$$"
for tool in age curl python3; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing" >&2; exit 1; }
done
mkdir -p "$dir"
vpid=""
cleanup() {
  [ -n "$vpid" ] && kill "$vpid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
valise() { "$root/valise" "$@"; }
as() { local who="$1"; shift; VALISE_HOME="$dir/home-$who" "$root/valise" "$@"; }
secs() { python3 -c 'import sys,time; print(f"{time.time():.3f}")'; }
# timed NAME CMD...: runs CMD (its stdout and stderr as the caller redirects them), keeps its wall
# and CPU seconds in $dir/NAME.time as "wall user sys" (bash's time keyword).
timed() {
  local name="$1"; shift
  local TIMEFORMAT='%R %U %S'
  { time "$@" 2>&3 3>&-; } 3>&2 2>"$dir/$name.time"
}
wall() { cut -d' ' -f1 "$dir/$1.time"; }
cpu() { python3 -c "w,u,s=open('$dir/$1.time').read().split(); print(f'{float(u)+float(s):.2f}')"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

valise --version >/dev/null   # builds on first use, outside the timings
data="$dir/data"
mkdir -p "$data"
printf 'expiry.max=365d\n' >"$dir/valise.properties"
pw=secret-password-for-bench
adduser() { echo "$pw" | valise admin user add "$1" ${2:+--admin} --password-stdin --data "$data" --config "$dir/valise.properties" >/dev/null; }
regions="$(find "$root/lab/src/main/resources" -name regions.csv)"
groups=($(grep -v '^#' "$regions" | tail -n +2 | cut -d, -f3) cpam sante-publique-stats dpo)
adduser op admin
adduser lab
for g in "${groups[@]}"; do adduser "agent-$g"; done

port="$(free_port)"
valise serve --data "$data" --listen "127.0.0.1:$port" --config "$dir/valise.properties" >"$dir/valise.log" 2>&1 &
vpid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 150); do curl -sf "$url/api/health" >/dev/null && break; sleep 0.2; done
curl -sf "$url/api/health" >/dev/null || { cat "$dir/valise.log" >&2; exit 1; }

echo "bench: setting up ${#groups[@]} groups with an agent each..." >&2
login() { echo "$pw" | as "$1" login "$url" --user "$1" --password-stdin >/dev/null; }
login op
login lab
for g in "${groups[@]}"; do
  login "agent-$g"
  as "agent-$g" key publish >/dev/null 2>&1
  as op admin group add "$g" --remote >/dev/null
  as op admin group member add "$g" "agent-$g" --remote >/dev/null
done
as "agent-dpo" lab hash-key -o "$dir/hash.key" >/dev/null 2>&1

echo "bench: making $people synthetic people..." >&2
valise lab synth --people "$people" --seed 2021 -o "$dir/results.csv" 2>/dev/null
bytes="$(stat -c %s "$dir/results.csv")"

echo "bench: age -r (one recipient) over the same file..." >&2
valise keygen -o "$dir/age.key" 2>/dev/null
recipient="$(valise keygen -y "$dir/age.key")"
timed age age -r "$recipient" -o "$dir/results.csv.age" "$dir/results.csv"
age_s="$(wall age)"

echo "bench: valise lab send --profile covid-daily..." >&2
set +e
timed send as lab lab send "$dir/results.csv" --profile covid-daily --hash-key "$dir/hash.key" >"$dir/sent.tsv" 2>"$dir/send.err"
code=$?
set -e
send_s="$(wall send)"
[ "$code" -eq 0 ] || [ "$code" -eq 4 ] || { echo "bench: lab send failed ($code):" >&2; cat "$dir/send.err" >&2; exit 1; }
tail -3 "$dir/send.err" >&2

manifest="$(awk -F'\t' '$2=="dpo"{print $1}' "$dir/sent.tsv")"
as agent-dpo get "$manifest" -o "$dir/manifest.jsonl" >/dev/null 2>&1
from="$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)-datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
to="$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
echo "bench: valise incident assess --server-stolen with the manifest..." >&2
timed assess as op incident assess --from "$from" --to "$to" --server-stolen --manifests "$dir/manifest.jsonl" -o "$dir/incident" 2>"$dir/assess.err"
assess_s="$(wall assess)"
affected="$(($(wc -l <"$dir/incident/affected.csv") - 1))"

echo "bench: the floor (read, split, 3 HMAC per record, 2 threads)..." >&2
. "$root/scripts/jdk.sh"
valise_find_jdk
timed floor "$JAVA_HOME/bin/java" -Xmn160m "$root/bench/src/main/java/io/valise/bench/lab/LabFloor.java" \
  "$dir/results.csv" pre3 2 >"$dir/floor.out"
floor_s="$(sed -n 's/.* \([0-9.]*\) s wall.*/\1/p' "$dir/floor.out" | sort -n | head -1)"

echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD)"
echo "input: $people people, $bytes bytes of CSV"
printf '%-48s %8s %8s\n' "step" "wall s" "CPU s"
printf '%-48s %8s %8s\n' "age -r (1 recipient, the whole file once)" "$age_s" "$(cpu age)"
printf '%-48s %8s %8s\n' "valise lab send (all groups, manifest, upload)" "$send_s" "$(cpu send)"
printf '%-48s %8s %8s\n' "valise incident assess (theft, manifest)" "$assess_s" "$(cpu assess)"
printf '%-48s %8s %8s\n' "floor: read, split, 3 HMAC/record (best of 3)" "$floor_s" ""
python3 -c "print(f'lab send / age: {$send_s/$age_s:.2f} wall, {$(cpu send)/$(cpu age):.2f} CPU (target: at most 3)')"
echo "incident assess counted $affected affected people (ciphertext only)"
