#!/usr/bin/env bash
# ChaCha20-Poly1305 throughput per core for 64 KiB messages: Valise's AEAD backends (JMH, one
# thread) next to `openssl speed` in the same run, printed as one table. Takes about 2.5 minutes.
#
# Usage: bench/aead.sh [output-dir]   (raw JMH CSV/log and openssl output are kept there)
#
# "Per core" is bytes per CPU-second of the working thread: `openssl speed` divides by its own
# CPU time by default, and JMH's CpuMeter does the same for us, so a busy machine slows the run
# but not the figures. Wall-clock figures are printed too; trust them only on an idle machine.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bench=$root/bench
out=${1:-$(mktemp -d "${TMPDIR:-/tmp}/valise-aead.XXXXXX")}
mkdir -p "$out"
bytes=65536

die() {
  echo "aead.sh: $*" >&2
  exit 1
}

find_jdk25() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
    [[ -n $candidate && -x $candidate/bin/java ]] || continue
    if "$candidate/bin/java" -version 2>&1 | grep -q 'version "25'; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

jdk=$(find_jdk25) ||
  die "no JDK 25 in \$JAVA_HOME (${JAVA_HOME:-unset}) or /usr/lib/jvm/*25*; install one and set JAVA_HOME"
export JAVA_HOME=$jdk
command -v openssl >/dev/null || die "openssl not found (Debian package: openssl)"

# Build when the benchmark jar is missing or older than any source or pom it is made from.
jar=$(compgen -G "$bench/target/valise-bench-*.jar" | head -n 1 || true)
if [[ -z $jar || ! -d $bench/target/lib ]] ||
  [[ -n $(find "$root/pom.xml" "$root/age/pom.xml" "$root/age/src/main" "$bench/pom.xml" \
    "$bench/src/main" -newer "$jar" -print -quit) ]]; then
  echo "Building the benchmarks (./mvnw package -pl bench -am)..." >&2
  (cd "$root" && ./mvnw -B -q package -pl bench -am -DskipTests) >"$out/build.log" 2>&1 ||
    die "build failed; see $out/build.log"
  jar=$(compgen -G "$bench/target/valise-bench-*.jar" | head -n 1)
fi

echo "Load average before: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) cores" >&2
echo "Running JMH (6 benchmarks x 2 forks, about 2 minutes)..." >&2
"$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$jar:$bench/target/lib/*" \
  org.openjdk.jmh.Main 'io\.valise\.bench\.aead\..*' -rf csv -rff "$out/jmh.csv" \
  >"$out/jmh.log" 2>&1 || die "JMH failed; see $out/jmh.log"

# openssl speed -mr prints "+F:<n>:<name>:<bytes per second>" for each size.
openssl_speed() {
  openssl speed -mr "$@" -evp chacha20-poly1305 -bytes "$bytes" -seconds 3 2>"$out/openssl.err" |
    tee -a "$out/openssl.txt" | awk -F: '/^\+F:/ { print $4 }'
}
echo "Running openssl speed (4 x 3 s)..." >&2
: >"$out/openssl.txt"
enc_cpu=$(openssl_speed)
dec_cpu=$(openssl_speed -decrypt)
enc_wall=$(openssl_speed -elapsed)
dec_wall=$(openssl_speed -elapsed -decrypt)
[[ -n $enc_cpu && -n $dec_cpu && -n $enc_wall && -n $dec_wall ]] ||
  die "could not read openssl speed's output; see $out/openssl.txt"
echo "Load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" >&2

echo
echo "ChaCha20-Poly1305, ${bytes}-byte messages, one thread; GB = 10^9 bytes."
echo "Ratio: per-core figure over OpenSSL's for the same direction (seal = encrypt, open = decrypt)."
echo
awk -F, -v enc_cpu="$enc_cpu" -v dec_cpu="$dec_cpu" -v enc_wall="$enc_wall" \
  -v dec_wall="$dec_wall" '
  function unquote(s) { gsub(/"/, "", s); return s }
  function row(name, op, cpu, wall, ref) {
    printf "| %-34s | %-6s | %13.2f | %10.2f | %8.0f %% |\n", name, op, cpu / 1e9, wall / 1e9, 100 * cpu / ref
  }
  { sub(/\r$/, "") }  # JMH writes CSV with CRLF line ends
  NR > 1 {
    bench = unquote($1); param = unquote($8)
    metric = "score"
    if (split(bench, parts, ":") == 2) { bench = parts[1]; metric = parts[2] }
    sub(/.*\./, "", bench)
    key = bench "|" param
    if (!(key in seen)) { seen[key] = 1; keys[++n] = key }
    value[key, metric] = $5 + 0
  }
  END {
    label["seal|jdk"] = "valise jdk";                  op["seal|jdk"] = "seal"
    label["open|jdk"] = "valise jdk";                  op["open|jdk"] = "open"
    label["seal|openssl"] = "valise openssl (FFM)";    op["seal|openssl"] = "seal"
    label["open|openssl"] = "valise openssl (FFM)";    op["open|openssl"] = "open"
    label["sealCriticalHeap|"] = "raw FFM, critical heap segments"
    op["sealCriticalHeap|"] = "seal"
    label["sealCopyThroughNative|"] = "raw FFM, copy via native memory"
    op["sealCopyThroughNative|"] = "seal"
    print "| backend                            | op     | GB/s per core | GB/s wall  | vs OpenSSL |"
    print "|------------------------------------|--------|---------------|------------|------------|"
    row("openssl speed (reference)", "seal", enc_cpu, enc_wall, enc_cpu)
    row("openssl speed (reference)", "open", dec_cpu, dec_wall, dec_cpu)
    order = "seal|openssl open|openssl sealCriticalHeap| sealCopyThroughNative| seal|jdk open|jdk"
    count = split(order, wanted, " ")
    for (i = 1; i <= count; i++) {
      k = wanted[i]
      if (!(k in seen)) continue
      cpu = value[k, "cpuNanos"] > 0 ? value[k, "bytes"] * 1e9 / value[k, "cpuNanos"] : 0
      row(label[k], op[k], cpu, value[k, "score"], op[k] == "open" ? dec_cpu : enc_cpu)
    }
  }' "$out/jmh.csv"
echo
echo "Raw results: $out"
