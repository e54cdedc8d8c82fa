#!/usr/bin/env bash
# Provisions the WildFly server the application runs on: unpacks the distribution, adds the PostgreSQL
# module and runs configure-server.cli in an embedded server. Called by the ear module's build
# (exec-maven-plugin, prepare-package); can be run by hand with the same arguments.
#
#   provision.sh <wildfly-dist.zip> <postgresql.jar> <server-root>
#
# The server lands in <server-root>/wildfly. The CLI script is not idempotent, so the server is rebuilt
# from a clean unpack, and only when an input changed: the distribution, the driver, or anything in this
# folder (a checksum in <server-root>/provisioned.sha256). Otherwise this is a no-op.
set -euo pipefail

[ $# -eq 3 ] || { sed -n '6p' "$0" | sed 's/^# *//' >&2; exit 2; }
DIST_ZIP="$1"
DRIVER_JAR="$2"
SERVER_ROOT="$3"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../../../.." && pwd)"
WILDFLY="$SERVER_ROOT/wildfly"
MARKER="$SERVER_ROOT/provisioned.sha256"

log() { echo "provision: $*" >&2; }
die() { echo "provision: ERROR: $*" >&2; exit 1; }

[ -f "$DIST_ZIP" ] || die "WildFly distribution not found: $DIST_ZIP"
[ -f "$DRIVER_JAR" ] || die "PostgreSQL driver not found: $DRIVER_JAR"

# The distribution is identified by name and size (hashing 260 MB on every build is too slow);
# everything else by content.
inputs_checksum() {
    {
        echo "dist $(basename "$DIST_ZIP") $(stat -c %s "$DIST_ZIP")"
        echo "driver $(sha256sum < "$DRIVER_JAR")"
        (cd "$HERE" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    } | sha256sum | cut -d' ' -f1
}

CHECKSUM="$(inputs_checksum)"
if [ -f "$MARKER" ] && [ "$(cat "$MARKER")" = "$CHECKSUM" ] && [ -x "$WILDFLY/bin/standalone.sh" ]; then
    log "server up to date ($WILDFLY)"
    exit 0
fi

# Never pull the server out from under a running instance.
for pidfile in "$SERVER_ROOT"/instance-*/server.pid; do
    [ -f "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
        die "the server inputs changed, but a server still runs from $WILDFLY (pid $pid): stop it first (bin/server.sh stop)"
    fi
done

# shellcheck source=../../../../bin/jdk.sh
source "$REPO_ROOT/bin/jdk.sh"

started=$SECONDS
log "provisioning $WILDFLY from $(basename "$DIST_ZIP") (inputs changed or first build)"
rm -rf "$WILDFLY" "$MARKER" "$SERVER_ROOT"/instance-*
mkdir -p "$SERVER_ROOT"
unpack_dir="$SERVER_ROOT/.unpack"
rm -rf "$unpack_dir"
mkdir -p "$unpack_dir"
unzip -q "$DIST_ZIP" -d "$unpack_dir"
mv "$unpack_dir"/wildfly-* "$WILDFLY"
rm -rf "$unpack_dir"

# Modules: module.xml files from this folder, jars next to them.
cp -r "$HERE/modules/." "$WILDFLY/modules/"
cp "$DRIVER_JAR" "$WILDFLY/modules/org/postgresql/main/postgresql.jar"

cli_log="$SERVER_ROOT/provision-cli.log"
if ! "$WILDFLY/bin/jboss-cli.sh" --file="$HERE/configure-server.cli" > "$cli_log" 2>&1; then
    grep -v '^WARNING: ' "$cli_log" >&2 || true
    die "configure-server.cli failed (full output: $cli_log); the server is left unconfigured and will be rebuilt on the next run"
fi
# The embedded boot leaves logs and history behind: start the real server from a clean slate.
rm -rf "$WILDFLY/standalone/log" "$WILDFLY/standalone/data" "$WILDFLY/standalone/tmp" \
       "$WILDFLY/standalone/configuration/standalone_xml_history"

echo "$CHECKSUM" > "$MARKER"
log "provisioned in $((SECONDS - started)) s"
