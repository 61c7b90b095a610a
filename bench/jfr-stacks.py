#!/usr/bin/env python3
"""Sums up `jfr print` output for bench/audit-profile.sh.

  jfr-stacks.py [--cpu-time] SAMPLES_TXT SENDS
      execution samples (or CPU-time samples): self and inclusive per method, per thread
  jfr-stacks.py --waits WAITS_TXT SENDS     parks, monitor waits and enters: count and time by site

Inclusive counts a method once per sample whatever its depth, so a caller's share holds its
callees'. "per send" divides by the number of sends the load generator completed.
"""
import collections
import re
import sys


def events(path):
    """Yields (type, fields, frames) for each event of a `jfr print` text."""
    kind, fields, frames, in_stack = None, {}, [], False
    for line in open(path, encoding="utf-8", errors="replace"):
        s = line.strip()
        m = re.match(r"^(jdk\.\w+) \{$", s)
        if m:
            kind, fields, frames, in_stack = m.group(1), {}, [], False
        elif s == "stackTrace = [":
            in_stack = True
        elif in_stack and s == "]":
            in_stack = False
        elif in_stack:
            if s != "...":
                frames.append(re.sub(r"\s+line:.*$", "", s))
        elif s == "}" and kind:
            yield kind, fields, frames
            kind = None
        elif " = " in s and kind:
            k, v = s.split(" = ", 1)
            fields[k] = v


def short(frame):
    m = re.match(r"^([\w.$]+)\.([\w$<>]+)\(", frame)
    if not m:
        return frame
    cls = m.group(1).split(".")[-1]
    pkg = m.group(1).rsplit(".", 1)[0]
    return f"{pkg}.{cls}.{m.group(2)}"


def samples(path, sends, sample_kind):
    total = 0
    own = collections.Counter()
    incl = collections.Counter()
    threads = collections.Counter()
    for kind, fields, frames in events(path):
        if kind != sample_kind or not frames:
            continue
        total += 1
        own[short(frames[0])] += 1
        for f in set(short(f) for f in frames):
            incl[f] += 1
        t = fields.get("sampledThread", fields.get("eventThread", "?")).split('"')
        name = t[1] if len(t) > 1 else "?"
        threads[re.sub(r"[-#]?\d+$", "", name) or "(virtual)"] += 1
    print(f"{total} {sample_kind} events, {sends} sends ({total / max(sends, 1):.3f} samples per send)\n")
    print("by thread")
    for k, n in threads.most_common(15):
        print(f"{100 * n / total:6.1f} %  {k}")
    print("\nself (top frame)")
    for k, n in own.most_common(40):
        print(f"{100 * n / total:6.1f} %  {k}")
    print("\ninclusive (io.valise, JDBC, Jetty, Jackson, crypto)")
    keep = re.compile(r"^(io\.valise|org\.sqlite|org\.postgresql|com\.zaxxer|org\.eclipse\.jetty\.server|com\.fasterxml|sun\.security\.ec|java\.util\.Base64|sun\.security\.provider)")
    shown = 0
    for k, n in incl.most_common():
        if keep.match(k):
            print(f"{100 * n / total:6.1f} %  {k}")
            shown += 1
            if shown >= 120:
                break


def duration_ms(text):
    m = re.match(r"([\d.,]+)\s*(ns|us|ms|s|min)", text or "")
    if not m:
        return 0.0
    v = float(m.group(1).replace(",", ""))
    return v * {"ns": 1e-6, "us": 1e-3, "ms": 1, "s": 1e3, "min": 6e4}[m.group(2)]


def waits(path, sends):
    count = collections.Counter()
    time = collections.Counter()
    for kind, fields, frames in events(path):
        ours = [short(f) for f in frames if f.startswith("io.valise")]
        lib = [short(f) for f in frames if not f.startswith(("java.", "jdk.", "sun."))]
        site = " < ".join((ours or lib or [short(f) for f in frames])[:3])
        key = (kind.split(".")[1], site)
        count[key] += 1
        time[key] += duration_ms(fields.get("duration"))
    print(f"{sends} sends; events over the JFR threshold (profile settings: 10 ms for parks, 10 ms waits)\n")
    print(f"{'event':18} {'count':>7} {'per send':>9} {'total ms':>10}  site")
    for key, t in time.most_common(40):
        print(f"{key[0]:18} {count[key]:7d} {count[key] / max(sends, 1):9.3f} {t:10.0f}  {key[1]}")


if __name__ == "__main__":
    if sys.argv[1] == "--waits":
        waits(sys.argv[2], int(sys.argv[3]))
    else:
        kind = "jdk.ExecutionSample"
        if sys.argv[1] == "--cpu-time":
            kind = "jdk.CPUTimeSample"
            del sys.argv[1]
        samples(sys.argv[1], int(sys.argv[2]), kind)
