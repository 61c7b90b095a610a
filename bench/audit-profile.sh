#!/usr/bin/env bash
# Where a send's time goes with the audit log on: the load of bench/audit-cost.sh (16 clients
# sending 4 KiB envelopes) against one server started with a JFR recording, then per send what the
# recording and the database saw. For the numbers in docs/benchmarks.md ("Audit log").
#
#   bench/audit-profile.sh DB MODE WHO [SECONDS]
#     DB       sqlite | postgresql
#     MODE     on | off (off: valise.benchmark.skipAuditLog=true, as the cost benchmark's baseline)
#     WHO      one (16 clients as one account) | many (16 accounts)
#     SECONDS  load time, default 15
#   BENCH_DIR=/some/dir   where the data lives (default /dev/shm)
#   OUT=/some/dir         where the recording and the reports go (default ./audit-profile-DB-MODE-WHO)
#   SERVER_OPTS=...       more JVM options for the server
#   BENCH_PIN=1           the server on the second core, the load generator on the first (as in
#                         bench/audit-cost.sh)
#   BENCH_WARMUP=SECONDS untimed load before the measurement (default 5)
#   JFR=0                 no recording (it costs the server a third of its throughput): only sends/s,
#                         the server's CPU per send and how busy it was
#   SQL_LOG=1             PostgreSQL only: also log every statement of the run (log_statement=all on
#                         the bench database) and count statements and transactions per send
#
# Prints sends/s, then writes to OUT: the recording of the measured load (measure.jfr), hot methods, monitor waits and
# parks by stack, and (PostgreSQL) rows inserted/updated/read per table and commits per send.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
db="${1:?usage: audit-profile.sh sqlite|postgresql on|off one|many [SECONDS]}"
mode="${2:?mode on|off}"
who="${3:?who one|many}"
seconds="${4:-15}"
clients=16
out="${OUT:-$PWD/audit-profile-$db-$mode-$who}"
dir="${BENCH_DIR:-/dev/shm}/valise-audit-profile-$$"
pgdb="valise_profile_$$"
mkdir -p "$dir/cls" "$out"
vpid=""
cleanup() {
  [ -n "$vpid" ] && kill "$vpid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
  if [ "$db" = postgresql ]; then
    (cd / && su postgres -c "psql -qAt -c 'DROP DATABASE IF EXISTS $pgdb'") >/dev/null 2>&1 || true
  fi
}
trap cleanup EXIT

"$root/valise" --version >/dev/null
# shellcheck source=../scripts/jdk.sh
. "$root/scripts/jdk.sh"
valise_find_jdk
"$JAVA_HOME/bin/javac" -d "$dir/cls" "$root/bench/src/main/java/io/valise/bench/http/HttpLoad.java"
pin_server=()
pin_load=()
if [ -n "${BENCH_PIN:-}" ]; then
  pin_server=(taskset -c 1)
  pin_load=(taskset -c 0)
fi
load() { "${pin_load[@]}" "$JAVA_HOME/bin/java" -cp "$dir/cls" io.valise.bench.http.HttpLoad "$@"; }
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
psql_admin() { (cd / && su postgres -c "psql -qAt $(printf '%q ' "$@")"); }
psql_bench() { (cd / && su postgres -c "psql -qAt -d $pgdb $(printf '%q ' "$@")"); }

"$root/valise" keygen -o "$dir/key" 2>/dev/null
head -c 4096 /dev/urandom | "$root/valise" encrypt -r "$("$root/valise" keygen -y "$dir/key")" -o "$dir/small.age"

config=""
if [ "$db" = postgresql ]; then
  "$root/scripts/postgres-test-setup.sh" 2>/dev/null
  psql_admin -c "DROP DATABASE IF EXISTS $pgdb" -c "CREATE DATABASE $pgdb OWNER valise" >/dev/null
  [ -n "${SQL_LOG:-}" ] && psql_admin -c "ALTER DATABASE $pgdb SET log_statement = 'all'" >/dev/null
  config="$dir/pg.properties"
  printf 'database.url=jdbc:postgresql://localhost:5432/%s\ndatabase.user=valise\ndatabase.password=valise\n' "$pgdb" >"$config"
fi
data="$dir/data"
adduser() { echo secret-password-for-bench | "$root/valise" admin user add "$1" --password-stdin --data "$data" ${config:+--config "$config"} >/dev/null; }
adduser alice
adduser bob
for i in $(seq -w 1 "$clients"); do adduser "lab$i"; done
port="$(free_port)"
opts="-XX:MaxRAMPercentage=50 -XX:+UseG1GC -XX:-UsePerfData"
[ "$mode" = off ] && opts="$opts -Dvalise.benchmark.skipAuditLog=true"
opts="$opts ${SERVER_OPTS:-}"
VALISE_JAVA_OPTS="$opts" "${pin_server[@]}" "$root/valise" serve --data "$data" --listen "127.0.0.1:$port" ${config:+--config "$config"} >"$out/valise.log" 2>&1 &
vpid=$!
val="http://127.0.0.1:$port"
for _ in $(seq 1 150); do curl -sf "$val/api/health" >/dev/null && break; sleep 0.2; done
curl -sf "$val/api/health" >/dev/null || { cat "$out/valise.log" >&2; exit 1; }
login() { curl -sf -X POST -d '{"name":"'"$1"'","password":"secret-password-for-bench"}' "$val/api/login" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
if [ "$who" = one ]; then
  auth="Bearer $(login alice)"
else
  auth=""
  for i in $(seq -w 1 "$clients"); do auth="$auth${auth:+|}Bearer $(login "lab$i")"; done
fi
# Warm up (JIT), outside the measurement.
load send POST "$val/api/envelopes?to=bob" "${BENCH_WARMUP:-5}" "$clients" "$dir/small.age" "Authorization: $auth" >/dev/null

stats() { # table counters and commits of the bench database
  psql_bench -F ' ' -c "SELECT 'table', relname, n_tup_ins, n_tup_upd, n_tup_del, COALESCE(seq_scan,0), COALESCE(idx_scan,0), COALESCE(idx_tup_fetch,0) FROM pg_stat_user_tables ORDER BY relname" \
    -c "SELECT 'db', xact_commit, xact_rollback, tup_returned, tup_fetched FROM pg_stat_database WHERE datname = current_database()"
}
if [ "$db" = postgresql ]; then
  sleep 11 # idle backends report their statistics within 10 s (PostgreSQL 15)
  stats >"$out/pg-before.txt"
  if [ -n "${SQL_LOG:-}" ]; then
    pglog="$(ls -t /var/log/postgresql/postgresql-*-main.log | head -1)"
    logstart="$(stat -c %s "$pglog")"
  fi
fi
jcmd_pid="$(pgrep -f -n "io.valise.app.Main serve --data $data")" || true
jfr="${JFR:-1}"
[ -n "$jcmd_pid" ] && [ "$jfr" != 0 ] && "$JAVA_HOME/bin/jcmd" "$jcmd_pid" JFR.start name=measure settings=profile jdk.CPUTimeSample#enabled=true jdk.CPUTimeSample#throttle=2ms >/dev/null
cpu() { awk '{print $14 + $15}' "/proc/$jcmd_pid/stat"; } # user + system, clock ticks
uptime >"$out/uptime-before.txt"
cpu0="$(cpu)"
result="$(load send POST "$val/api/envelopes?to=bob" "$seconds" "$clients" "$dir/small.age" "Authorization: $auth")"
cpu1="$(cpu)"
uptime >"$out/uptime-after.txt"
[ -n "$jcmd_pid" ] && [ "$jfr" != 0 ] && "$JAVA_HOME/bin/jcmd" "$jcmd_pid" JFR.stop name=measure filename="$out/measure.jfr" >/dev/null
echo "$db $mode $who: $result" | tee "$out/result.txt"
sends="$(echo "$result" | sed 's/^requests \([0-9]*\).*/\1/')"
busy="$(echo "scale=1; ($cpu1 - $cpu0) * 100 / $(getconf CLK_TCK) / $seconds" | bc)"
echo "server CPU: $(echo "scale=3; ($cpu1 - $cpu0) * 1000 / $(getconf CLK_TCK) / $sends" | bc) ms per send ($busy % of one core)" | tee -a "$out/result.txt"

kill "$vpid"; wait "$vpid" 2>/dev/null || true; vpid=""
# Passes: one checkpoint per pass that sequenced something (all runs, warm-up included).
passes_sql="SELECT (SELECT COUNT(*) FROM audit_checkpoint), (SELECT size FROM audit_head WHERE id = 1)"
if [ "$db" = postgresql ]; then
  psql_bench -F ' ' -c "$passes_sql"
else
  python3 -c 'import sqlite3,sys; print(*sqlite3.connect(sys.argv[1]).execute(sys.argv[2]).fetchone())' "$data/valise.db" "$passes_sql"
fi | awk '{printf "checkpoints %d, entries %d: %.1f entries per signed checkpoint\n", $1, $2, $2 / ($1 ? $1 : 1)}' | tee -a "$out/result.txt"
if [ "$db" = postgresql ]; then
  sleep 2 # backends report their statistics when they exit
  stats >"$out/pg-after.txt"
  if [ -n "${SQL_LOG:-}" ]; then
    tail -c +"$((logstart + 1))" "$pglog" | grep "@$pgdb " | grep -E 'LOG:  (execute|statement)' >"$out/statements.log" || true
  fi
  python3 - "$out" "$sends" <<'EOF'
import sys, collections
out, sends = sys.argv[1], int(sys.argv[2])
def read(name):
    t, d = {}, None
    for line in open(f"{out}/{name}"):
        f = line.split()
        if f[0] == "table": t[f[1]] = list(map(int, f[2:]))
        elif f[0] == "db": d = list(map(int, f[1:]))
    return t, d
(b, bd), (a, ad) = read("pg-before.txt"), read("pg-after.txt")
with open(f"{out}/pg-per-send.txt", "w") as o:
    print(f"{sends} sends (the counters include the server's stop)", file=o)
    print(f"{'table':22} {'ins':>7} {'upd':>7} {'del':>7} {'seqscan':>8} {'idxscan':>8} {'idxfetch':>8}", file=o)
    for k in sorted(a):
        d = [(x - y) / sends for x, y in zip(a[k], b.get(k, [0] * 6))]
        if any(d): print(f"{k:22} " + " ".join(f"{v:7.2f}" if i < 3 else f"{v:8.2f}" for i, v in enumerate(d)), file=o)
    d = [(x - y) / sends for x, y in zip(ad, bd)]
    print(f"commits/send {d[0]:.2f}  rollbacks/send {d[1]:.2f}", file=o)
    try:
        c = collections.Counter()
        n = 0
        for line in open(f"{out}/statements.log"):
            s = line.split("LOG:  ", 1)[1]
            s = s.split(": ", 1)[1] if s.startswith("execute") else s.split(": ", 1)[1]
            c[" ".join(s.split())[:110]] += 1
            n += 1
        print(f"\nstatements logged: {n} (during the {sends} sends; per send {n / sends:.2f})", file=o)
        for s, k in c.most_common(40):
            print(f"{k / sends:7.3f}  {s}", file=o)
    except FileNotFoundError:
        pass
print(open(f"{out}/pg-per-send.txt").read())
EOF
fi
if [ "$jfr" = 0 ]; then
  exit 0
fi
rec="$out/measure.jfr"
"$JAVA_HOME/bin/jfr" view --width 200 hot-methods "$rec" >"$out/hot-methods.txt" 2>&1 || true
"$JAVA_HOME/bin/jfr" print --events jdk.ExecutionSample --stack-depth 64 "$rec" >"$out/samples.txt"
"$JAVA_HOME/bin/jfr" print --events jdk.CPUTimeSample --stack-depth 64 "$rec" >"$out/cpu-samples.txt"
"$JAVA_HOME/bin/jfr" print --events jdk.JavaMonitorWait,jdk.ThreadPark,jdk.JavaMonitorEnter --stack-depth 64 "$rec" >"$out/waits.txt"
python3 "$root/bench/jfr-stacks.py" "$out/samples.txt" "$sends" >"$out/inclusive.txt"
python3 "$root/bench/jfr-stacks.py" --cpu-time "$out/cpu-samples.txt" "$sends" >"$out/cpu-inclusive.txt"
python3 "$root/bench/jfr-stacks.py" --waits "$out/waits.txt" "$sends" >"$out/waits-by-site.txt"
echo "reports in $out" >&2
