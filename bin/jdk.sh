#!/usr/bin/env bash
# Source this file: it exports JAVA_HOME pointing at a JDK >= 21 (Vaadin 25 and the build need it).
# JAVA_HOME wins when it is recent enough; else the newest JDK under /usr/lib/jvm; else an error that
# says what to install.

_jdk_major() {
    "$1/bin/java" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p' | cut -d. -f1
}

_jdk_pick() {
    if [ -n "${JAVA_HOME:-}" ] && [ -x "$JAVA_HOME/bin/javac" ] && [ "$(_jdk_major "$JAVA_HOME")" -ge 21 ] 2>/dev/null; then
        echo "$JAVA_HOME"
        return 0
    fi
    local best="" best_major=0 home major
    for home in /usr/lib/jvm/*/; do
        home="${home%/}"
        [ -x "$home/bin/javac" ] || continue
        major="$(_jdk_major "$home")"
        if [ -n "$major" ] && [ "$major" -ge 21 ] && [ "$major" -gt "$best_major" ]; then
            best="$home" best_major="$major"
        fi
    done
    [ -n "$best" ] && echo "$best"
}

if ! JAVA_HOME="$(_jdk_pick)"; then
    echo "No JDK >= 21 found (JAVA_HOME or /usr/lib/jvm). Install one (openjdk-21-jdk-headless or newer where the distribution has it, or Temurin), or set JAVA_HOME" >&2
    return 1 2>/dev/null || exit 1
fi
export JAVA_HOME
export PATH="$JAVA_HOME/bin:$PATH"
