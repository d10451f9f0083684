# shellcheck shell=bash
# Shared set-up steps of scripts/demo.sh, scripts/test.sh and scripts/run.sh.
#
# Every step is idempotent: a second run finds what the first one made and skips it.
# Environment knobs:
#   ODOO_SRC     an Odoo 18.0 source tree (default: /opt/odoo18, else downloaded to .run/odoo)
#   PGPORT_EJ    port of the private PostgreSQL cluster (default: first free from 54329)
#   ODOO_PORT    HTTP port of Odoo (default: 8069)
#   RUN_USER     system user that runs PostgreSQL and Odoo when the script runs as root
#                (default: ejournal)

set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
RUN_DIR="$ROOT/.run"
VENV="$ROOT/.venv"
PGDATA_EJ="$RUN_DIR/pgdata"
PGSOCK="$RUN_DIR/pgsock"
RUN_USER="${RUN_USER:-ejournal}"
ODOO_PORT="${ODOO_PORT:-8069}"
ODOO_CONF="$RUN_DIR/odoo.conf"
ODOO_DOWNLOAD_URL="${ODOO_DOWNLOAD_URL:-https://github.com/odoo/odoo/archive/refs/heads/18.0.tar.gz}"

log() { printf '\033[1;34m[ejournal]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[ejournal] %s\033[0m\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Run a command as root (directly, or through sudo).
as_root() {
    if is_root; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        die "Needs root or sudo to run: $*"
    fi
}

# Run a command as the unprivileged service user (PostgreSQL and Odoo refuse root).
as_service() {
    if is_root; then
        runuser -u "$RUN_USER" -- env HOME="$RUN_DIR/home" PATH="$PATH" "$@"
    else
        "$@"
    fi
}

pg_bindir() {
    local d
    for d in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$d/initdb" ] && { echo "$d"; return 0; }
    done
    return 1
}

ensure_system_packages() {
    local missing=()
    pg_bindir >/dev/null || missing+=(postgresql)
    command -v psql >/dev/null || missing+=(postgresql-client)
    command -v wkhtmltopdf >/dev/null || missing+=(wkhtmltopdf)
    command -v chromium >/dev/null || missing+=(chromium)
    command -v pdftotext >/dev/null || missing+=(poppler-utils)
    [ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
    "${PYTHON:-/usr/bin/python3}" -c 'import venv, ensurepip' 2>/dev/null || missing+=(python3-venv)
    [ -f "/usr/include/python3.11/Python.h" ] || python3 -c 'import sysconfig,os,sys; sys.exit(not os.path.exists(os.path.join(sysconfig.get_paths()["include"],"Python.h")))' \
        || missing+=(python3-dev)
    command -v gcc >/dev/null || missing+=(build-essential)
    if [ ${#missing[@]} -gt 0 ]; then
        log "Installing system packages: ${missing[*]}"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
            "${missing[@]}" libxml2-dev libxslt1-dev libldap2-dev libsasl2-dev libjpeg-dev zlib1g-dev
    fi
    if is_root && ! id "$RUN_USER" >/dev/null 2>&1; then
        log "Creating system user $RUN_USER for PostgreSQL and Odoo"
        useradd --system --shell /usr/sbin/nologin --home-dir "$RUN_DIR/home" "$RUN_USER"
    fi
}

ensure_venv() {
    local stamp="$VENV/.requirements.sha256" want
    want="$(sha256sum "$ROOT/requirements.txt" | cut -d' ' -f1)"
    # Debian's interpreter by default: the service user must be able to run it
    local python="${PYTHON:-/usr/bin/python3}"
    [ -x "$python" ] || python="$(command -v python3)"
    if [ -x "$VENV/bin/python" ] && ! as_service "$VENV/bin/python" -c 'import sys' 2>/dev/null; then
        log "The virtual environment's interpreter is out of reach of $RUN_USER: recreating .venv"
        rm -rf "$VENV"
    fi
    if [ ! -x "$VENV/bin/python" ]; then
        log "Creating virtual environment .venv with $python"
        "$python" -m venv "$VENV"
        rm -f "$stamp"
    fi
    if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
        log "Installing Python dependencies (requirements.txt)"
        "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements.txt" 2>&1 \
            | { grep -v '^WARNING: Location' || true; }
        [ "${PIPESTATUS[0]}" -eq 0 ] || die "pip could not install requirements.txt"
        echo "$want" > "$stamp"
    fi
}

# Sets ODOO_DIR to an Odoo 18.0 source tree.
ensure_odoo() {
    local candidate
    for candidate in "${ODOO_SRC:-}" /opt/odoo18 "$RUN_DIR/odoo"; do
        [ -n "$candidate" ] || continue
        if [ -f "$candidate/odoo-bin" ] && grep -q "version_info = (18, 0" "$candidate/odoo/release.py" 2>/dev/null; then
            ODOO_DIR="$candidate"
            return 0
        fi
    done
    log "No Odoo 18.0 tree in \$ODOO_SRC or /opt/odoo18: downloading the official 18.0 source"
    mkdir -p "$RUN_DIR/odoo"
    if ! curl -fsSL "$ODOO_DOWNLOAD_URL" | tar -xz -C "$RUN_DIR/odoo" --strip-components=1; then
        rm -rf "$RUN_DIR/odoo"
        die "Could not download Odoo 18.0. Put an Odoo 18.0 source tree in /opt/odoo18 or set ODOO_SRC."
    fi
    ODOO_DIR="$RUN_DIR/odoo"
}

free_port() {
    "$VENV/bin/python" - "$1" <<'EOF'
import socket, sys
port = int(sys.argv[1])
while port < 65000:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            port += 1
            continue
    print(port)
    break
EOF
}

# Starts (or reuses) the private PostgreSQL cluster in .run/pgdata; sets PGPORT_EJ.
ensure_postgres() {
    local bindir
    bindir="$(pg_bindir)" || die "PostgreSQL server binaries not found"
    mkdir -p "$RUN_DIR/home" "$PGSOCK"
    is_root && chown "$RUN_USER" "$RUN_DIR" "$RUN_DIR/home" "$PGSOCK"
    # the service user must reach the project folder
    if is_root; then
        local d="$ROOT"
        while [ "$d" != "/" ]; do chmod o+x "$d" 2>/dev/null || true; d="$(dirname "$d")"; done
    fi
    if [ ! -f "$PGDATA_EJ/PG_VERSION" ]; then
        log "Initialising a private PostgreSQL cluster in .run/pgdata"
        mkdir -p "$PGDATA_EJ"
        is_root && chown "$RUN_USER" "$PGDATA_EJ"
        as_service "$bindir/initdb" -D "$PGDATA_EJ" -E UTF8 --locale=C.UTF-8 -A trust \
            -U "$(is_root && echo "$RUN_USER" || id -un)" >/dev/null
    fi
    if [ -f "$RUN_DIR/pgport" ]; then PGPORT_EJ="$(cat "$RUN_DIR/pgport")"; fi
    if ! as_service "$bindir/pg_ctl" -D "$PGDATA_EJ" status >/dev/null 2>&1; then
        PGPORT_EJ="${PGPORT_EJ:-$(free_port 54329)}"
        if ! "$VENV/bin/python" -c "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1', $PGPORT_EJ))" 2>/dev/null; then
            PGPORT_EJ="$(free_port 54329)"
        fi
        log "Starting PostgreSQL on 127.0.0.1:$PGPORT_EJ"
        # jit=off: the journal runs short queries that JIT compilation only slows down
        # (README, "PostgreSQL settings")
        as_service "$bindir/pg_ctl" -D "$PGDATA_EJ" -l "$RUN_DIR/postgresql.log" -w -t 60 \
            -o "-p $PGPORT_EJ -k $PGSOCK -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c jit=off" \
            start >/dev/null
        echo "$PGPORT_EJ" > "$RUN_DIR/pgport"
    fi
    export PGHOST="$PGSOCK" PGPORT="$PGPORT_EJ" PGUSER
    PGUSER="$(is_root && echo "$RUN_USER" || id -un)"
}

write_odoo_conf() {
    mkdir -p "$RUN_DIR/data" "$RUN_DIR/data/archive2"
    is_root && chown "$RUN_USER" "$RUN_DIR/data" "$RUN_DIR/data/archive2"
    cat > "$ODOO_CONF" <<EOF
; generated by scripts/lib.sh from config/odoo.conf.template; edit the template instead
$(sed -e "s#@ODOO_DIR@#$ODOO_DIR#g" -e "s#@ROOT@#$ROOT#g" -e "s#@PGSOCK@#$PGSOCK#g" \
      -e "s#@PGPORT@#$PGPORT_EJ#g" -e "s#@PGUSER@#$PGUSER#g" -e "s#@DATA_DIR@#$RUN_DIR/data#g" \
      -e "s#@HTTP_PORT@#$ODOO_PORT#g" "$ROOT/config/odoo.conf.template")
EOF
}

# Runs odoo-bin with the generated configuration as the service user.
odoo_bin() {
    as_service "$VENV/bin/python" "$ODOO_DIR/odoo-bin" -c "$ODOO_CONF" "$@"
}

db_exists() {
    as_service psql -h "$PGSOCK" -p "$PGPORT_EJ" -d postgres -tAc \
        "SELECT 1 FROM pg_database WHERE datname = '$1'" | grep -q 1
}

drop_db() {
    as_service psql -h "$PGSOCK" -p "$PGPORT_EJ" -d postgres -qc "DROP DATABASE IF EXISTS \"$1\" WITH (FORCE)" >/dev/null
    rm -rf "$RUN_DIR/data/filestore/$1"
}

# odoo-bin wants its sub-command first, before -c
odoo_shell() {
    as_service "$VENV/bin/python" "$ODOO_DIR/odoo-bin" shell -c "$ODOO_CONF" "$@"
}

# One value from the database $DB (set by the calling script).
db_query() {
    as_service psql -h "$PGSOCK" -p "$PGPORT_EJ" -d "$DB" -tAc "$1" 2>/dev/null
}

addons_installed() {
    [ "$(db_query "SELECT count(*) FROM ir_module_module
                   WHERE name IN ('school_ejournal', 'school_ejournal_reports')
                     AND state = 'installed'")" = 2 ]
}

# Fingerprint of the addons' source: a changed tree (git pull, local edits) is updated
# into the database before it is used.
addons_hash() {
    (cd "$ROOT" && find addons -type f ! -name '*.pyc' ! -path '*/__pycache__/*' -print0 \
        | sort -z | xargs -0 sha256sum | sha256sum | cut -d' ' -f1)
}

# Installs the addons with Russian into $DB (the demo addon too: demo.sh and bench.sh need its
# generator), or updates them when their source changed
# since the fingerprint in the file $1 was taken. Sets DB_FRESH=1 after a fresh install.
# $2: the script's option that rebuilds the database, named in the error message.
ensure_school_db() {
    local stamp="$1" rebuild_hint="$2"
    DB_FRESH=0
    if ! db_exists "$DB" || ! addons_installed; then
        log "Installing School e-Journal into the database $DB (a minute or two)"
        odoo_bin -d "$DB" -i school_ejournal,school_ejournal_reports,school_ejournal_esia,school_ejournal_demo --load-language=ru_RU \
            --without-demo=all --stop-after-init --log-level=warn \
            || die "Odoo could not install the addons into $DB"
        addons_installed || die "The addons are not installed in $DB: see the messages above"
        addons_hash > "$stamp"
        DB_FRESH=1
    elif [ "$(cat "$stamp" 2>/dev/null)" != "$(addons_hash)" ]; then
        log "The addons changed since $DB was built: updating them"
        odoo_bin -d "$DB" -u school_ejournal,school_ejournal_reports,school_ejournal_esia,school_ejournal_demo --stop-after-init --log-level=warn \
            || die "Odoo could not update the addons in $DB (or run $rebuild_hint)"
        addons_hash > "$stamp"
    fi
    # the Gosuslugi addon (issue 17) came later: databases built before it get it installed
    if [ "$(db_query "SELECT state FROM ir_module_module WHERE name = 'school_ejournal_esia'")" != installed ]; then
        log "Installing the Gosuslugi sign-in and state portal feed addon into $DB"
        odoo_bin -d "$DB" -i school_ejournal_esia --stop-after-init --log-level=warn \
            || die "Odoo could not install school_ejournal_esia into $DB"
        addons_hash > "$stamp"
    fi
    # the demo generator left the production addon for its own (issue 16): older databases get it
    if [ "$(db_query "SELECT state FROM ir_module_module WHERE name = 'school_ejournal_demo'")" != installed ]; then
        log "Installing the demo school addon into $DB"
        odoo_bin -d "$DB" -i school_ejournal_demo --stop-after-init --log-level=warn \
            || die "Odoo could not install school_ejournal_demo into $DB"
        addons_hash > "$stamp"
    fi
}

setup_all() {
    ensure_system_packages
    ensure_venv
    ensure_odoo
    ensure_postgres
    write_odoo_conf
}
