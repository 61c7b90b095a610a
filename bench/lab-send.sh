#!/usr/bin/env bash
# Issue 7's benchmark: `valise lab send` of N synthetic records (default 1.4 million, the size of
# the 2021 breach) end to end to a local server (validate, minimise, route, encrypt one envelope
# per group, the DPO manifest, upload), next to the `age` CLI encrypting the same input file once,
# in the same run; then `valise incident assess` of a whole-server theft over that transmission,
# with the DPO's manifest (people counted).
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
t0="$(secs)"; age -r "$(valise keygen -y "$dir/age.key")" -o "$dir/results.csv.age" "$dir/results.csv"; t1="$(secs)"
age_s="$(python3 -c "print(f'{$t1-$t0:.2f}')")"

echo "bench: valise lab send --profile covid-daily..." >&2
t0="$(secs)"
set +e
as lab lab send "$dir/results.csv" --profile covid-daily --hash-key "$dir/hash.key" >"$dir/sent.tsv" 2>"$dir/send.err"
code=$?
set -e
t1="$(secs)"
send_s="$(python3 -c "print(f'{$t1-$t0:.2f}')")"
[ "$code" -eq 0 ] || [ "$code" -eq 4 ] || { echo "bench: lab send failed ($code):" >&2; cat "$dir/send.err" >&2; exit 1; }
tail -3 "$dir/send.err" >&2

manifest="$(awk -F'\t' '$2=="dpo"{print $1}' "$dir/sent.tsv")"
as agent-dpo get "$manifest" -o "$dir/manifest.jsonl" >/dev/null 2>&1
from="$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)-datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
to="$(python3 -c 'import datetime; print((datetime.datetime.now(datetime.timezone.utc)+datetime.timedelta(hours=1)).strftime("%Y-%m-%dT%H:%M:%SZ"))')"
echo "bench: valise incident assess --server-stolen with the manifest..." >&2
t0="$(secs)"
as op incident assess --from "$from" --to "$to" --server-stolen --manifests "$dir/manifest.jsonl" -o "$dir/incident" 2>"$dir/assess.err"
t1="$(secs)"
assess_s="$(python3 -c "print(f'{$t1-$t0:.2f}')")"
affected="$(($(wc -l <"$dir/incident/affected.csv") - 1))"

echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%Y-%m-%dT%H:%M:%SZ), commit $(git -C "$root" rev-parse --short HEAD)"
echo "input: $people people, $bytes bytes of CSV"
printf '%-44s %10s\n' "step" "seconds"
printf '%-44s %10s\n' "age -r (1 recipient, the whole file once)" "$age_s"
printf '%-44s %10s\n' "valise lab send (all groups, manifest, upload)" "$send_s"
printf '%-44s %10s\n' "valise incident assess (theft, manifest)" "$assess_s"
python3 -c "print(f'lab send / age: {$send_s/$age_s:.2f} (target: at most 3)')"
echo "incident assess counted $affected affected people (ciphertext only)"
