#!/usr/bin/env bash
# Runs the provisioned WildFly (recommender-ear/target/server/wildfly, built by the ear module's
# `mvn package`) with the application.
#
#   bin/server.sh start     start in the background, without the application; returns once the server is up
#   bin/server.sh deploy    deploy recommender-ear/target/recommender.ear (or $EAR) and wait until it is ready
#   bin/server.sh wait      wait until /health/ready answers UP
#   bin/server.sh status    print the state; exit 0 if the server runs, 3 if not
#   bin/server.sh stop      graceful stop (SIGTERM), killed after $STOP_TIMEOUT s
#   bin/server.sh up        start + deploy; if the deployment fails, stop the server again (for the ITs)
#   bin/server.sh run       start + deploy, then stay in the foreground with the log; Ctrl-C/TERM stops it
#   bin/server.sh log       follow the server log
#
# Environment:
#   PORT_OFFSET      port offset (default 0): HTTP 8080+offset, management 9990+offset. Each offset is its
#                    own server instance (base dir target/server/instance-<offset>: configuration, data,
#                    deployments, log), so a dev server and the integration-test server can run side by side.
#   DB_URL, DB_USER, DB_PASSWORD   the database (defaults in the server configuration:
#                    jdbc:postgresql://localhost:55432/recommender, recommender/recommender)
#   ADMIN_PASSWORD   the console admin's password (read by the application at start)
#   NODE_NAME        the server's name in a cluster (jboss.node.name; default: the host name, with -<offset>
#                    for a non-zero PORT_OFFSET): imports, trainings and evaluations are recovered per node name
#   LOAD_BALANCER    host:port of WildFly's load balancer (its MCMP port): the node registers with it over
#                    mod_cluster (configuration standalone-node.xml instead of standalone-microprofile.xml)
#   SERVER_ROLE      node (default) or balancer: WildFly's load balancer (standalone-load-balancer.xml, base
#                    dir instance-balancer-<offset>; HTTP 8080+offset, MCMP 6666+offset, management 9990+offset);
#                    start, stop, status and log only
#   SERVER_HEAP      maximum heap (default 2g)
#   SERVER_JAVA_OPTS extra JVM options
#   EAR              the archive `deploy` and `run` deploy
#   START_TIMEOUT (120), DEPLOY_TIMEOUT (300), STOP_TIMEOUT (30)   seconds
set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SERVER_ROOT="$REPO_ROOT/recommender-ear/target/server"
WILDFLY="$SERVER_ROOT/wildfly"
PORT_OFFSET="${PORT_OFFSET:-0}"
[[ "$PORT_OFFSET" =~ ^[0-9]+$ ]] || { echo "server: PORT_OFFSET must be a number, not '$PORT_OFFSET'" >&2; exit 2; }
SERVER_ROLE="${SERVER_ROLE:-node}"
case "$SERVER_ROLE" in
    node)
        BASE="$SERVER_ROOT/instance-$PORT_OFFSET"
        CONFIG=standalone-microprofile.xml
        [ -n "${LOAD_BALANCER:-}" ] && CONFIG=standalone-node.xml
        ;;
    balancer)
        BASE="$SERVER_ROOT/instance-balancer-$PORT_OFFSET"
        CONFIG=standalone-load-balancer.xml
        ;;
    *) echo "server: SERVER_ROLE must be node or balancer, not '$SERVER_ROLE'" >&2; exit 2 ;;
esac
if [ -n "${LOAD_BALANCER:-}" ] && ! [[ "$LOAD_BALANCER" =~ ^[^:]+:[0-9]+$ ]]; then
    echo "server: LOAD_BALANCER must be host:port (the balancer's MCMP port), not '$LOAD_BALANCER'" >&2; exit 2
fi
PIDFILE="$BASE/server.pid"
LOG="$BASE/log/server.log"
DEPLOYMENTS="$BASE/deployments"
EAR="${EAR:-$REPO_ROOT/recommender-ear/target/recommender.ear}"
HTTP_PORT=$((8080 + PORT_OFFSET))
MGMT_PORT=$((9990 + PORT_OFFSET))
HTTP_URL="http://localhost:$HTTP_PORT"
MGMT_URL="http://localhost:$MGMT_PORT"
START_TIMEOUT="${START_TIMEOUT:-120}"
DEPLOY_TIMEOUT="${DEPLOY_TIMEOUT:-300}"
STOP_TIMEOUT="${STOP_TIMEOUT:-30}"

log() { echo "server[$PORT_OFFSET]: $*" >&2; }
die() { echo "server[$PORT_OFFSET]: ERROR: $*" >&2; exit 1; }

usage() {
    sed -n '2,25p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# --- the Java process ---------------------------------------------------------------------------

# The Java PID of this instance: from the pid file standalone.sh writes, else (pid file lost) the java
# process whose command line names this instance's base dir. Empty when it does not run.
java_pid() {
    local pid
    if [ -f "$PIDFILE" ]; then
        pid="$(cat "$PIDFILE")"
        if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && is_our_java "$pid"; then
            echo "$pid"
            return 0
        fi
    fi
    local dir
    for dir in /proc/[0-9]*; do
        pid="${dir#/proc/}"
        if is_our_java "$pid"; then
            echo "$pid"
            return 0
        fi
    done
}

is_our_java() {
    local cmdline
    cmdline="$( { tr '\0' '\n' < "/proc/$1/cmdline"; } 2>/dev/null )" || return 1
    grep -qx -- "-Djboss.server.base.dir=$BASE" <<< "$cmdline" && grep -qx 'org.jboss.as.standalone' <<< "$cmdline"
}

port_in_use() {
    # bash's /dev/tcp: connecting succeeds when something listens
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# the management interface's readiness report ("" when it does not answer)
readiness_json() {
    curl -s --max-time 5 "$MGMT_URL/health/ready" 2>/dev/null || true
}

# --- instance ------------------------------------------------------------------------------------

# The instance's base dir is a copy of the provisioned standalone/ folder, refreshed when the server was
# re-provisioned (provision.sh deletes the instances; this check covers copies made by hand).
prepare_instance() {
    [ -x "$WILDFLY/bin/standalone.sh" ] || die "no provisioned server in $WILDFLY: build it first (./mvnw -pl recommender-ear -am package -DskipTests)"
    local marker="$SERVER_ROOT/provisioned.sha256"
    if [ ! -d "$BASE" ] || ! cmp -s "$marker" "$BASE/provisioned.sha256"; then
        rm -rf "$BASE"
        cp -r "$WILDFLY/standalone" "$BASE"
        cp "$marker" "$BASE/provisioned.sha256"
    fi
    mkdir -p "$BASE/log" "$BASE/tmp/java" "$BASE/data/djl" "$DEPLOYMENTS"
    # Every start begins from the provisioned configuration: no runtime edits, and no deployments the
    # scanner recorded in it last time (the server would deploy those again at boot).
    cp "$WILDFLY/standalone/configuration/$CONFIG" "$BASE/configuration/"
    # ... and with an empty deployments/ folder: archives of an earlier run would be deployed during the
    # boot (only to be replaced by `deploy`), stale *.failed/*.deployed markers make the scanner skip or
    # re-fail them.
    find "$DEPLOYMENTS" -mindepth 1 -maxdepth 1 ! -name README.txt -exec rm -rf {} +
}

java_opts() {
    if [ "$SERVER_ROLE" = balancer ]; then
        echo "-Xms64m -Xmx${SERVER_HEAP:-256m} -Djava.net.preferIPv4Stack=true -Djava.io.tmpdir=$BASE/tmp/java ${SERVER_JAVA_OPTS:-}"
        return 0
    fi
    local djl="$BASE/data/djl"
    local opts=(
        -Xms256m "-Xmx${SERVER_HEAP:-2g}" -XX:MetaspaceSize=128m -XX:MaxMetaspaceSize=768m
        # G1 sizes the young generation for this pause target (its default, 200 ms, let young pauses of a
        # loaded 2-core server reach 100 ms and more: the tail of the answers' latency)
        -XX:MaxGCPauseMillis=30
        -Djava.net.preferIPv4Stack=true -Djava.awt.headless=true -Djboss.modules.system.pkgs=org.jboss.byteman,jdk.incubator.vector
        # native code (DJL, ONNX Runtime, tokenizers) and its files stay inside the server
        --enable-native-access=ALL-UNNAMED
        # the ranking pipeline's dot products (Vector API; its package is a system package above)
        --add-modules=jdk.incubator.vector
        "-Djava.io.tmpdir=$BASE/tmp/java"
        -Dai.djl.offline=true "-DDJL_CACHE_DIR=$djl" "-DENGINE_CACHE_DIR=$djl" "-Djna.tmpdir=$djl/jna"
        # unpacked by provision.sh: ONNX Runtime's libraries and the models (<dir>/<model>/model.onnx)
        "-Donnxruntime.native.path=$WILDFLY/native/onnxruntime"
        "-Drecommender.models.dir=$WILDFLY/models"
    )
    # Two instances on one machine must not share a node name: each recovers only its own runs.
    local node="${NODE_NAME:-}"
    if [ -z "$node" ] && [ "$PORT_OFFSET" != 0 ]; then
        node="$(hostname -s)-$PORT_OFFSET"
    fi
    if [ -n "$node" ]; then
        # the transaction manager's node id too (at most 23 bytes), unique per node as it must be
        local tx_id="$node"
        ((${#tx_id} <= 23)) || tx_id="${tx_id: -23}"
        opts+=("-Djboss.node.name=$node" "-Djboss.tx.node.id=$tx_id")
    fi
    # the Spark training job (module recommender-spark, built beside the EAR) for catalogues whose engine is spark
    # (in a file: on the command line its 200 jars would hide the server's own arguments from tools that cut it)
    if [ -f "$REPO_ROOT/recommender-spark/target/job.classpath" ]; then
        printf '%s' "$REPO_ROOT/recommender-spark/target/classes:$(cat "$REPO_ROOT/recommender-spark/target/job.classpath")" \
            > "$BASE/spark.classpath"
        opts+=("-Drecommender.spark.classpath-file=$BASE/spark.classpath")
    fi
    if [ -n "${LOAD_BALANCER:-}" ]; then
        opts+=("-Drecommender.balancer.host=${LOAD_BALANCER%:*}" "-Drecommender.balancer.port=${LOAD_BALANCER##*:}")
    fi
    echo "${opts[*]} ${SERVER_JAVA_OPTS:-}"
}

# --- commands ------------------------------------------------------------------------------------

cmd_start() {
    local pid
    pid="$(java_pid)"
    if [ -n "$pid" ]; then
        [ "$SERVER_ROLE" = balancer ] || curl -sf --max-time 5 -o /dev/null "$MGMT_URL/health/live" || die "pid $pid runs for this instance but its management interface $MGMT_URL does not answer"
        log "already running (pid $pid), $HTTP_URL"
        return 0
    fi
    local port
    for port in "$HTTP_PORT" "$MGMT_PORT"; do
        port_in_use "$port" && die "port $port is taken by another process: stop it or choose another PORT_OFFSET"
    done
    source "$REPO_ROOT/bin/jdk.sh"
    prepare_instance
    rm -f "$PIDFILE"
    local log_offset
    log_offset=$(( $(stat -c %s "$LOG" 2>/dev/null || echo 0) + 1 ))

    log "starting WildFly ($JAVA_HOME), base $BASE, log $LOG"
    # LAUNCH_JBOSS_IN_BACKGROUND makes standalone.sh write the *Java* PID to JBOSS_PIDFILE.
    # setsid: the server survives the shell (and Maven) that started it, and Ctrl-C there does not reach it.
    (
        cd "$BASE"
        export LAUNCH_JBOSS_IN_BACKGROUND=1 JBOSS_PIDFILE="$PIDFILE" JBOSS_BASE_DIR="$BASE" JAVA_OPTS="$(java_opts)"
        exec setsid "$WILDFLY/bin/standalone.sh" -c "$CONFIG" \
            "-Djboss.server.base.dir=$BASE" "-Djboss.socket.binding.port-offset=$PORT_OFFSET" \
            > "$BASE/log/console.log" 2>&1 < /dev/null
    ) &

    local waited=0
    while [ ! -s "$PIDFILE" ]; do
        ((waited++ < 100)) || { tail -n 30 "$BASE/log/console.log" >&2; die "standalone.sh did not start Java (console: $BASE/log/console.log)"; }
        sleep 0.1
    done
    pid="$(cat "$PIDFILE")"

    # Booted = WFLYSRV0025 "started" or WFLYSRV0026 "started (with errors)" in this run's log lines
    # (deployments already in deployments/ are part of the boot). Reading the log keeps the server quiet:
    # polling /health/ready during the boot logs a warning per call.
    local started=$SECONDS boot_line
    while :; do
        kill -0 "$pid" 2>/dev/null || { show_log_tail; die "the server died while starting"; }
        # the log handler rotates at the first line of a new day: then this run's lines start the file
        (( $(stat -c %s "$LOG" 2>/dev/null || echo 0) + 1 >= log_offset )) || log_offset=1
        boot_line="$(tail -c +"$log_offset" "$LOG" 2>/dev/null | grep -m 1 -E 'WFLYSRV002[56]' || true)"
        if [ -n "$boot_line" ]; then
            break
        fi
        ((SECONDS - started < START_TIMEOUT)) || { show_log_tail; die "not up after $START_TIMEOUT s"; }
        sleep 0.3
    done
    if grep -q WFLYSRV0026 <<< "$boot_line"; then
        log "up with errors (pid $pid) in $((SECONDS - started)) s: see $LOG"
    else
        log "up (pid $pid) in $((SECONDS - started)) s: $HTTP_URL (management $MGMT_URL)"
    fi
}

cmd_deploy() {
    local pid
    pid="$(java_pid)"
    [ -n "$pid" ] || die "the server does not run: bin/server.sh start"
    [ -f "$EAR" ] || die "no archive at $EAR: build it (./mvnw package)"
    local name
    name="$(basename "$EAR")"
    local from_line
    from_line=$(( $(wc -l < "$LOG" 2>/dev/null || echo 0) + 1 ))

    rm -f "$DEPLOYMENTS/$name".{failed,deployed,undeployed,skipdeploy}
    # Copy next to the folder, then rename: the scanner never sees a half-written archive.
    cp "$EAR" "$BASE/.$name.part"
    mv -f "$BASE/.$name.part" "$DEPLOYMENTS/$name"
    log "deploying $name"

    local started=$SECONDS
    while :; do
        if [ -e "$DEPLOYMENTS/$name.failed" ]; then
            echo "--- $DEPLOYMENTS/$name.failed" >&2
            cat "$DEPLOYMENTS/$name.failed" >&2; echo >&2
            echo "--- errors in $LOG since the deployment started" >&2
            tail -n +"$from_line" "$LOG" | grep -E -A 12 ' (ERROR|FATAL) ' | head -n 150 >&2 || true
            die "deployment of $name failed"
        fi
        if [ -e "$DEPLOYMENTS/$name.deployed" ]; then
            log "deployed $name in $((SECONDS - started)) s"
            break
        fi
        kill -0 "$pid" 2>/dev/null || { show_log_tail; die "the server died while deploying"; }
        ((SECONDS - started < DEPLOY_TIMEOUT)) || { show_log_tail; die "$name not deployed after $DEPLOY_TIMEOUT s"; }
        sleep 0.3
    done
    cmd_wait
}

cmd_wait() {
    local pid started=$SECONDS json
    pid="$(java_pid)"
    [ -n "$pid" ] || die "the server does not run"
    while :; do
        if curl -sf --max-time 5 -o /dev/null "$MGMT_URL/health/ready"; then
            log "ready: $HTTP_URL"
            return 0
        fi
        kill -0 "$pid" 2>/dev/null || { show_log_tail; die "the server died"; }
        if ((SECONDS - started >= START_TIMEOUT)); then
            json="$(readiness_json)"
            die "not ready after $START_TIMEOUT s: ${json:-management interface does not answer}"
        fi
        # not faster: the server logs a warning for every DOWN answer
        sleep 1
    done
}

cmd_status() {
    local pid
    pid="$(java_pid)"
    if [ -z "$pid" ]; then
        echo "not running (instance $BASE)"
        return 3
    fi
    local rss
    rss="$(awk '/^VmRSS/ {printf "%d MB", $2/1024}' "/proc/$pid/status" 2>/dev/null || true)"
    echo "running: pid $pid, RSS $rss, $HTTP_URL, management $MGMT_URL"
    echo "log: $LOG"
    local marker
    for marker in "$DEPLOYMENTS"/*.{deployed,failed,isdeploying,pending}; do
        [ -e "$marker" ] && echo "deployment: $(basename "$marker")"
    done
    [ "$SERVER_ROLE" = balancer ] || echo "readiness: $(readiness_json)"
}

cmd_stop() {
    local pid
    pid="$(java_pid)"
    if [ -z "$pid" ]; then
        log "not running"
        rm -f "$PIDFILE"
        return 0
    fi
    log "stopping (pid $pid)"
    kill -TERM "$pid" 2>/dev/null || true
    local started=$SECONDS
    while kill -0 "$pid" 2>/dev/null; do
        if ((SECONDS - started >= STOP_TIMEOUT)); then
            log "still running after $STOP_TIMEOUT s: killing it"
            kill -KILL "$pid" 2>/dev/null || true
            break
        fi
        sleep 0.2
    done
    rm -f "$PIDFILE"
    log "stopped"
}

cmd_up() {
    cmd_start
    # a child process, so that its failure (die) comes back here
    if ! bash "$REPO_ROOT/bin/server.sh" deploy; then
        cmd_stop
        die "stopped the server again: the deployment failed"
    fi
}

cmd_run() {
    cmd_start
    local pid
    pid="$(java_pid)"
    RUN_TAIL_PID=""
    # (every function here ends in an explicit "return 0": a bare return inside a trap handler would
    # return the status of the interrupted command and trip set -e)
    trap 'echo; stop_tail; cmd_stop; exit 0' INT TERM
    if ! bash "$REPO_ROOT/bin/server.sh" deploy; then
        cmd_stop
        exit 1
    fi
    log "running; Ctrl-C stops the server"
    tail -n 0 -F "$LOG" &
    RUN_TAIL_PID=$!
    # wait returns early when a trapped signal arrives
    while kill -0 "$pid" 2>/dev/null; do
        sleep 1 & wait $! || true
    done
    stop_tail
    die "the server exited; see $LOG"
}

stop_tail() {
    if [ -n "${RUN_TAIL_PID:-}" ]; then
        kill "$RUN_TAIL_PID" 2>/dev/null || true
    fi
    return 0
}

show_log_tail() {
    [ -f "$LOG" ] && { echo "--- last lines of $LOG" >&2; tail -n 40 "$LOG" >&2; }
    [ -f "$BASE/log/console.log" ] && { echo "--- last lines of $BASE/log/console.log" >&2; tail -n 15 "$BASE/log/console.log" >&2; }
    return 0
}

if [ "$SERVER_ROLE" = balancer ]; then
    case "${1:-}" in
        start | stop | status | log) ;;
        *) echo "server: the balancer has no application: start, stop, status or log" >&2; exit 2 ;;
    esac
fi

case "${1:-}" in
    start) cmd_start ;;
    deploy) cmd_deploy ;;
    wait) cmd_wait ;;
    status) cmd_status ;;
    stop) cmd_stop ;;
    up) cmd_up ;;
    run) cmd_run ;;
    log) exec tail -n 100 -F "$LOG" ;;
    *) usage ;;
esac
