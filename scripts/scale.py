"""Helpers of scripts/scale.sh (issue 15, the scale-out run): sampling, report, checks.

scale.py sample  --out F --pg HOST:PORT[:USER] [--replica HOST:PORT] [--pgbouncer HOST:PORT]
                 [--pids name=pidfile,...]
    every second until stopped, one JSON line: the server connections of PostgreSQL
    (client backends of the primary and of the replica, all and non-idle), through
    PgBouncer its client and server connections (SHOW POOLS), and the CPU seconds of the
    machine and of each process tree named in --pids
scale.py report  --phase NAME --title T --csv PREFIX --log F --mark F --samples F ...
    the table of one phase from Locust's CSV, Odoo's access log (ro/rw markers from the
    offset in the locustfile's mark) and the samples; exits 1 when a target is missed
scale.py verify  --acks F --pg ... --db DB --url URL --logins INFO
    every save the Locust users saw acknowledged is in the database; then the integrity
    verification of the change log (as bench.sh's verify step); exits 1 on a loss
"""

import argparse
import csv
import json
import re
import statistics
import sys
import time

import psutil
import psycopg2
import requests

ACCESS_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<other>[\d.]+)(?: (?P<mode>ro->rw|ro|rw|-))?"
)


def connect(spec, dbname, user=None):
    host, port, *rest = spec.split(":")
    return psycopg2.connect(
        dbname=dbname,
        host=host,
        port=int(port),
        user=(rest[0] if rest else user),
        application_name="scale-sampler",
    )


# --------------------------------------------------------------------------------------
# sample
# --------------------------------------------------------------------------------------
COUNT_BACKENDS = """
    SELECT count(*), count(*) FILTER (WHERE state <> 'idle')
      FROM pg_stat_activity
     WHERE backend_type = 'client backend' AND pid <> pg_backend_pid()
       AND application_name <> 'scale-sampler'
"""


def tree_cpu(pid):
    """CPU seconds (user + system) of a process, its live descendants and their reaped children."""
    try:
        root = psutil.Process(pid)
        total = 0.0
        for process in [root, *root.children(recursive=True)]:
            try:
                t = process.cpu_times()
                total += t.user + t.system + t.children_user + t.children_system
            except psutil.Error:
                continue
        return round(total, 2)
    except psutil.Error:
        return None


def read_pid(path):
    try:
        with open(path, encoding="utf-8") as handle:
            return int(handle.readline().strip())
    except (OSError, ValueError):
        return None


def sample(args):
    pids = {}
    for spec in args.pids.split(",") if args.pids else []:
        name, path = spec.split("=", 1)
        pids[name] = path
    primary = connect(args.pg, "postgres")
    primary.autocommit = True
    user = args.pg.split(":")[2] if args.pg.count(":") >= 2 else None
    replica = connect(args.replica, "postgres", user) if args.replica else None
    if replica:
        replica.autocommit = True
    bouncer = None
    with open(args.out, "a", encoding="utf-8") as out:
        while True:
            row = {"t": round(time.time(), 1)}
            times = psutil.cpu_times()
            row["cpu_machine_busy"] = round(sum(times) - times.idle - times.iowait, 2)
            for name, path in pids.items():
                pid = read_pid(path)
                if pid:
                    row[f"cpu_{name}"] = tree_cpu(pid)
            with primary.cursor() as cr:
                cr.execute(COUNT_BACKENDS)
                row["primary"], row["primary_active"] = cr.fetchone()
            if replica:
                with replica.cursor() as cr:
                    cr.execute(COUNT_BACKENDS)
                    row["replica"], row["replica_active"] = cr.fetchone()
            if args.pgbouncer:
                try:
                    if bouncer is None:
                        bouncer = connect(args.pgbouncer, "pgbouncer", user)
                        bouncer.autocommit = True
                    with bouncer.cursor() as cr:
                        cr.execute("SHOW POOLS")
                        names = [d[0] for d in cr.description]
                        pools = [dict(zip(names, r, strict=False)) for r in cr.fetchall()]
                    pools = [p for p in pools if p["database"] != "pgbouncer"]
                    row["bouncer_clients"] = sum(p["cl_active"] + p["cl_waiting"] for p in pools)
                    row["bouncer_waiting"] = sum(p["cl_waiting"] for p in pools)
                    row["bouncer_servers"] = sum(
                        p["sv_active"] + p["sv_idle"] + p["sv_used"] + p["sv_tested"] + p["sv_login"]
                        for p in pools
                    )
                except psycopg2.Error as error:
                    row["bouncer_error"] = str(error).strip()
                    bouncer = None
            out.write(json.dumps(row) + "\n")
            out.flush()
            time.sleep(args.interval)


# --------------------------------------------------------------------------------------
# report
# --------------------------------------------------------------------------------------
def ms(value):
    return f"{float(value):.0f} ms" if value not in ("", "N/A", None) else "–"


def read_samples(path, since):
    rows = []
    try:
        with open(path, encoding="utf-8") as handle:
            for line in handle:
                row = json.loads(line)
                if row["t"] >= since:
                    rows.append(row)
    except FileNotFoundError:
        pass
    return rows


def spread(rows, key):
    values = [r[key] for r in rows if key in r]
    if not values:
        return None
    return f"max {max(values)}, mean {statistics.mean(values):.1f}"


def cursor_modes(path, offset):
    """Count the access lines' ro/rw/ro->rw markers from ``offset``: all, and the e-diary's."""
    modes = {"ro": 0, "rw": 0, "ro->rw": 0}
    guardian_modes = {"ro": 0, "rw": 0, "ro->rw": 0}
    with open(path, "rb") as handle:
        handle.seek(offset)
        for raw in handle:
            match = ACCESS_LINE.search(raw.decode("utf-8", "replace"))
            if not match or not match["mode"] or match["mode"] == "-":
                continue
            modes[match["mode"]] += 1
            if match["path"].startswith("/my/diary/"):
                guardian_modes[match["mode"]] += 1
    return modes, guardian_modes


CPU_PARTS = (
    ("odoo", "Odoo (workers, cron, gevent)"),
    ("primary", "PostgreSQL primary"),
    ("replica", "PostgreSQL replica"),
    ("pgbouncer", "PgBouncer"),
    ("locust", "Locust (the load generator)"),
)


def cpu_report(samples, requests_count, summary):
    """CPU seconds of each part during the measured window, per request of the mix, and
    what 2 cores left to the system under test alone would serve at that cost (an estimate)."""
    if len(samples) < 2:
        return
    first, last = samples[0], samples[-1]
    seconds = last["t"] - first["t"]
    if seconds <= 0:
        return
    used = {}
    for key, _label in CPU_PARTS:
        a, b = first.get(f"cpu_{key}"), last.get(f"cpu_{key}")
        if a is not None and b is not None:
            used[key] = b - a
    machine = last["cpu_machine_busy"] - first["cpu_machine_busy"]
    served = sum(v for k, v in used.items() if k != "locust")
    parts = ", ".join(f"{label} {used[key] / seconds:.2f}" for key, label in CPU_PARTS if key in used)
    print(
        f"  CPU in cores over the {seconds:.0f} s measured: the machine {machine / seconds:.2f} of "
        f"{psutil.cpu_count()} (other jobs included); {parts}"
    )
    summary["cpu"] = {k: round(v / seconds, 2) for k, v in used.items()}
    summary["cpu"]["machine"] = round(machine / seconds, 2)
    if requests_count:
        per_request = served / requests_count
        summary["cpu_ms_per_request"] = round(1000 * per_request, 1)
        summary["capacity_2_cores_estimate"] = round(2 / per_request, 0)
        print(
            f"  server CPU per request of this mix (Odoo + PostgreSQL + PgBouncer): "
            f"{1000 * per_request:.0f} ms; 2 cores free of other jobs would serve about "
            f"{2 / per_request:.0f} requests/s of it (an estimate from the measured CPU)"
        )


def report(args):
    with open(f"{args.csv}_stats.csv", encoding="utf-8") as handle:
        stats = list(csv.DictReader(handle))
    try:
        with open(args.mark, encoding="utf-8") as handle:
            mark = json.load(handle)
    except (FileNotFoundError, ValueError):
        mark = {}
        print("  (the measurement never started: the statistics include the logins)")
    modes, guardian_modes = cursor_modes(args.log, mark.get("log_from", 0))
    samples = read_samples(args.samples, mark.get("t", 0))

    print(f"\n== {args.title}")
    header = ("route", "requests", "req/s", "p50", "p95", "p99", "errors")
    lines = [header]
    for row in stats:
        name = row["Name"] if row["Name"] != "Aggregated" else "all requests"
        lines.append(
            (
                name,
                row["Request Count"],
                f"{float(row['Requests/s']):.1f}",
                ms(row["50%"]),
                ms(row["95%"]),
                ms(row["99%"]),
                row["Failure Count"],
            )
        )
    widths = [max(len(str(line[i])) for line in lines) for i in range(len(header))]
    for n, line in enumerate(lines):
        print(
            "  "
            + "  ".join(
                str(v).ljust(widths[i]) if i == 0 else str(v).rjust(widths[i]) for i, v in enumerate(line)
            )
        )
        if n == 0:
            print("  " + "  ".join("-" * w for w in widths))

    summary = {"phase": args.phase, "routes": {}}
    for row in stats:
        summary["routes"][row["Name"]] = {
            "requests": int(row["Request Count"]),
            "failures": int(row["Failure Count"]),
            "rps": float(row["Requests/s"]),
            "p50": row["50%"],
            "p95": row["95%"],
            "p99": row["99%"],
        }
    guardian = [r for r in stats if r["Name"].startswith("guardian:")]
    teacher = [r for r in stats if r["Name"].startswith("teacher:")]
    aggregated = next((r for r in stats if r["Name"] == "Aggregated"), None)
    guardian_rps = sum(float(r["Requests/s"]) for r in guardian)
    guardian_errors = sum(int(r["Failure Count"]) for r in guardian)
    guardian_p95 = max((float(r["95%"]) for r in guardian if r["95%"] not in ("", "N/A")), default=0.0)
    total = int(aggregated["Request Count"]) if aggregated else 0
    failures = int(aggregated["Failure Count"]) if aggregated else 0
    served = sum(modes.values())
    summary.update(
        guardian_rps=round(guardian_rps, 1),
        guardian_p95_ms=guardian_p95,
        guardian_errors=guardian_errors,
        teacher_errors=sum(int(r["Failure Count"]) for r in teacher),
        total_rps=round(float(aggregated["Requests/s"]), 1) if aggregated else 0,
        error_rate=(failures / total) if total else 0,
        modes=modes,
        guardian_modes=guardian_modes,
    )
    print(
        f"  guardian pages: {guardian_rps:.1f} req/s, p95 {guardian_p95:.0f} ms (the slower route), "
        f"{guardian_errors} errors; all requests: {summary['total_rps']} req/s, error rate "
        f"{100 * summary['error_rate']:.2f} % ({failures} of {total})"
    )
    if served:
        print(
            f"  served by the replica (access-log markers, logins included): ro {modes['ro']} "
            f"({100 * modes['ro'] / served:.0f} %), rw {modes['rw']}, ro->rw {modes['ro->rw']}; "
            "guardian pages "
            f"{guardian_modes['ro']} of {sum(guardian_modes.values())} on the replica"
        )
        summary["replica_share"] = modes["ro"] / served
    else:
        print("  no ro/rw markers in the access log (no replica configured)")
    for key, label in (
        ("primary", "primary: server connections (client backends)"),
        ("primary_active", "primary: of them not idle"),
        ("replica", "replica: server connections"),
        ("replica_active", "replica: of them not idle"),
        ("bouncer_clients", "PgBouncer: Odoo's client connections"),
        ("bouncer_waiting", "PgBouncer: clients waiting for a server"),
        ("bouncer_servers", "PgBouncer: its server connections"),
    ):
        value = spread(samples, key)
        if value:
            print(f"  {label}: {value} ({len(samples)} samples)")
            summary[key] = {
                "max": max(r[key] for r in samples if key in r),
                "mean": round(statistics.mean(r[key] for r in samples if key in r), 1),
            }
    cpu_report(samples, total, summary)
    missed = []
    if guardian_rps < args.min_guardian_rps:
        missed.append(f"guardian pages {guardian_rps:.1f} req/s < {args.min_guardian_rps:g}")
    if guardian_p95 > args.max_guardian_p95:
        missed.append(f"guardian pages p95 {guardian_p95:.0f} ms > {args.max_guardian_p95:g} ms")
    if guardian_errors:
        missed.append(f"{guardian_errors} guardian page errors")
    if not guardian:
        missed.append("no guardian page was requested")
    summary["missed"] = missed
    with open(f"{args.csv}_summary.json", "w", encoding="utf-8") as handle:
        json.dump(summary, handle, indent=1)
    if missed:
        print("  TARGET MISSED: " + "; ".join(missed))
        return 1
    print(
        f"  targets met: guardian pages ≥ {args.min_guardian_rps:g}/s, "
        f"p95 ≤ {args.max_guardian_p95:g} ms, no errors"
    )
    return 0


# --------------------------------------------------------------------------------------
# verify
# --------------------------------------------------------------------------------------
def verify(args):
    marks, attendance = {}, {}
    with open(args.acks, encoding="utf-8") as handle:
        for line in handle:
            ack = json.loads(line)
            if ack["kind"] == "mark":
                marks[(ack["lesson_id"], ack["student_id"])] = ack
            else:
                attendance[ack["lesson_id"]] = ack  # the last acknowledged of each lesson
    pg = connect(args.pg, args.db)
    lost = []
    with pg.cursor() as cr:
        for (lesson_id, student_id), ack in marks.items():
            cr.execute(
                "SELECT id, value FROM school_mark WHERE lesson_id = %s AND student_id = %s ORDER BY id",
                (lesson_id, student_id),
            )
            rows = cr.fetchall()
            if [float(v) for _id, v in rows] != [float(ack["value"])] or [i for i, _v in rows] != ack["ids"]:
                lost.append(
                    f"mark {ack['value']} of student {student_id} at lesson {lesson_id}: "
                    f"the database has {rows}"
                )
        checked_codes = 0
        for lesson_id, ack in attendance.items():
            cr.execute("SELECT student_id, code FROM school_attendance WHERE lesson_id = %s", (lesson_id,))
            stored = dict(cr.fetchall())
            for student, code in ack["codes"].items():
                checked_codes += 1
                if (stored.get(int(student)) or False) != code:
                    lost.append(
                        f"attendance of student {student} at lesson {lesson_id}: saved {code}, "
                        f"the database has {stored.get(int(student))}"
                    )
    pg.close()
    print(
        f"\n== Acknowledged saves: {len(marks)} marks and {len(attendance)} lessons' attendance "
        f"({checked_codes} students' codes, the last save of each lesson) checked in the database: "
        + ("all there" if not lost else f"{len(lost)} LOST")
    )
    for line in lost[:20]:
        print("  lost: " + line)

    with open(args.logins, encoding="utf-8") as handle:
        login, password = json.load(handle)["logins"]["ej_admin"]
    session = requests.Session()
    auth = _json_rpc(
        session,
        f"{args.url}/web/session/authenticate",
        {"db": args.db, "login": login, "password": password},
        timeout=120,
    )
    if not (auth.get("result") or {}).get("uid"):
        print(f"  cannot log in as {login} to verify the change log: {auth.get('error')}")
        return 1
    started = time.monotonic()
    body = _json_rpc(
        session,
        f"{args.url}/web/dataset/call_kw/school.chain.verification/action_run_now",
        {
            "model": "school.chain.verification",
            "method": "action_run_now",
            "args": [],
            "kwargs": {"context": auth["result"].get("user_context") or {}},
        },
        timeout=1800,
    )
    seconds = time.monotonic() - started
    if body.get("error"):
        print(f"  the integrity verification failed: {body['error'].get('data', {}).get('message')}")
        return 1
    params = body["result"]["params"]
    intact = params.get("type") == "success"
    print(
        f"== Change log after the run ({seconds:.0f} s): "
        f"{'intact' if intact else 'NOT INTACT'}: {params['message']}"
    )
    return 0 if intact and not lost else 1


def _json_rpc(session, url, params, timeout):
    """One JSON-RPC call of Odoo's web routes; the decoded answer (``result`` or ``error``)."""
    payload = {"jsonrpc": "2.0", "method": "call", "params": params}
    return session.post(url, json=payload, timeout=timeout).json()


def main():
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    sub = parser.add_subparsers(dest="command", required=True)
    p = sub.add_parser("sample")
    p.add_argument("--out", required=True)
    p.add_argument("--pg", required=True, help="HOST:PORT[:USER] of the primary")
    p.add_argument("--replica")
    p.add_argument("--pgbouncer")
    p.add_argument("--interval", type=float, default=1.0)
    p.add_argument("--pids", help="name=pidfile,...: processes whose CPU time is sampled (with children)")
    p = sub.add_parser("report")
    p.add_argument("--phase", required=True)
    p.add_argument("--title", required=True)
    p.add_argument("--csv", required=True)
    p.add_argument("--log", required=True)
    p.add_argument("--mark", required=True, help="JSON of the locustfile: log size and time at the start")
    p.add_argument("--samples", required=True)
    p.add_argument("--min-guardian-rps", type=float, default=40)
    p.add_argument("--max-guardian-p95", type=float, default=500)
    p = sub.add_parser("verify")
    p.add_argument("--acks", required=True)
    p.add_argument("--pg", required=True)
    p.add_argument("--db", required=True)
    p.add_argument("--url", required=True)
    p.add_argument("--logins", required=True)
    args = parser.parse_args()
    return {"sample": sample, "report": report, "verify": verify}[args.command](args) or 0


if __name__ == "__main__":
    sys.exit(main())
