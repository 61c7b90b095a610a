#!/usr/bin/env bash
# Whole-process benchmark: `valise encrypt|decrypt` against the age CLI (Go) on the same file, in
# the same run, alternating tools each round. The input sits in the page cache (tmpfs by default)
# and the output goes to /dev/null. Prints per-round seconds and peak RSS, then medians and ratios.
#
#   bench/age-cli.sh [SIZE_MIB] [ROUNDS]      defaults: 4096 MiB, 5 rounds
#   BENCH_DIR=/some/dir bench/age-cli.sh      where the input and ciphertext live (default /dev/shm)
set -euo pipefail
root="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.." && pwd)"
size_mib="${1:-4096}"
rounds="${2:-5}"
dir="${BENCH_DIR:-/dev/shm}/valise-bench-$$"
for tool in age age-keygen /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "bench: $tool is missing (apt-get install age time)" >&2; exit 1; }
done
mkdir -p "$dir"
trap 'rm -rf "$dir"' EXIT

"$root/valise" --version >/dev/null   # builds on first use, outside the timings
age-keygen -o "$dir/key" 2>/dev/null
recipient="$(age-keygen -y "$dir/key")"
echo "bench: writing ${size_mib} MiB of random data to $dir..." >&2
head -c "$((size_mib * 1024 * 1024))" /dev/urandom >"$dir/plain"
age -r "$recipient" -o "$dir/cipher.age" "$dir/plain"

# run LABEL CMD...: prints "LABEL seconds peak_rss_kib"
run() {
  local label="$1"; shift
  if ! /usr/bin/time -f '%e %M' -o "$dir/time" "$@" >/dev/null 2>"$dir/stderr"; then
    echo "bench: $label failed:" >&2
    cat "$dir/stderr" >&2
    exit 1
  fi
  echo "$label $(tail -1 "$dir/time")"
}

results="$dir/results"
: >"$results"
for r in $(seq 1 "$rounds"); do
  run age-encrypt    age -r "$recipient" -o /dev/null "$dir/plain" | tee -a "$results"
  run valise-encrypt "$root/valise" encrypt -r "$recipient" -o /dev/null "$dir/plain" | tee -a "$results"
  run age-decrypt    age -d -i "$dir/key" -o /dev/null "$dir/cipher.age" | tee -a "$results"
  run valise-decrypt "$root/valise" decrypt -i "$dir/key" -o /dev/null "$dir/cipher.age" | tee -a "$results"
done

median() { grep "^$1 " "$results" | awk '{print $'"$2"'}' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
echo
printf '%-16s %10s %10s %12s\n' tool "median s" "GB/s" "peak RSS MiB"
for t in age-encrypt valise-encrypt age-decrypt valise-decrypt; do
  s="$(median "$t" 2)"; m="$(median "$t" 3)"
  printf '%-16s %10.2f %10.2f %12.0f\n' "$t" "$s" "$(echo "$size_mib*1048576/$s/1000000000" | bc -l)" "$(echo "$m/1024" | bc -l)"
done
for op in encrypt decrypt; do
  printf 'ratio %s (valise throughput / age throughput): %.2f\n' "$op" \
    "$(echo "$(median age-$op 2)/$(median valise-$op 2)" | bc -l)"
done
