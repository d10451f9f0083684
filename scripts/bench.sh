#!/usr/bin/env bash
# Benchmark of School e-Journal on a large school (issue 8, "Scale and speed").
#
# Builds once (later runs reuse it) the database school_bench with a large school: 60
# classes, 1,500 students and a whole academic year of lessons, marks and attendance
# (school.demo.generator.generate_large). Then starts Odoo with the project's
# configuration on a free port of 127.0.0.1, measures the journal grid, saving marks and
# attendance, the guardian's e-diary pages, the summary sheet of the whole school and the
# year's XLSX archive through Odoo's own JSON-RPC and HTTP (scripts/bench.py), stops the
# server and prints a table: median, p95, the bare SQL floor and ratio, query counts and
# the target of each figure; last the integrity verification of the whole year (issue 12). Exits non-zero when a target is missed. Not part of test.sh.
#
# Before the HTTP table it prints an in-process table (issue 15, scripts/bench_inprocess.py run
# by odoo-bin shell): the daily operations with the teacher's rights, each repetition rolled
# back, median and p95, queries, the bare-SQL floor and the ratio (target: within 3x). When the
# demo database exists (scripts/demo.sh: school_demo, or --demo-db NAME), a second in-process
# table measures the control dashboard on the demo school too (target: 1 s).
#
# Usage: scripts/bench.sh [--rebuild] [--reps N] [--only grid,mark,attendance,portal,summary,archive,verify,rpc]
#                         [--no-inprocess | --inprocess-only] [--demo-db NAME | --no-demo]
#   --rebuild   drop the benchmark database and build the large school again
#   --reps N    repetitions of each interactive operation (default 20)
#   --only      measure only these operations (HTTP table)
#   --no-inprocess / --inprocess-only   skip the in-process table / print only it
#   --demo-db NAME   the demo database whose control dashboard is measured in-process too
#               (default: DEMO_DB or school_demo, when it exists); --no-demo to skip it
#   --scale [options]  after the build, the scale-out run instead (scripts/scale.sh --help)
# Environment: BENCH_DB (default school_bench), BENCH_CLASSES (60), BENCH_STUDENTS (1500)
# and the knobs of scripts/lib.sh.
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

REBUILD=0
DEMO_BENCH_DB="${DEMO_DB:-school_demo}"
INPROCESS=1
HTTP=1
REPS=20
BENCH_ARGS=()
while [ $# -gt 0 ]; do
    case "$1" in
        --rebuild) REBUILD=1; shift ;;
        --reps) BENCH_ARGS+=(--reps "$2"); REPS="$2"; shift 2 ;;
        --no-inprocess) INPROCESS=0; shift ;;
        --inprocess-only) HTTP=0; shift ;;
        --demo-db) DEMO_BENCH_DB="$2"; shift 2 ;;
        --no-demo) DEMO_BENCH_DB=""; shift ;;
        --only) BENCH_ARGS+=(--only "$2"); shift 2 ;;
        --scale) shift; SCALE=1; SCALE_ARGS=("$@"); break ;;
        -h|--help) sed -n '2,29p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "Unknown argument: $1 (see --help)" ;;
    esac
done

setup_all
DB="${BENCH_DB:-school_bench}"
CLASSES="${BENCH_CLASSES:-60}"
STUDENTS="${BENCH_STUDENTS:-1500}"
INFO="$RUN_DIR/bench-$DB.json"
ADDONS_STAMP="$RUN_DIR/bench-$DB.addons.sha256"
SERVER_LOG="$RUN_DIR/bench-$DB-server.log"
SERVER_PIDFILE="$RUN_DIR/bench-$DB-server.pid"

if [ "$REBUILD" = 1 ]; then
    log "Dropping the benchmark database $DB"
    drop_db "$DB"
    rm -f "$INFO" "$ADDONS_STAMP"
fi

# --- the database and the addons --------------------------------------------------------
ensure_school_db "$ADDONS_STAMP" "scripts/bench.sh --rebuild"
[ "$DB_FRESH" = 1 ] && rm -f "$INFO"

# --- the large school -------------------------------------------------------------------
classes="$(db_query "SELECT count(*) FROM school_class")"
marks="$(db_query "SELECT count(*) FROM school_mark")"
if [ "${classes:-0}" -gt 0 ] && { [ "$classes" -lt "$CLASSES" ] || [ "${marks:-0}" -lt 100000 ]; }; then
    die "$DB holds a school of $classes classes and $marks marks, not the large school: run scripts/bench.sh --rebuild"
fi
if [ "${classes:-0}" -eq 0 ] || [ ! -s "$INFO" ]; then
    if [ "${classes:-0}" -eq 0 ]; then
        log "Building the large school in $DB: $CLASSES classes, $STUDENTS students, a year of journal (a few minutes)"
    fi
    output="$(odoo_shell -d "$DB" --no-http --log-level=warn \
        --log-handler=odoo.addons.school_ejournal_demo.models.school_demo_generator:INFO <<EOF
import json, time
from odoo.addons.school_ejournal_demo.models.school_demo_generator import DEMO_LOGINS
generator = env["school.demo.generator"]
info = {}
if not env["school.class"].search_count([]):
    started = time.monotonic()
    summary = generator.generate_large(classes=$CLASSES, students=$STUDENTS)
    env.cr.commit()
    info["build_seconds"] = round(time.monotonic() - started, 1)
    info["summary"] = {k: v for k, v in summary.items() if isinstance(v, (int, float))}
keys = {description: key for key, description in DEMO_LOGINS}
info["logins"] = {keys[description]: [login, password] for description, login, password in generator._demo_login_rows()}
info["logins"]["admin"] = ["admin", "admin"]
print("BENCH-INFO\t" + json.dumps(info))
EOF
)" || die "The large school could not be built: see the messages above"
    sed -n 's/^BENCH-INFO\t//p' <<<"$output" > "$INFO.tmp"
    [ -s "$INFO.tmp" ] || { rm -f "$INFO.tmp"; die "The build printed no logins"; }
    mv "$INFO.tmp" "$INFO"
    is_root && chown "$RUN_USER" "$INFO"
fi
"$VENV/bin/python" - "$INFO" "$DB" <<'EOF'
import json, sys
info = json.load(open(sys.argv[1]))
if "build_seconds" in info:
    counts = ", ".join(f"{k} {v}" for k, v in info["summary"].items() if k in (
        "classes", "students", "lessons", "marks", "attendance", "journal_log"))
    print(f"Large school of {sys.argv[2]}: built in {info['build_seconds']:.0f} s ({counts})")
EOF
# the planner's statistics and the visibility map as autovacuum keeps them in production: the
# large school is written in one transaction, every measured repetition leaves rolled-back rows
# behind, and an immediate stop of the cluster loses the counters that trigger autovacuum
# (measured: the grid 28 -> 18 ms and the period-mark grid's fill + save 41 -> 26 ms after it)
as_service psql -h "$PGSOCK" -p "$PGPORT_EJ" -d "$DB" -qc "VACUUM (ANALYZE)" >/dev/null \
    || die "VACUUM (ANALYZE) of $DB failed"
log "Size of $DB: $(db_query "SELECT pg_size_pretty(pg_database_size(current_database()))"), $(db_query "SELECT count(*) FROM school_lesson") lessons, $(db_query "SELECT count(*) FROM school_mark") marks, $(db_query "SELECT count(*) FROM school_attendance") attendance entries, $(db_query "SELECT count(*) FROM school_journal_log") change-log entries"

# the scale-out run (issue 15) on the same database: scripts/scale.sh
[ "${SCALE:-0}" = 1 ] && exec "$ROOT/scripts/scale.sh" --built "${SCALE_ARGS[@]}"

# --- the in-process table (issue 15) ----------------------------------------------------
INPROC_RC=0
if [ "$INPROCESS" = 1 ]; then
    log "In-process operations (odoo-bin shell, every repetition rolled back)"
    teacher_login="$("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["logins"]["class_teacher"][0])' "$INFO")"
    deputy_login="$("$VENV/bin/python" -c 'import json,sys; print(json.load(open(sys.argv[1]))["logins"]["deputy"][0])' "$INFO")"
    set +e
    inproc_out="$(BENCH_REPS="$REPS" BENCH_LOGIN="$teacher_login" BENCH_DEPUTY="$deputy_login" \
        odoo_shell -d "$DB" --no-http --log-level=warn < "$ROOT/scripts/bench_inprocess.py" 2>&1)"
    set -e
    grep -v '^BENCH-INPROC-RC' <<<"$inproc_out" | grep -vE 'py.warnings|DeprecationWarning|^ *$' || true
    INPROC_RC="$(sed -n 's/^BENCH-INPROC-RC\t//p' <<<"$inproc_out" | tail -1)"
    [ -n "$INPROC_RC" ] || { log "The in-process table did not finish: see the messages above"; INPROC_RC=1; }
    # the control dashboard on the demo school too (issue 15: 1 s there)
    if [ -n "$DEMO_BENCH_DB" ] && db_exists "$DEMO_BENCH_DB"; then
        BENCH_MAIN_DB="$DB"
        DB="$DEMO_BENCH_DB"
        if [ "$(db_query "SELECT count(*) > 0 FROM school_class" 2>/dev/null || true)" = t ]; then
            ensure_school_db "$RUN_DIR/demo-$DB.addons.sha256" "scripts/demo.sh --reset"
            log "In-process: the control dashboard of the demo school ($DB)"
            set +e
            demo_out="$(BENCH_REPS="$REPS" BENCH_ONLY=dashboard BENCH_SCHOOL="demo school" \
                odoo_shell -d "$DB" --no-http --log-level=warn < "$ROOT/scripts/bench_inprocess.py" 2>&1)"
            set -e
            grep -v '^BENCH-INPROC-RC' <<<"$demo_out" | grep -vE 'py.warnings|DeprecationWarning|^ *$' || true
            demo_rc="$(sed -n 's/^BENCH-INPROC-RC\t//p' <<<"$demo_out" | tail -1)"
            [ -n "$demo_rc" ] || { log "The demo school's dashboard was not measured: see the messages above"; demo_rc=1; }
            [ "$demo_rc" = 0 ] || { log "In-process, demo school: a target was missed"; INPROC_RC=1; }
        else
            log "The demo database $DB holds no school: its dashboard is not measured (scripts/demo.sh)"
        fi
        DB="$BENCH_MAIN_DB"
    fi
    [ "$INPROC_RC" = 0 ] || log "In-process: a target was missed"
fi
[ "$HTTP" = 1 ] || exit "$INPROC_RC"

# --- the server -------------------------------------------------------------------------
PORT="$(free_port 18169)"
rm -f "$SERVER_PIDFILE"
: > "$SERVER_LOG"
is_root && chown "$RUN_USER" "$SERVER_LOG"
stop_server() {
    if [ -s "$SERVER_PIDFILE" ]; then
        kill "$(cat "$SERVER_PIDFILE")" 2>/dev/null || true
    fi
    [ -n "${SERVER_JOB:-}" ] && wait "$SERVER_JOB" 2>/dev/null || true
    rm -f "$SERVER_PIDFILE"
}
trap stop_server EXIT
log "Starting Odoo on 127.0.0.1:$PORT (crons off; server log: .run/$(basename "$SERVER_LOG"))"
# the project's configuration; crons off so that nothing else runs while measuring; the
# werkzeug access lines carry each request's query count (odoo.netsvc.PerfFilter)
as_service "$VENV/bin/python" "$ODOO_DIR/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^${DB}\$" \
    --http-interface=127.0.0.1 --http-port="$PORT" --max-cron-threads=0 \
    --logfile="$SERVER_LOG" --log-level=warn --log-handler=werkzeug:INFO \
    --pidfile="$SERVER_PIDFILE" &
SERVER_JOB=$!
for _i in $(seq 1 120); do
    if curl -fs "http://127.0.0.1:$PORT/web/health" >/dev/null 2>&1 && [ -s "$SERVER_PIDFILE" ]; then
        break
    fi
    kill -0 "$SERVER_JOB" 2>/dev/null || die "Odoo stopped at start: see .run/$(basename "$SERVER_LOG")"
    sleep 1
done
curl -fs "http://127.0.0.1:$PORT/web/health" >/dev/null || die "Odoo did not answer on port $PORT"

set +e
"$VENV/bin/python" "$ROOT/scripts/bench.py" --url "http://127.0.0.1:$PORT" --db "$DB" \
    --logins "$INFO" --server-log "$SERVER_LOG" --server-pid "$(cat "$SERVER_PIDFILE")" \
    --pg-host "$PGSOCK" --pg-port "$PGPORT_EJ" --pg-user "$PGUSER" "${BENCH_ARGS[@]}"
rc=$?
set -e
[ "$rc" = 0 ] && rc="$INPROC_RC"
exit "$rc"
