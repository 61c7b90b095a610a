#!/usr/bin/env bash
# SFTP benchmark: the Valise SFTP gateway (`sftp.listen`) next to OpenSSH's own sshd with
# /usr/lib/openssh/sftp-server, in the same run, over loopback, with the same OpenSSH `sftp`
# client and the same options. For each cipher (aes128-gcm@openssh.com, chacha20-poly1305@openssh.com):
# ROUNDS uploads (`put` of one age file; into /outbox/bob/ on Valise) and ROUNDS downloads (`get`;
# /inbox/ID.age on Valise), alternating servers each round. Every download's sha256 is checked
# against the uploaded file. The Valise server's peak RSS (VmHWM) is printed at the end.
#
#   bench/sftp.sh [SIZE_MIB] [ROUNDS]      defaults: 1024 MiB, 3 rounds
#   BENCH_DIR=/some/dir    where data, files and both servers' storage live (default /dev/shm: memory,
#                          so that the disk, which Valise fsyncs and sftp-server does not, is left out)
#   BENCH_TIMEOUT=SECONDS  a transfer that takes longer fails the run (default 900)
#   BENCH_CIPHERS="C ..."  the ciphers to measure (default: aes128-gcm@openssh.com chacha20-poly1305@openssh.com)
#   BENCH_OPS=put          uploads only (default "put get"; downloads need the uploads)
#   BENCH_WARMUP=MIB       before the timed rounds, one untimed put and get of a MIB-size file per cipher
#                          against each server, so the Valise JVM's JIT warm-up is left out (default 0:
#                          none; the first timed rounds then include it)
#   BENCH_JFR=FILE         record the Valise server with Java Flight Recorder (settings=profile) over the
#                          whole run, into FILE; read it with `jfr print --events jdk.ExecutionSample FILE`
#
# Needs: openssh-server (/usr/sbin/sshd, /usr/lib/openssh/sftp-server), openssh-client (sftp,
# ssh-keygen), curl, python3, bc. The private sshd listens on a free loopback port, runs as the current
# user with its own host key and authorized_keys; the system sshd and port 22 are not touched.
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
# shellcheck source=scripts/jdk.sh
. "$root/scripts/jdk.sh"
valise_find_jdk
size_mib="${1:-1024}"
rounds="${2:-3}"
tmo="${BENCH_TIMEOUT:-900}"
read -r -a ciphers <<<"${BENCH_CIPHERS:-aes128-gcm@openssh.com chacha20-poly1305@openssh.com}"
ciphers_get=("${ciphers[@]}")
ops="${BENCH_OPS:-put get}"
warm_mib="${BENCH_WARMUP:-0}"
jfr="${BENCH_JFR:-}"
[ -z "$jfr" ] || jfr="$(readlink -f "$jfr")"
sshd_bin=/usr/sbin/sshd
sftp_server=/usr/lib/openssh/sftp-server
dir="${BENCH_DIR:-/dev/shm}/valise-sftp-bench-$$"
for tool in sftp ssh-keygen curl python3 bc sha256sum "$sshd_bin" "$sftp_server"; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install openssh-server openssh-client curl python3 bc)" >&2; exit 1; }
done
mkdir -p "$dir"/{ssh-root,data}
chmod 700 "$dir"
spid=""
vpid=""
cleanup() {
  [ -n "$spid" ] && kill "$spid" 2>/dev/null || true
  [ -n "$vpid" ] && kill "$vpid" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$dir"
}
trap cleanup EXIT
# Whether the gateway's process is gone, and how it ended (137: SIGKILL, 143: SIGTERM, 134: crash).
gateway_status() {
  if [ -n "$vpid" ] && ! kill -0 "$vpid" 2>/dev/null; then
    local rc=0
    wait "$vpid" || rc=$?
    echo "bench: the Valise server process has ended, status $rc" >&2
  fi
}
# set -e stops quietly; say where, and what the gateway logged
trap 'echo "bench: stopped at line $LINENO" >&2; gateway_status; [ -f "$dir/valise.log" ] && tail -30 "$dir/valise.log" >&2' ERR

"$root/valise" --version >/dev/null   # builds on first use, outside the timings
free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

echo "bench: preparing a ${size_mib} MiB age file in $dir..." >&2
"$root/valise" keygen -o "$dir/age-key" 2>/dev/null
recipient="$("$root/valise" keygen -y "$dir/age-key")"
head -c "$((size_mib * 1024 * 1024))" /dev/urandom | "$root/valise" encrypt -r "$recipient" -o "$dir/big.age"
big_bytes="$(stat -c %s "$dir/big.age")"
big_sum="$(sha256sum "$dir/big.age" | cut -d' ' -f1)"
# Two client keys: the gateway takes a fingerprint for one account only (alice sends, bob receives).
# OpenSSH authorizes both, so each direction uses the same key against both servers.
ssh-keygen -q -t ed25519 -N '' -C bench-alice -f "$dir/alice_key"
ssh-keygen -q -t ed25519 -N '' -C bench-bob -f "$dir/bob_key"

# --- OpenSSH -------------------------------------------------------------------------------------
sport="$(free_port)"
ssh-keygen -q -t ed25519 -N '' -f "$dir/sshd_host_key"
cat "$dir/alice_key.pub" "$dir/bob_key.pub" >"$dir/authorized_keys"
chmod 600 "$dir/authorized_keys"
cat >"$dir/sshd_config" <<EOF
ListenAddress 127.0.0.1
Port $sport
HostKey $dir/sshd_host_key
PidFile $dir/sshd.pid
AuthorizedKeysFile $dir/authorized_keys
PermitRootLogin prohibit-password
PubkeyAuthentication yes
PasswordAuthentication no
KbdInteractiveAuthentication no
UsePAM no
StrictModes no
AllowTcpForwarding no
X11Forwarding no
PrintMotd no
Subsystem sftp $sftp_server
EOF
# sshd insists on its privilege separation directory (Debian creates it from the service unit).
[ -d /run/sshd ] || mkdir -p /run/sshd
"$sshd_bin" -t -f "$dir/sshd_config"
"$sshd_bin" -D -e -f "$dir/sshd_config" 2>"$dir/sshd.log" &
spid=$!

# --- Valise --------------------------------------------------------------------------------------
vport="$(free_port)"
gport="$(free_port)"
printf 'listen=127.0.0.1:%s\nsftp.listen=127.0.0.1:%s\n' "$vport" "$gport" >"$dir/valise.properties"
for who in alice bob; do
  echo secret-password-for-bench | "$root/valise" admin user add "$who" --password-stdin --data "$dir/data" --config "$dir/valise.properties" >/dev/null
done
"$root/valise" serve --config "$dir/valise.properties" --data "$dir/data" >"$dir/valise.log" 2>&1 &
vpid=$!
val="http://127.0.0.1:$vport"
for _ in $(seq 1 150); do curl -sf "$val/api/health" >/dev/null && break; sleep 0.2; done
curl -sf "$val/api/health" >/dev/null || { cat "$dir/valise.log" >&2; exit 1; }
if [ -n "$jfr" ]; then
  "$JAVA_HOME/bin/jcmd" "$vpid" JFR.start name=bench settings=profile method-profiling=max filename="$jfr" >/dev/null
fi
login() { curl -sf -X POST -d '{"name":"'"$1"'","password":"secret-password-for-bench"}' "$val/api/login" | sed 's/.*"token":"\([^"]*\)".*/\1/'; }
alice="$(login alice)"
bob="$(login bob)"
for who in alice bob; do
  tok="$alice"; [ "$who" = bob ] && tok="$bob"
  python3 -c 'import json,sys; print(json.dumps({"publicKey": open(sys.argv[1]).read().strip()}))' "$dir/${who}_key.pub" |
    curl -sf -X POST -H "Authorization: Bearer $tok" -H 'Content-Type: application/json' --data-binary @- "$val/api/ssh-keys" >/dev/null
done
inbox_ids() { curl -sf -H "Authorization: Bearer $bob" "$val/api/inbox" | python3 -c 'import json,sys; d=json.load(sys.stdin); print("\n".join(e["id"] for e in (d["envelopes"] if isinstance(d, dict) else d)))'; }

# --- transfers -----------------------------------------------------------------------------------
# CPU seconds a server has used so far: the Valise JVM's own; for OpenSSH, the listening sshd's reaped
# children (the per-connection sshd processes and their sftp-server), once the last one is reaped.
tck="$(getconf CLK_TCK)"
server_cpu() {
  local pid="$1"
  for _ in $(seq 1 100); do pgrep -P "$pid" >/dev/null || break; sleep 0.05; done
  awk -v t="$tck" '{sub(/^.*\) /, ""); print ($12 + $13 + $14 + $15) / t}' "/proc/$pid/stat"
}
# sftp SERVER(openssh|valise) CIPHER KEY BATCH_LINE: "SECONDS SERVER_CPU_SECONDS" of one `sftp -b` run
# (handshake included, for both)
run_sftp() {
  local server="$1" cipher="$2" key="$3" line="$4" port user start end pid cpu0
  if [ "$server" = openssh ]; then port="$sport"; user="$(id -un)"; pid="$spid"; else port="$gport"; user="$(basename "$key" _key)"; pid="$vpid"; fi
  printf '%s\n' "$line" >"$dir/batch"
  cpu0="$(server_cpu "$pid")"
  start="$(date +%s.%N)"
  if ! timeout "$tmo" sftp -q -c "$cipher" -b "$dir/batch" -P "$port" -o IdentitiesOnly=yes -i "$key" \
      -o StrictHostKeyChecking=no -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR \
      "$user@127.0.0.1" >"$dir/sftp.out" 2>&1; then
    echo "bench: sftp to $server failed (cipher $cipher, batch: $line):" >&2
    cat "$dir/sftp.out" >&2
    echo "--- last lines of the $server log:" >&2
    tail -20 "$dir/$([ "$server" = openssh ] && echo sshd || echo valise).log" >&2
    exit 1
  fi
  end="$(date +%s.%N)"
  echo "$(echo "$end - $start" | bc -l) $(echo "$(server_cpu "$pid") - $cpu0" | bc -l)"
}
withdraw() { # ENVELOPE_ID
  local code
  code="$(curl -s -o "$dir/withdraw.out" -w '%{http_code}' -X DELETE -H "Authorization: Bearer $alice" "$val/api/envelopes/$1")"
  case "$code" in 2*) ;; *) echo "bench: withdrawing envelope $1 answered $code: $(cat "$dir/withdraw.out")" >&2; exit 1 ;; esac
}
check() { # FILE LABEL
  local sum; sum="$(sha256sum "$1" | cut -d' ' -f1)"
  [ "$sum" = "$big_sum" ] || { echo "bench: $2: sha256 $sum differs from the uploaded file's $big_sum" >&2; exit 1; }
  rm -f "$1"
}
if [ "$warm_mib" -gt 0 ]; then
  echo "bench: warming both servers up: one untimed ${warm_mib} MiB put and get per cipher..." >&2
  head -c "$((warm_mib * 1024 * 1024))" /dev/urandom | "$root/valise" encrypt -r "$recipient" -o "$dir/warm.age"
  for c in "${ciphers[@]}"; do
    run_sftp openssh "$c" "$dir/alice_key" "put $dir/warm.age $dir/ssh-root/warm.age" >/dev/null
    run_sftp openssh "$c" "$dir/bob_key" "get $dir/ssh-root/warm.age $dir/warm-down.age" >/dev/null
    run_sftp valise "$c" "$dir/alice_key" "put $dir/warm.age /outbox/bob/warm.age" >/dev/null
    w="$(inbox_ids | tail -1)"
    run_sftp valise "$c" "$dir/bob_key" "get /inbox/$w.age $dir/warm-down.age" >/dev/null
    withdraw "$w"
  done
  rm -f "$dir/warm.age" "$dir/warm-down.age" "$dir/ssh-root/warm.age"
fi
load0="$(cut -d' ' -f1-3 /proc/loadavg)"
results="$dir/results"
: >"$results"
echo "bench: ${size_mib} MiB uploads, $rounds rounds per cipher..." >&2
last=""
for c in "${ciphers[@]}"; do
  for r in $(seq 1 "$rounds"); do
    rm -f "$dir/ssh-root/up.age"
    s="$(run_sftp openssh "$c" "$dir/alice_key" "put $dir/big.age $dir/ssh-root/up.age")"; echo "openssh-put-$c $s" | tee -a "$results"
    # The previous round's envelope is withdrawn first, so every round starts with the same free memory.
    [ -z "$last" ] || withdraw "$last"
    s="$(run_sftp valise "$c" "$dir/alice_key" "put $dir/big.age /outbox/bob/big-$r.age")"; echo "valise-put-$c $s" | tee -a "$results"
    last="$(inbox_ids | tail -1)"
    [ -n "$last" ] || { echo "bench: the Valise upload did not reach bob's inbox" >&2; exit 1; }
  done
done
[ "$(stat -c %s "$dir/ssh-root/up.age")" = "$big_bytes" ] || { echo "bench: OpenSSH upload is short" >&2; exit 1; }
[ "$(inbox_ids | wc -l)" = 1 ] || { echo "bench: expected one envelope in bob's inbox: $(inbox_ids | tr '\n' ' ')" >&2; exit 1; }
if [[ " $ops " == *" get "* ]]; then
  echo "bench: ${size_mib} MiB downloads (of the last uploads), $rounds rounds per cipher..." >&2
else
  ciphers_get=()
fi
for c in "${ciphers_get[@]}"; do
  for r in $(seq 1 "$rounds"); do
    s="$(run_sftp openssh "$c" "$dir/bob_key" "get $dir/ssh-root/up.age $dir/down.age")"; echo "openssh-get-$c $s" | tee -a "$results"
    check "$dir/down.age" "OpenSSH download"
    s="$(run_sftp valise "$c" "$dir/bob_key" "get /inbox/$last.age $dir/down.age")"; echo "valise-get-$c $s" | tee -a "$results"
    check "$dir/down.age" "Valise download"
  done
done
vm_hwm="$(grep VmHWM "/proc/$vpid/status" | awk '{print $2}')"
if [ -n "$jfr" ]; then
  "$JAVA_HOME/bin/jcmd" "$vpid" JFR.stop name=bench >/dev/null
  echo "bench: the Valise server's flight recording is in $jfr" >&2
fi

# --- summary -------------------------------------------------------------------------------------
# median NAME [COLUMN]: of the seconds (column 2) or the server's CPU seconds (column 3)
median() { grep "^$1 " "$results" | awk -v c="${2:-2}" '{print $c}' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
mibs() { echo "$big_bytes/$1/1048576" | bc -l; }
echo
echo "machine: $(nproc) cores, load average $load0 before the transfers, $(cut -d' ' -f1-3 /proc/loadavg) after, $(date -u +%FT%TZ)"
echo "file: $big_bytes bytes (${size_mib} MiB of random data, age-encrypted), median of $rounds rounds, MiB/s = 2^20 bytes/s;"
if [ "$warm_mib" -gt 0 ]; then echo "warm-up: one untimed ${warm_mib} MiB put and get per cipher and server before the rounds"; fi
echo "cpu: the server's CPU seconds per transfer (Valise: its JVM; OpenSSH: sshd and sftp-server)"
printf '%-32s %-4s %14s %14s %8s %12s %12s\n' cipher op "OpenSSH MiB/s" "Valise MiB/s" "ratio" "OpenSSH cpu" "Valise cpu"
for c in "${ciphers[@]}"; do
  for op in $ops; do
    o="$(median "openssh-$op-$c")"; v="$(median "valise-$op-$c")"
    printf '%-32s %-4s %14.1f %14.1f %8.2f %11.2fs %11.2fs\n' "$c" "$op" "$(mibs "$o")" "$(mibs "$v")" "$(echo "$o/$v" | bc -l)" \
      "$(median "openssh-$op-$c" 3)" "$(median "valise-$op-$c" 3)"
  done
done
echo "all downloads matched the upload's sha256 ($big_sum)"
echo "Valise server peak RSS (VmHWM): $((vm_hwm / 1024)) MiB"
