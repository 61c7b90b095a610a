#!/usr/bin/env bash
# What one audit entry adds to an upload's SQLite transaction, by the shape of audit_entry (its
# indexes and AUTOINCREMENT), measured alone, without HTTP or the rest of the server
# (bench/.../AppendCost.java). For the audit log's figures in docs/benchmarks.md.
#
#   bench/audit-append.sh [COUNT] [ROUNDS]     defaults: 20000 transactions per variant, 5 rounds
#   BENCH_DIR=/some/dir                        where the databases live (default /dev/shm)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
count="${1:-20000}"
rounds="${2:-5}"
dir="${BENCH_DIR:-/dev/shm}/valise-audit-append-$$"
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
valise_find_jdk
if [ ! -d "$root/bench/target/lib" ] || [ ! -f "$root/bench/target/classes/io/valise/bench/audit/AppendCost.class" ]; then
  (cd "$root" && ./mvnw -B -q -pl bench -am install -DskipTests -Dspotless.check.skip=true)
fi
echo "machine: $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%FT%TZ)"
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$root/bench/target/classes:$root/bench/target/lib/*" \
  io.valise.bench.audit.AppendCost "$dir" "$count" "$rounds"
