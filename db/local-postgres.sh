#!/usr/bin/env bash
# Local PostgreSQL + pgvector for development and tests, in a project-local data folder.
#
#   db/local-postgres.sh start    install what is missing, initialise, start, provision (idempotent)
#   db/local-postgres.sh stop     stop the cluster (fast shutdown) if it runs
#   db/local-postgres.sh status   exit 0 if it runs
#   db/local-postgres.sh env      print "export DB_URL=... DB_USER=... DB_PASSWORD=..." for eval
#
# Environment:
#   RECOMMENDER_DATA_DIR  data root (default <repo>/.data); the cluster lives in $RECOMMENDER_DATA_DIR/postgres
#   LOCAL_DB_PORT         TCP port on localhost (default 55432)
#   LOCAL_DB_NAME         database named by "env" (default recommender; the tests use recommender_test)
#   DEBIAN_MIRROR         mirror for pgvector's source package (default http://deb.debian.org/debian)
#
# The cluster listens on localhost only. Role recommender/recommender owns the databases
# recommender (the running application) and recommender_test (the tests); the vector extension
# is created in both by the superuser, so the application's migrations never need superuser.
set -euo pipefail

SCRIPT_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
REPO_ROOT="$(cd "$SCRIPT_DIR/.." && pwd)"
DATA_ROOT="${RECOMMENDER_DATA_DIR:-$REPO_ROOT/.data}"
PGDATA_DIR="$DATA_ROOT/postgres"
LOG_FILE="$PGDATA_DIR/server.log"
PORT="${LOCAL_DB_PORT:-55432}"
APP_ROLE=recommender
APP_PASSWORD=recommender
DATABASES=(recommender recommender_test)
PGVECTOR_SOURCE_SUITE=trixie
DEBIAN_MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
export DEBIAN_FRONTEND=noninteractive

log() { echo "local-postgres: $*" >&2; }
die() { echo "local-postgres: ERROR: $*" >&2; exit 1; }

usage() {
    sed -n '2,7p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//' >&2
    exit 2
}

# --- who runs the server ------------------------------------------------------------------

IS_ROOT=false
[[ $(id -u) -eq 0 ]] && IS_ROOT=true
if $IS_ROOT; then SERVER_USER=postgres; else SERVER_USER="$(id -un)"; fi

# Runs a command as the OS user that owns the cluster (initdb refuses root).
as_server() {
    if $IS_ROOT; then
        (cd / && runuser -u "$SERVER_USER" -- "$@")
    else
        "$@"
    fi
}

# Runs a command as root (package installation), through sudo when not root.
as_root() {
    if $IS_ROOT; then
        "$@"
    elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
        sudo -n "$@"
    else
        die "installing packages needs root: run '$0 start' as root (or with password-less sudo), or install them yourself: $*"
    fi
}

# --- apt -----------------------------------------------------------------------------------

APT_UPDATED=false
APT_OPTS=(-y -q -o DPkg::Lock::Timeout=600)

apt_update_once() {
    $APT_UPDATED && return 0
    log "apt-get update"
    as_root apt-get "${APT_OPTS[@]}" update >/dev/null || die "apt-get update failed"
    APT_UPDATED=true
}

apt_install() {
    apt_update_once
    log "installing: $*"
    as_root apt-get "${APT_OPTS[@]}" install --no-install-recommends "$@" >/dev/null \
        || die "apt-get install $* failed"
}

# True if apt knows an installable candidate for the package.
apt_has_candidate() {
    local candidate
    candidate="$(apt-cache policy "$1" 2>/dev/null | awk '/Candidate:/ {print $2}')"
    [[ -n "$candidate" && "$candidate" != "(none)" ]]
}

os_codename() {
    # shellcheck disable=SC1091
    (. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
}

# --- PostgreSQL binaries --------------------------------------------------------------------

# Newest /usr/lib/postgresql/NN/bin that has a server; prefers the version the cluster was made with.
find_bindir() {
    local wanted="" dir
    [[ -r "$PGDATA_DIR/PG_VERSION" ]] && wanted="$(cat "$PGDATA_DIR/PG_VERSION")"
    if [[ -n "$wanted" && -x "/usr/lib/postgresql/$wanted/bin/postgres" ]]; then
        echo "/usr/lib/postgresql/$wanted/bin"
        return 0
    fi
    for dir in $(shopt -s nullglob; printf '%s\n' /usr/lib/postgresql/*/bin | sort -t/ -k5 -V -r); do
        if [[ -x "$dir/postgres" && -x "$dir/initdb" && -x "$dir/pg_ctl" ]]; then
            echo "$dir"
            return 0
        fi
    done
    return 1
}

ensure_server_binaries() {
    if BINDIR="$(find_bindir)"; then return 0; fi
    if [[ "$(os_codename)" == bookworm ]]; then
        apt_install postgresql-15
    else
        apt_install postgresql
    fi
    BINDIR="$(find_bindir)" || die "no PostgreSQL server under /usr/lib/postgresql/*/bin after installing it"
}

set_server_facts() {
    PG_MAJOR="$(basename "$(dirname "$BINDIR")")"
    local cluster_version
    cluster_version="$(cat "$PGDATA_DIR/PG_VERSION" 2>/dev/null || true)"
    if [[ -n "$cluster_version" && "$cluster_version" != "$PG_MAJOR" ]]; then
        die "$PGDATA_DIR was initialised by PostgreSQL $cluster_version but only $PG_MAJOR is installed; install postgresql-$cluster_version or move the folder aside"
    fi
    if [[ -x "$BINDIR/pg_config" ]]; then
        PG_CONFIG="$BINDIR/pg_config"
        PG_SHAREDIR="$("$PG_CONFIG" --sharedir)"
        PG_PKGLIBDIR="$("$PG_CONFIG" --pkglibdir)"
    else
        PG_CONFIG=""
        PG_SHAREDIR="/usr/share/postgresql/$PG_MAJOR"
        PG_PKGLIBDIR="/usr/lib/postgresql/$PG_MAJOR/lib"
    fi
}

# --- pgvector ------------------------------------------------------------------------------

vector_installed() {
    [[ -f "$PG_SHAREDIR/extension/vector.control" && -f "$PG_PKGLIBDIR/vector.so" ]]
}

ensure_pgvector() {
    vector_installed && return 0
    apt_update_once
    if apt_has_candidate "postgresql-$PG_MAJOR-pgvector"; then
        apt_install "postgresql-$PG_MAJOR-pgvector"
    else
        build_pgvector_from_debian_source
    fi
    # the package may have brought its own pg_config paths; re-read them
    set_server_facts
    vector_installed || die "pgvector is still missing under $PG_SHAREDIR/extension after installing it"
}

# The distribution has no pgvector package (bookworm): build Debian's own source package from
# trixie, fetched with a private apt configuration so the system's apt sources stay untouched.
build_pgvector_from_debian_source() {
    local build_root="$DATA_ROOT/build/pgvector" keyring=/usr/share/keyrings/debian-archive-keyring.gpg
    local need=() server_dev="postgresql-server-dev-$PG_MAJOR" installed_server
    dpkg-query -W -f='${Status}' dpkg-dev 2>/dev/null | grep -q 'ok installed' || need+=(dpkg-dev)
    dpkg-query -W -f='${Status}' build-essential 2>/dev/null | grep -q 'ok installed' || need+=(build-essential)
    [[ -f "$keyring" ]] || need+=(debian-archive-keyring)
    if ! dpkg-query -W -f='${Status}' "$server_dev" 2>/dev/null | grep -q 'ok installed'; then
        # headers of exactly the installed server, so installing them does not upgrade the server
        installed_server="$(dpkg-query -W -f='${Version}' "postgresql-$PG_MAJOR" 2>/dev/null || true)"
        if [[ -n "$installed_server" ]] && apt-cache madison "$server_dev" 2>/dev/null | awk '{print $3}' | grep -qxF "$installed_server"; then
            need+=("$server_dev=$installed_server")
        else
            need+=("$server_dev")
        fi
    fi
    ((${#need[@]} == 0)) || apt_install "${need[@]}"
    PG_CONFIG="$BINDIR/pg_config"
    [[ -x "$PG_CONFIG" ]] || PG_CONFIG="$(command -v pg_config || true)"
    [[ -n "$PG_CONFIG" ]] || die "pg_config not found after installing $server_dev"

    log "building pgvector from Debian's $PGVECTOR_SOURCE_SUITE source package in $build_root"
    rm -rf "$build_root"
    mkdir -p "$build_root/apt/lists/partial" "$build_root/apt/cache/archives/partial" "$build_root/src"
    echo "deb-src [signed-by=$keyring] $DEBIAN_MIRROR $PGVECTOR_SOURCE_SUITE main" > "$build_root/apt/sources.list"
    local private_apt=(
        -o "Dir::Etc::sourcelist=$build_root/apt/sources.list"
        -o "Dir::Etc::sourceparts=-"
        -o "Dir::State::Lists=$build_root/apt/lists"
        -o "Dir::Cache=$build_root/apt/cache"
        -o "APT::Sandbox::User=$(id -un)"
        -o "Acquire::Languages=none"
    )
    apt-get -q "${private_apt[@]}" update >"$build_root/apt-update.log" 2>&1 \
        || { tail -n 20 "$build_root/apt-update.log" >&2; die "could not read the $PGVECTOR_SOURCE_SUITE source index from $DEBIAN_MIRROR"; }
    (cd "$build_root/src" && apt-get -q "${private_apt[@]}" source --download-only pgvector) >"$build_root/apt-source.log" 2>&1 \
        || { tail -n 20 "$build_root/apt-source.log" >&2; die "apt-get source pgvector failed"; }
    local dsc
    dsc="$(find "$build_root/src" -maxdepth 1 -name 'pgvector_*.dsc' | head -n 1)"
    [[ -n "$dsc" ]] || die "no pgvector .dsc downloaded (see $build_root/apt-source.log)"
    (cd "$build_root/src" && dpkg-source --no-check -x "$(basename "$dsc")" pgvector) >"$build_root/dpkg-source.log" 2>&1 \
        || { tail -n 20 "$build_root/dpkg-source.log" >&2; die "unpacking $dsc failed"; }
    log "building $(basename "$dsc" .dsc) for PostgreSQL $PG_MAJOR"
    # OPTFLAGS="" gives a portable build (no -march=native), as Debian's own package does.
    (cd "$build_root/src/pgvector" && make -j"$(nproc)" PG_CONFIG="$PG_CONFIG" OPTFLAGS="") >"$build_root/make.log" 2>&1 \
        || { tail -n 30 "$build_root/make.log" >&2; die "building pgvector failed (full log: $build_root/make.log)"; }
    (cd "$build_root/src/pgvector" && as_root make install PG_CONFIG="$PG_CONFIG" OPTFLAGS="") >"$build_root/make-install.log" 2>&1 \
        || { tail -n 30 "$build_root/make-install.log" >&2; die "installing pgvector failed (full log: $build_root/make-install.log)"; }
}

pgvector_version() {
    sed -n "s/^default_version *= *'\(.*\)'/\1/p" "$PG_SHAREDIR/extension/vector.control" 2>/dev/null || true
}

# --- the cluster ---------------------------------------------------------------------------

# Unix socket for the superuser's peer-authenticated connections; sockaddr_un caps the path.
socket_dir() {
    if ((${#PGDATA_DIR} <= 90)); then echo "$PGDATA_DIR"; else echo "/tmp"; fi
}

# Every parent of the data folder must be traversable by the server's OS user.
make_parents_traversable() {
    $IS_ROOT || return 0
    local dir="$DATA_ROOT" parents=() i
    while [[ "$dir" != "/" ]]; do
        parents=("$dir" "${parents[@]}")
        dir="$(dirname "$dir")"
    done
    # from the top down, so only the folders that really block get o+x
    for ((i = 0; i < ${#parents[@]}; i++)); do
        if ! runuser -u "$SERVER_USER" -- test -x "${parents[i]}" 2>/dev/null; then
            log "chmod o+x ${parents[i]} (the $SERVER_USER user must reach $PGDATA_DIR)"
            chmod o+x "${parents[i]}"
        fi
    done
}

init_cluster() {
    if [[ -d "$PGDATA_DIR" ]] && [[ -n "$(ls -A "$PGDATA_DIR" 2>/dev/null)" ]]; then
        die "$PGDATA_DIR exists, is not empty and has no PG_VERSION: not a cluster; move it aside and run again"
    fi
    log "initialising a PostgreSQL $PG_MAJOR cluster in $PGDATA_DIR"
    mkdir -p "$DATA_ROOT" "$PGDATA_DIR"
    $IS_ROOT && chown "$SERVER_USER:" "$PGDATA_DIR"
    chmod 700 "$PGDATA_DIR"
    make_parents_traversable
    as_server "$BINDIR/initdb" -D "$PGDATA_DIR" -U "$SERVER_USER" -E UTF8 --locale=C.UTF-8 \
        --auth-local=peer --auth-host=scram-sha-256 >"$DATA_ROOT/initdb.log" 2>&1 \
        || { tail -n 20 "$DATA_ROOT/initdb.log" >&2; die "initdb failed (full log: $DATA_ROOT/initdb.log)"; }
    as_server sh -c "printf '%s\n' \"include_if_exists = 'local-dev.conf'\" >> '$PGDATA_DIR/postgresql.conf'"
}

# Settings this script manages; rewritten at every start so port and paths follow the environment.
# Put personal settings in postgresql.auto.conf (ALTER SYSTEM), not here.
write_local_conf() {
    as_server sh -c "cat > '$PGDATA_DIR/local-dev.conf'" <<EOF
# Written by db/local-postgres.sh at every start: do not edit (use ALTER SYSTEM instead).
listen_addresses = 'localhost'
port = $PORT
unix_socket_directories = '$(socket_dir)'
unix_socket_permissions = 0700
max_connections = 100
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 16MB
# HNSW index builds are much faster when the graph fits in maintenance_work_mem
maintenance_work_mem = 256MB
max_wal_size = 2GB
password_encryption = scram-sha-256
log_line_prefix = '%m [%p] %q%u@%d '
log_min_duration_statement = 1000
log_lock_waits = on
timezone = 'UTC'
EOF
}

is_running() {
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] || return 1
    as_server "$BINDIR/pg_ctl" status -D "$PGDATA_DIR" >/dev/null 2>&1
}

# Port of the running server, from postmaster.pid (line 4).
running_port() {
    sed -n '4p' "$PGDATA_DIR/postmaster.pid" 2>/dev/null || true
}

start_server() {
    write_local_conf
    log "starting PostgreSQL $PG_MAJOR on localhost:$PORT (log: $LOG_FILE)"
    # 9>&-: the server must not inherit the lock descriptor, or it would hold the lock while it runs
    if ! as_server "$BINDIR/pg_ctl" start -w -t 60 -D "$PGDATA_DIR" -l "$LOG_FILE" >/dev/null 2>&1 9>&-; then
        tail -n 20 "$LOG_FILE" >&2 || true
        die "PostgreSQL did not start (is port $PORT taken? see $LOG_FILE)"
    fi
}

# Role, databases and the extension, as superuser; quiet when everything is in place.
provision() {
    local sql db
    sql="SELECT format('CREATE ROLE %I LOGIN PASSWORD %L', '$APP_ROLE', '$APP_PASSWORD')
           WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '$APP_ROLE') \\gexec"
    for db in "${DATABASES[@]}"; do
        sql+="
SELECT format('CREATE DATABASE %I OWNER %I ENCODING ''UTF8''', '$db', '$APP_ROLE')
  WHERE NOT EXISTS (SELECT FROM pg_database WHERE datname = '$db') \\gexec"
    done
    for db in "${DATABASES[@]}"; do
        sql+="
\\connect $db
CREATE EXTENSION IF NOT EXISTS vector;
ALTER EXTENSION vector UPDATE;"
    done
    printf '%s\n' "$sql" | as_server env PGOPTIONS='-c client_min_messages=warning' \
        "$BINDIR/psql" -X -q -v ON_ERROR_STOP=1 -h "$(socket_dir)" -p "$(running_port)" -U "$SERVER_USER" -d postgres >/dev/null \
        || die "provisioning role/databases/extension failed (see above)"
}

jdbc_url() { echo "jdbc:postgresql://localhost:${1:-$PORT}/${2:-${LOCAL_DB_NAME:-recommender}}"; }

# --- commands ------------------------------------------------------------------------------

with_lock() {
    mkdir -p "$DATA_ROOT"
    exec 9>"$DATA_ROOT/.local-postgres.lock"
    flock -w 900 9 || die "another local-postgres.sh holds $DATA_ROOT/.local-postgres.lock"
}

cmd_start() {
    with_lock
    ensure_server_binaries
    set_server_facts
    ensure_pgvector
    [[ -f "$PGDATA_DIR/PG_VERSION" ]] || init_cluster
    if ! is_running; then
        start_server
    fi
    local port
    port="$(running_port)"
    [[ "$port" == "$PORT" ]] || log "WARNING: the cluster already runs on port $port, not $PORT; stop it and start again to move it"
    provision
    echo "PostgreSQL $PG_MAJOR + pgvector $(pgvector_version) is up: $(jdbc_url "$port" recommender) (tests: $(jdbc_url "$port" recommender_test), user $APP_ROLE)"
}

cmd_stop() {
    with_lock
    if ! BINDIR="$(find_bindir)" || ! is_running; then
        echo "PostgreSQL in $PGDATA_DIR is not running"
        return 0
    fi
    as_server "$BINDIR/pg_ctl" stop -m fast -w -t 60 -D "$PGDATA_DIR" >/dev/null || die "pg_ctl stop failed (see $LOG_FILE)"
    echo "PostgreSQL in $PGDATA_DIR stopped"
}

cmd_status() {
    if BINDIR="$(find_bindir)" && is_running; then
        echo "PostgreSQL is running: $(jdbc_url "$(running_port)")"
        return 0
    fi
    echo "PostgreSQL in $PGDATA_DIR is not running"
    return 3
}

cmd_env() {
    echo "export DB_URL=$(jdbc_url) DB_USER=$APP_ROLE DB_PASSWORD=$APP_PASSWORD"
}

case "${1:-}" in
    start) cmd_start ;;
    stop) cmd_stop ;;
    status) cmd_status ;;
    env) cmd_env ;;
    *) usage ;;
esac
