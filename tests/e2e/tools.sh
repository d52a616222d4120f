# Sourced by run.sh and selftest.sh: installs the e2e tools when missing.
# Everything lands in tests/e2e/.tools (git-ignored); only PyPI, npm and
# Debian's archive are contacted.

E2E_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
TOOLS_DIR="$E2E_DIR/.tools"
FEEDPARSER_VERSION="6.0.14"
VNU_VERSION="26.9.27"
VNU_JAR="$TOOLS_DIR/node_modules/vnu-jar/build/dist/vnu.jar"

e2e_log() { echo "e2e: $*" >&2; }

# apt_get PACKAGE...: install Debian packages (root only).
apt_get() {
    if [ "$(id -u)" != 0 ] || ! command -v apt-get >/dev/null 2>&1; then
        e2e_log "cannot install $* (needs root and apt-get); install it by hand"
        return 1
    fi
    if [ -z "${E2E_APT_UPDATED:-}" ]; then
        apt-get update -qq >/dev/null
        E2E_APT_UPDATED=1
    fi
    e2e_log "apt-get install $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

ensure_python() {
    command -v python3 >/dev/null 2>&1 || apt_get python3
}

# feedparser: used as installed if importable, else installed (pinned) into .tools/python.
ensure_feedparser() {
    ensure_python || return 1
    export PYTHONPATH="$TOOLS_DIR/python${PYTHONPATH:+:$PYTHONPATH}"
    if python3 -c 'import feedparser' >/dev/null 2>&1; then
        return 0
    fi
    if ! python3 -m pip --version >/dev/null 2>&1; then
        apt_get python3-pip || return 1
    fi
    e2e_log "installing feedparser==$FEEDPARSER_VERSION into $TOOLS_DIR/python"
    # --target keeps it out of the system site-packages (and out of PEP 668's way).
    PIP_ROOT_USER_ACTION=ignore python3 -m pip install --quiet --disable-pip-version-check \
        --target "$TOOLS_DIR/python" "feedparser==$FEEDPARSER_VERSION" || return 1
    python3 -c 'import feedparser' || return 1
}

java_major() {
    java -version 2>&1 | sed -n 's/.*version "\([0-9]*\).*/\1/p' | head -n1
}

# The Nu Html Checker (vnu.jar from the vnu-jar npm package) and a Java >= 17 to run it.
ensure_vnu() {
    if ! command -v java >/dev/null 2>&1 || [ "$(java_major)" -lt 17 ] 2>/dev/null; then
        apt_get openjdk-17-jre-headless || return 1
    fi
    local have=""
    if [ -f "$TOOLS_DIR/node_modules/vnu-jar/package.json" ]; then
        have="$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["version"])' \
            "$TOOLS_DIR/node_modules/vnu-jar/package.json" 2>/dev/null || true)"
    fi
    if [ "$have" = "$VNU_VERSION" ] && [ -f "$VNU_JAR" ]; then
        return 0
    fi
    if ! command -v npm >/dev/null 2>&1; then
        apt_get npm || return 1
    fi
    e2e_log "installing vnu-jar@$VNU_VERSION into $TOOLS_DIR"
    mkdir -p "$TOOLS_DIR"
    # --ignore-scripts: the package's postinstall would try to download a JDK from
    # outside the package registries; the system Java is used instead.
    npm install --no-save --ignore-scripts --no-audit --no-fund --loglevel=error \
        --prefix "$TOOLS_DIR" "vnu-jar@$VNU_VERSION" >&2 || return 1
    [ -f "$VNU_JAR" ] || { e2e_log "vnu.jar not found at $VNU_JAR"; return 1; }
}
