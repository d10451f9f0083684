#!/usr/bin/env bash
# Scale-out run of School e-Journal on one machine (issue 15, "measured instead of estimated").
#
# On the large school of scripts/bench.sh (the database school_bench, built there once) it
# starts, all on 127.0.0.1:
#   - a streaming replica of the project's private PostgreSQL cluster (pg_basebackup -R into
#     .run/pgreplica, hot standby with hot_standby_feedback on a second port);
#   - PgBouncer in transaction mode in front of the primary, when Debian's pgbouncer is there
#     (installed with apt-get when it can be; the database "postgres", where Odoo's bus and
#     cron workers LISTEN, is pooled per session);
#   - Odoo 18 in prefork mode (4 HTTP workers, 1 cron worker, the gevent process), its
#     read-only routes on the replica (db_replica_host / db_replica_port);
# then Locust, headless, replays an evening (scripts/scale_locustfile.py): guardians reading
# the e-diary's week and marks pages (80 % of the users) and teachers in the journal grid
# during a break (20 %: open the grid, save a mark, save a lesson's attendance).
#
# The load runs twice: phase "direct" (Odoo's workers connect to the primary themselves) and
# phase "pgbouncer" (through PgBouncer). Each prints requests per second, p50/p95/p99 of
# each route, the error rate, the share of requests served by the replica (Odoo's ro/rw/ro->rw
# access-log markers) and the server connections of PostgreSQL (pg_stat_activity sampled
# every second; PgBouncer's pools); afterwards it checks that every save the users saw
# acknowledged is in the database and that the change log verifies (as bench.sh's verify).
# Targets (2-core machine): guardian pages >= 40 req/s at p95 <= 500 ms with no error; no
# lost save. Exits non-zero on a miss. Stops everything it started when it exits.
#
# Usage: scripts/scale.sh [--duration 180] [--warmup 30] [--users 60] [--spawn-rate 4]
#                         [--workers 4] [--phases direct,pgbouncer] [--guardians 300]
#   (scripts/bench.sh --scale [options] is the same; bench.sh --rebuild --scale rebuilds first)
#   --duration  seconds of measured load per phase (after the warm-up)
#   --warmup    seconds of load, once every user has logged in, before the statistics start
#   --users     Locust users (4 guardians : 1 teacher); --spawn-rate users started a second
#   --workers   Odoo HTTP workers
#   --phases    which of direct, pgbouncer to run (pgbouncer is skipped when not installed)
#   --smoke     20 seconds of each phase with 10 users and no load targets: does it all work?
# Environment: BENCH_DB (school_bench), SCALE_POOL_SIZE (PgBouncer's pool per database and
# user, 8) and the knobs of scripts/lib.sh. Logs: .run/scale/
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

DURATION=180
WARMUP=30
USERS=60
SPAWN_RATE=4
WORKERS=4
PHASES="direct,pgbouncer"
GUARDIANS=300
SMOKE=0
BUILT=0
ARGS=("$@")
while [ $# -gt 0 ]; do
    case "$1" in
        --duration) DURATION="$2"; shift 2 ;;
        --warmup) WARMUP="$2"; shift 2 ;;
        --users) USERS="$2"; shift 2 ;;
        --spawn-rate) SPAWN_RATE="$2"; shift 2 ;;
        --workers) WORKERS="$2"; shift 2 ;;
        --phases) PHASES="$2"; shift 2 ;;
        --guardians) GUARDIANS="$2"; shift 2 ;;
        --smoke) SMOKE=1; shift ;;
        --built) BUILT=1; shift ;;
        -h|--help) sed -n '2,36p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "Unknown argument: $1 (see --help)" ;;
    esac
done
if [ "$SMOKE" = 1 ]; then
    DURATION=20 WARMUP=5 USERS=10 SPAWN_RATE=5 GUARDIANS=20
fi

# the large school is built (or updated) by bench.sh, which then comes back here with --built
if [ "$BUILT" = 0 ]; then
    exec "$(dirname "${BASH_SOURCE[0]}")/bench.sh" --scale "${ARGS[@]}"
fi

setup_all
# one run at a time in a worktree: the replica, PgBouncer and the server have fixed paths
exec 9>"$RUN_DIR/scale.lock"
flock -n 9 || die "Another scale run is going on in this worktree (.run/scale.lock)"
DB="${BENCH_DB:-school_bench}"
INFO="$RUN_DIR/bench-$DB.json"
[ -s "$INFO" ] || die "No logins of the large school in $INFO: run scripts/bench.sh first"
BINDIR="$(pg_bindir)"
OUT="$RUN_DIR/scale"
REPLICA_DIR="$RUN_DIR/pgreplica"
BOUNCER_DIR="$RUN_DIR/pgbouncer"
SERVER_PIDFILE="$OUT/odoo.pid"
mkdir -p "$OUT"
rm -f "$OUT"/*
is_root && chown "$RUN_USER" "$OUT"

# --- the tools ----------------------------------------------------------------------
if ! "$VENV/bin/python" -c 'import locust' 2>/dev/null; then
    log "Installing Locust into .venv (requirements-dev.txt)"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r "$ROOT/requirements-dev.txt" 2>&1 \
        | { grep -v '^WARNING: Location' || true; }
    "$VENV/bin/python" -c 'import locust' || die "Locust could not be installed"
fi
PGBOUNCER="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
if [[ ",$PHASES," == *,pgbouncer,* ]] && [ ! -x "$PGBOUNCER" ]; then
    if command -v apt-get >/dev/null; then
        log "Installing Debian's pgbouncer"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends pgbouncer \
            >/dev/null 2>&1 \
            || { as_root env DEBIAN_FRONTEND=noninteractive apt-get update -q >/dev/null 2>&1 \
                 && as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
                    pgbouncer >/dev/null 2>&1; } || true
    fi
    PGBOUNCER="$(command -v pgbouncer || echo /usr/sbin/pgbouncer)"
    if [ ! -x "$PGBOUNCER" ]; then
        log "No pgbouncer on this machine: the phase through PgBouncer is skipped"
        PHASES="$(tr ',' '\n' <<<"$PHASES" | grep -vx pgbouncer | paste -sd, -)"
    fi
fi
[ -n "$PHASES" ] || die "No phase to run"

# --- stopping everything on exit ----------------------------------------------------
SAMPLER_PID=""
SERVER_JOB=""
# Odoo's prefork server stops gracefully on the first SIGTERM (waiting up to limit_time_real
# for busy workers), at once on the second; its workers are killed last if still there
stop_server() {
    local master="" children _i
    if [ -s "$SERVER_PIDFILE" ]; then
        master="$(cat "$SERVER_PIDFILE")"
    elif [ -n "$SERVER_JOB" ]; then
        master="$(pgrep -P "$SERVER_JOB" | head -1 || true)"  # the server under runuser
    fi
    if [ -n "$master" ]; then
        children="$(pgrep -P "$master" || true)"
        kill "$master" 2>/dev/null || true
        for _i in $(seq 1 100); do kill -0 "$master" 2>/dev/null || break; sleep 0.1; done
        kill "$master" 2>/dev/null || true
        for _i in $(seq 1 50); do kill -0 "$master" 2>/dev/null || break; sleep 0.1; done
        kill -9 "$master" 2>/dev/null || true
        for pid in $children; do kill -9 "$pid" 2>/dev/null || true; done
    fi
    [ -n "$SERVER_JOB" ] && wait "$SERVER_JOB" 2>/dev/null || true
    SERVER_JOB=""
    rm -f "$SERVER_PIDFILE"
}
stop_sampler() {
    [ -n "$SAMPLER_PID" ] && { kill "$SAMPLER_PID" 2>/dev/null || true; wait "$SAMPLER_PID" 2>/dev/null || true; }
    SAMPLER_PID=""
}
stop_all() {
    stop_sampler
    stop_server
    if [ -s "$BOUNCER_DIR/pgbouncer.pid" ]; then
        kill "$(cat "$BOUNCER_DIR/pgbouncer.pid")" 2>/dev/null || true
        rm -f "$BOUNCER_DIR/pgbouncer.pid"
    fi
    if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
        as_service "$BINDIR/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null 2>&1 || true
    fi
    rm -rf "$REPLICA_DIR"
}
trap stop_all EXIT
trap 'exit 130' INT TERM

# --- the primary: ready to stream -----------------------------------------------------
psql_primary() { as_service psql -h "$PGSOCK" -p "$PGPORT_EJ" -d postgres -tAc "$1"; }
if [ "$(psql_primary "SHOW wal_level")" = minimal ] || [ "$(psql_primary "SHOW max_wal_senders")" = 0 ]; then
    log "The primary streams no WAL: wal_level = replica, max_wal_senders = 10, restarting it"
    psql_primary "ALTER SYSTEM SET wal_level = replica" >/dev/null
    psql_primary "ALTER SYSTEM SET max_wal_senders = 10" >/dev/null
    as_service "$BINDIR/pg_ctl" -D "$PGDATA_EJ" -w -t 120 restart >/dev/null
fi
if [ "$(psql_primary "SELECT count(*) FROM pg_hba_file_rules WHERE 'replication' = ANY(database) AND type = 'local'")" = 0 ]; then
    log "Allowing local replication connections in the primary's pg_hba.conf"
    echo "local   replication     all                                     trust" >> "$PGDATA_EJ/pg_hba.conf"
    psql_primary "SELECT pg_reload_conf()" >/dev/null
fi

# --- the replica ----------------------------------------------------------------------
if [ -f "$REPLICA_DIR/postmaster.pid" ]; then
    as_service "$BINDIR/pg_ctl" -D "$REPLICA_DIR" -m fast -w stop >/dev/null 2>&1 || true
fi
rm -rf "$REPLICA_DIR"
log "Streaming replica: pg_basebackup of the primary into .run/pgreplica ($(psql_primary "SELECT pg_size_pretty(sum(pg_database_size(datname))) FROM pg_database"))"
started=$SECONDS
as_service "$BINDIR/pg_basebackup" -h "$PGSOCK" -p "$PGPORT_EJ" -D "$REPLICA_DIR" -R -X stream -c fast \
    || die "pg_basebackup failed"
REPLICA_PORT="$(free_port $((PGPORT_EJ + 100)))"
as_service "$BINDIR/pg_ctl" -D "$REPLICA_DIR" -l "$OUT/replica-postgresql.log" -w -t 120 \
    -o "-p $REPLICA_PORT -k $PGSOCK -c listen_addresses=127.0.0.1 -c hot_standby=on -c hot_standby_feedback=on -c fsync=off -c jit=off -c max_connections=200" \
    start >/dev/null 9>&- || die "The replica did not start: see .run/scale/replica-postgresql.log"
[ "$(as_service psql -h "$PGSOCK" -p "$REPLICA_PORT" -d postgres -tAc "SELECT pg_is_in_recovery()")" = t ] \
    || die "The replica is not in recovery"
log "Replica on port $REPLICA_PORT, streaming ($((SECONDS - started)) s): $(psql_primary "SELECT state || ', ' || sync_state FROM pg_stat_replication LIMIT 1")"

# --- PgBouncer ------------------------------------------------------------------------
BOUNCER_PORT=""
if [[ ",$PHASES," == *,pgbouncer,* ]]; then
    mkdir -p "$BOUNCER_DIR"
    is_root && chown "$RUN_USER" "$BOUNCER_DIR"
    BOUNCER_PORT="$(free_port $((PGPORT_EJ + 200)))"
    printf '"%s" ""\n' "$PGUSER" > "$BOUNCER_DIR/userlist.txt"
    cat > "$BOUNCER_DIR/pgbouncer.ini" <<EOF
; generated by scripts/scale.sh
[databases]
; Odoo's gevent process (the bus) and cron worker LISTEN in the database "postgres": LISTEN
; needs its own server session, so this one is pooled per session; everything else per
; transaction (the change log's chain lock is pg_advisory_xact_lock: transaction-scoped)
postgres = host=$PGSOCK port=$PGPORT_EJ pool_mode=session
* = host=$PGSOCK port=$PGPORT_EJ

[pgbouncer]
listen_addr = 127.0.0.1
listen_port = $BOUNCER_PORT
unix_socket_dir = $PGSOCK
auth_type = trust
auth_file = $BOUNCER_DIR/userlist.txt
admin_users = $PGUSER
pool_mode = transaction
default_pool_size = ${SCALE_POOL_SIZE:-8}
max_client_conn = 1000
ignore_startup_parameters = extra_float_digits,options
logfile = $BOUNCER_DIR/pgbouncer.log
pidfile = $BOUNCER_DIR/pgbouncer.pid
EOF
    is_root && chown -R "$RUN_USER" "$BOUNCER_DIR"
    as_service "$PGBOUNCER" -d "$BOUNCER_DIR/pgbouncer.ini" 9>&- || die "PgBouncer did not start: see .run/pgbouncer/pgbouncer.log"
    for _i in $(seq 1 20); do
        as_service psql -h "$PGSOCK" -p "$BOUNCER_PORT" -d "$DB" -tAc "SELECT 1" >/dev/null 2>&1 && break
        sleep 0.5
    done
    as_service psql -h "$PGSOCK" -p "$BOUNCER_PORT" -d "$DB" -tAc "SELECT 1" >/dev/null \
        || die "PgBouncer does not answer: see .run/pgbouncer/pgbouncer.log"
    log "PgBouncer $("$PGBOUNCER" --version | head -1 | awk '{print $2}') on port $BOUNCER_PORT, transaction pooling, pool size ${SCALE_POOL_SIZE:-8}"
fi

# --- the Locust users in the school ---------------------------------------------------
log "Preparing the users of the run: $GUARDIANS guardians' portal logins, the teachers' passwords"
output="$(SCALE_GUARDIANS="$GUARDIANS" odoo_shell -d "$DB" --no-http --log-level=warn < "$ROOT/scripts/scale_prepare.py" 2>&1)" \
    || { echo "$output" >&2; die "The users of the run could not be prepared"; }
sed -n 's/^SCALE-USERS\t//p' <<<"$output" > "$OUT/users.json"
[ -s "$OUT/users.json" ] || { echo "$output" >&2; die "The preparation printed no users"; }
read -r n_guardians n_teachers < <("$VENV/bin/python" -c \
    'import json,sys; u=json.load(open(sys.argv[1])); print(len(u["guardians"]), len(u["teachers"]))' "$OUT/users.json")
log "$n_guardians guardians and $n_teachers teachers log in"
[ "$n_guardians" -gt 0 ] && [ "$n_teachers" -gt 0 ] || die "No guardian or no teacher to log in"

# --- one phase ------------------------------------------------------------------------
run_phase() {
    local phase="$1" db_host="$PGSOCK" db_port="$PGPORT_EJ" port gport log rc=0
    [ "$phase" = pgbouncer ] && db_port="$BOUNCER_PORT"
    port="$(free_port 18269)"
    gport="$(free_port $((port + 1)))"
    log="$OUT/odoo-$phase.log"
    : > "$log"
    is_root && chown "$RUN_USER" "$log"
    log "Phase $phase: Odoo on 127.0.0.1:$port, $WORKERS HTTP workers + 1 cron worker, database through $([ "$phase" = pgbouncer ] && echo "PgBouncer :$BOUNCER_PORT" || echo "the primary :$PGPORT_EJ"), read-only routes on the replica :$REPLICA_PORT"
    as_service "$VENV/bin/python" "$ODOO_DIR/odoo-bin" -c "$ODOO_CONF" -d "$DB" --db-filter="^${DB}\$" \
        --db_host="$db_host" --db_port="$db_port" --db_replica_host="$PGSOCK" --db_replica_port="$REPLICA_PORT" \
        --http-interface=127.0.0.1 --http-port="$port" --gevent-port="$gport" \
        --workers="$WORKERS" --max-cron-threads=1 --limit-time-real=600 --limit-time-cpu=300 \
        --logfile="$log" --log-level=warn --log-handler=werkzeug:INFO --pidfile="$SERVER_PIDFILE" 9>&- &
    SERVER_JOB=$!
    for _i in $(seq 1 120); do
        curl -fs "http://127.0.0.1:$port/web/health" >/dev/null 2>&1 && [ -s "$SERVER_PIDFILE" ] && break
        kill -0 "$SERVER_JOB" 2>/dev/null || die "Odoo stopped at start: see .run/scale/odoo-$phase.log"
        sleep 1
    done
    curl -fs "http://127.0.0.1:$port/web/health" >/dev/null || die "Odoo did not answer on port $port"

    local pids="odoo=$SERVER_PIDFILE,primary=$PGDATA_EJ/postmaster.pid,replica=$REPLICA_DIR/postmaster.pid,locust=$OUT/locust.pid"
    local sampler_args=(--pg "$PGSOCK:$PGPORT_EJ:$PGUSER" --replica "$PGSOCK:$REPLICA_PORT")
    if [ "$phase" = pgbouncer ]; then
        sampler_args+=(--pgbouncer "$PGSOCK:$BOUNCER_PORT")
        pids="$pids,pgbouncer=$BOUNCER_DIR/pgbouncer.pid"
    fi
    sampler_args+=(--pids "$pids")
    "$VENV/bin/python" "$ROOT/scripts/scale.py" sample --out "$OUT/samples-$phase.jsonl" "${sampler_args[@]}" 9>&- &
    SAMPLER_PID=$!

    log "Phase $phase: load average of the machine before: $(cut -d' ' -f1-3 /proc/loadavg)"
    log "Phase $phase: Locust, $USERS users (+$SPAWN_RATE/s); once all logged in, ${WARMUP} s warm-up, then ${DURATION} s measured"
    : > "$OUT/acks-$phase.jsonl"
    set +e
    (cd "$OUT" && echo "$BASHPID" > "$OUT/locust.pid" && exec env SCALE_USERS="$OUT/users.json" SCALE_ACKS="$OUT/acks-$phase.jsonl" SCALE_DB="$DB" \
        SCALE_WARMUP="$WARMUP" SCALE_DURATION="$DURATION" SCALE_LOG="$log" SCALE_LOG_MARK="$OUT/mark-$phase.json" \
        "$VENV/bin/locust" -f "$ROOT/scripts/scale_locustfile.py" --headless --only-summary \
        --host "http://127.0.0.1:$port" -u "$USERS" -r "$SPAWN_RATE" \
        -t "$(( DURATION + WARMUP + 900 ))s" --stop-timeout 30 \
        --csv "$OUT/locust-$phase" --loglevel WARNING > "$OUT/locust-$phase.out" 2>&1)
    set -e
    stop_sampler
    log "Phase $phase: load average of the machine after: $(cut -d' ' -f1-3 /proc/loadavg)"
    [ -s "$OUT/locust-$phase"_stats.csv ] || { cat "$OUT/locust-$phase.out" >&2; die "Locust printed no statistics"; }
    local title
    if [ "$phase" = pgbouncer ]; then
        title="Phase pgbouncer: $WORKERS Odoo workers -> PgBouncer (transaction pooling) -> primary; read-only routes -> replica"
    else
        title="Phase direct: $WORKERS Odoo workers -> primary; read-only routes -> replica"
    fi
    title="$title; $USERS users, ${DURATION} s measured"
    local target_args=()
    [ "$SMOKE" = 1 ] && target_args=(--min-guardian-rps 0 --max-guardian-p95 1e9)
    "$VENV/bin/python" "$ROOT/scripts/scale.py" report --phase "$phase" --title "$title" \
        --csv "$OUT/locust-$phase" --log "$log" --mark "$OUT/mark-$phase.json" \
        --samples "$OUT/samples-$phase.jsonl" "${target_args[@]}" || rc=1
    local lsn
    lsn="$(psql_primary "SELECT pg_current_wal_lsn()")"
    log "Replica after the load: $(as_service psql -h "$PGSOCK" -p "$REPLICA_PORT" -d postgres -tAc \
        "SELECT pg_size_pretty(greatest(pg_wal_lsn_diff('$lsn', pg_last_wal_replay_lsn()), 0)) || ' of WAL behind the primary'")"
    "$VENV/bin/python" "$ROOT/scripts/scale.py" verify --acks "$OUT/acks-$phase.jsonl" \
        --pg "$PGSOCK:$PGPORT_EJ:$PGUSER" --db "$DB" --url "http://127.0.0.1:$port" --logins "$INFO" || rc=1
    stop_server
    return "$rc"
}

RC=0
for phase in ${PHASES//,/ }; do
    case "$phase" in
        direct|pgbouncer) run_phase "$phase" || RC=1 ;;
        *) die "Unknown phase: $phase (direct, pgbouncer)" ;;
    esac
done
if [ "$RC" = 0 ]; then log "Scale-out run: every target met"; else log "Scale-out run: a target was missed (see above)"; fi
exit "$RC"
