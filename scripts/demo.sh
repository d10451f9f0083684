#!/usr/bin/env bash
# Runs a demo school of School e-Journal at http://127.0.0.1:8069 (ODOO_PORT to change).
#
# The first run sets everything up (system packages, .venv, Odoo 18.0, a private
# PostgreSQL cluster in .run/), creates the database school_demo with the addons and
# Russian, generates the demo school (classes 1-11, students, guardians, staff, curriculum)
# with the addon school_ejournal_demo and stores its logins in .run/demo-logins.txt. Later
# runs find all that and only serve
# (after updating the addons in the database when their source changed).
#
# Usage: scripts/demo.sh [--no-serve] [--reset]
#   --no-serve   prepare the database, print the logins and exit
#   --reset      drop the demo database and build it again
# Environment: DEMO_DB (default school_demo), ODOO_PORT and the knobs of scripts/lib.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

SERVE=1
RESET=0
while [ $# -gt 0 ]; do
    case "$1" in
        --no-serve) SERVE=0; shift ;;
        --reset) RESET=1; shift ;;
        -h|--help) sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "Unknown argument: $1 (see --help)" ;;
    esac
done

setup_all
DB="${DEMO_DB:-school_demo}"
if [ "$DB" = school_demo ]; then LOGINS="$RUN_DIR/demo-logins.txt"; else LOGINS="$RUN_DIR/demo-logins-$DB.txt"; fi
URL="http://127.0.0.1:$ODOO_PORT"

school_generated() {
    [ "$(db_query "SELECT count(*) > 0 FROM school_class")" = t ]
}

# Fingerprint of the addons' source: a changed tree (git pull, local edits) is updated
# into the database before serving it.
ADDONS_STAMP="$RUN_DIR/demo-$DB.addons.sha256"
if [ "$RESET" = 1 ]; then
    log "Dropping the demo database $DB"
    drop_db "$DB"
    rm -f "$LOGINS" "$ADDONS_STAMP"
fi

ensure_school_db "$ADDONS_STAMP" "scripts/demo.sh --reset"
[ "$DB_FRESH" = 1 ] && rm -f "$LOGINS"

if ! school_generated || [ ! -s "$LOGINS" ]; then
    if school_generated; then
        log "Reading the demo logins of $DB"
    else
        log "Generating the demo school in $DB (a few minutes: a term of lessons and marks)"
    fi
    output="$(odoo_shell -d "$DB" --no-http --log-level=warn <<'EOF'
generator = env["school.demo.generator"]
if env["school.class"].search_count([]):
    rows = generator._demo_login_rows()
else:
    summary = generator.generate()
    rows = summary["logins"]
    print("DEMO-SUMMARY\t" + ", ".join(
        f"{key}: {value}" for key, value in summary.items() if isinstance(value, int)
    ))
if env["res.lang"].search_count([("code", "=", "ru_RU")]):
    env.ref("base.user_admin").lang = "ru_RU"
env.cr.commit()
for role, login, password in rows:
    print(f"DEMO-LOGIN\t{role}\t{login}\t{password}")
EOF
)" || die "The demo school could not be generated: see the messages above"
    summary="$(sed -n 's/^DEMO-SUMMARY\t//p' <<<"$output")"
    [ -z "$summary" ] || log "Created $summary"
    sed -n 's/^DEMO-LOGIN\t//p' <<<"$output" > "$LOGINS.tmp"
    [ -s "$LOGINS.tmp" ] || { rm -f "$LOGINS.tmp"; die "The generator printed no logins"; }
    mv "$LOGINS.tmp" "$LOGINS"
fi

print_logins() {
    printf '\n  School e-Journal demo: %s   (database %s)\n\n' "$URL" "$DB"
    {
        printf 'Role\tLogin\tPassword\n'
        printf 'Odoo superuser (technical settings)\tadmin\tadmin\n'
        cat "$LOGINS"
    } | PYTHONIOENCODING=utf-8 "$VENV/bin/python" -c '
import sys
rows = [line.rstrip("\n").split("\t") for line in sys.stdin if line.strip()]
widths = [max(len(row[i]) for row in rows) for i in range(3)]
for n, row in enumerate(rows):
    print("  " + "   ".join(cell.ljust(width) for cell, width in zip(row, widths)).rstrip())
    if n == 0:
        print("  " + "   ".join("-" * width for width in widths))
'
    printf '\n'
}
print_logins

[ "$SERVE" = 1 ] || exit 0

log "Serving $DB at $URL (Ctrl+C stops it)"
cmd=("$VENV/bin/python" "$ODOO_DIR/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^${DB}\$")
if is_root; then
    exec runuser -u "$RUN_USER" -- env HOME="$RUN_DIR/home" PATH="$PATH" "${cmd[@]}"
else
    exec "${cmd[@]}"
fi
