#!/usr/bin/env bash
# `valise audit verify --full` over a large log, next to `sha256sum` over the same entry bytes.
# Fills a fresh data directory's log with COUNT upload-like entries through the real sequencer
# (bench/.../FillLog.java), starts `valise serve` on it, logs in as an administrator and times
# the full verification (download every entry, recompute every leaf and the root, check it against
# the signed checkpoint); then times sha256sum over the entries' bytes, written by FillLog.
#
#   bench/audit-verify.sh [COUNT]          default 1000000
#   BENCH_DIR=/some/dir                    where the data lives (default /dev/shm)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
count="${1:-1000000}"
dir="${BENCH_DIR:-/dev/shm}/valise-audit-verify-$$"
mkdir -p "$dir"
vpid=""
cleanup() {
  [ -n "$vpid" ] && kill "$vpid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT

"$root/valise" --version >/dev/null   # builds on first use
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
valise_find_jdk
if [ ! -d "$root/bench/target/lib" ] || [ ! -f "$root/bench/target/classes/io/valise/bench/audit/FillLog.class" ]; then
  (cd "$root" && ./mvnw -B -q -pl bench -am install -DskipTests -Dspotless.check.skip=true)
fi
data="$dir/data"
echo secret-password-for-bench | "$root/valise" admin user add root --admin --password-stdin --data "$data" >/dev/null
echo "bench: filling the log with $count entries..." >&2
"$JAVA_HOME/bin/java" -cp "$root/bench/target/classes:$root/bench/target/lib/*" io.valise.bench.audit.FillLog "$data" "$count" "$dir/entries.bin" 2>"$dir/fill.log"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
"$root/valise" serve --data "$data" --listen "127.0.0.1:$port" >"$dir/valise.log" 2>&1 &
vpid=$!
url="http://127.0.0.1:$port"
for _ in $(seq 1 100); do curl -sf "$url/api/health" >/dev/null && break; sleep 0.2; done
export VALISE_HOME="$dir/home"
echo secret-password-for-bench | "$root/valise" login "$url" --user root --password-stdin >/dev/null
echo "bench: valise audit verify --full..." >&2
start=$(date +%s.%N)
"$root/valise" audit verify --full >"$dir/verify.out" 2>"$dir/verify.err"
verify=$(echo "$(date +%s.%N) - $start" | bc -l)
start=$(date +%s.%N)
sha256sum "$dir/entries.bin" >/dev/null
sha=$(echo "$(date +%s.%N) - $start" | bc -l)
bytes=$(stat -c %s "$dir/entries.bin")
echo
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
cat "$dir/verify.out"
printf 'entries: %s (%s bytes of entries)\n' "$count" "$bytes"
printf 'valise audit verify --full: %6.1f s\n' "$verify"
printf 'sha256sum over the entries: %6.1f s\n' "$sha"
printf 'ratio: %.1f\n' "$(echo "$verify/$sha" | bc -l)"
