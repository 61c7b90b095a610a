# Sourced by Valise's scripts: sets JAVA_HOME to a JDK 25 or stops with a clear message.
# Order: $JAVA_HOME if it is a JDK 25, then /usr/lib/jvm/*25*.
valise_find_jdk() {
  local candidate
  for candidate in "${JAVA_HOME:-}" /usr/lib/jvm/*25*; do
    [ -n "$candidate" ] && [ -x "$candidate/bin/javac" ] || continue
    # The version line, not the first line: with JAVA_TOOL_OPTIONS set, the JVM prints
    # "Picked up JAVA_TOOL_OPTIONS: ..." before it.
    if "$candidate/bin/java" -version 2>&1 | grep -E '^(openjdk|java) version' | head -1 | grep -Eq '"25([."]|$)'; then
      export JAVA_HOME="$candidate"
      return 0
    fi
  done
  echo "valise: no JDK 25 found. Set JAVA_HOME to a JDK 25, or install one under /usr/lib/jvm" >&2
  echo "        (for example Temurin 25: /usr/lib/jvm/temurin-25-jdk-amd64)." >&2
  return 1
}
