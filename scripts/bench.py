"""Benchmark of School e-Journal on a large school (issue 8, "Scale and speed").

Run by scripts/bench.sh, which prepares the database and starts Odoo on 127.0.0.1. This
client logs in through /web/session/authenticate as the school's own users, calls the
model methods through /web/dataset/call_kw as the web client does, fetches the e-diary's
portal pages with the guardian's session, and prints one line per operation: median and
95th percentile, the bare SQL floor and the ratio, the SQL query count and the target.

Query counts are read on the server side from Odoo's own per-request instrumentation:
every request thread counts its queries (``odoo.sql_db``) and the werkzeug access line of
the request ends with "<queries> <SQL seconds> <other seconds>" (``odoo.netsvc.PerfFilter``).
bench.sh starts the server with ``--log-handler werkzeug:INFO`` into its own log file;
this script reads the line of each request there. No route or code is added for the
benchmark, and the counts include everything the request does (session, access rules).

The floor of an operation is the time of the bare SQL reading (or writing) the same rows
over a direct PostgreSQL connection: what no implementation can beat. The ratio of the
figure to its floor shows the framework's overhead on any machine.
"""

import argparse
import json
import re
import statistics
import sys
import threading
import time
from contextlib import contextmanager
from datetime import date, timedelta

import psutil
import psycopg2
import requests

ACCESS_LINE = re.compile(
    r'"(?P<method>[A-Z]+) (?P<path>\S+) HTTP/[\d.]+" (?P<status>\d{3}) \S+ '
    r"(?P<queries>\d+) (?P<sql>[\d.]+) (?P<other>[\d.]+)"
)


# --------------------------------------------------------------------------------------
# Measuring
# --------------------------------------------------------------------------------------
def percentile(values, share):
    """Nearest-rank percentile: the smallest value with ``share`` of the values at or below."""
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 100))
    return ordered[int(rank) - 1]


@contextmanager
def peak_rss(server):
    """Sample the resident memory of ``server`` and its children every 50 ms while the
    ``with`` block runs; yields a dict whose "rss" is the peak seen."""
    peak = {"rss": 0}
    running = threading.Event()

    def sample():
        while running.is_set():
            rss = sum(p.memory_info().rss for p in [server, *server.children(recursive=True)])
            peak["rss"] = max(peak["rss"], rss)
            time.sleep(0.05)

    running.set()
    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield peak
    finally:
        running.clear()
        sampler.join()


class ServerLog:
    """The server's log file, read from where the last request left it."""

    def __init__(self, path):
        self.path = path
        with open(path, "rb") as handle:
            handle.seek(0, 2)
            self.offset = handle.tell()

    def request_perf(self, method, path, timeout=5.0):
        """(queries, SQL seconds, other seconds) of the next logged request to ``path``."""
        deadline = time.monotonic() + timeout
        while True:
            with open(self.path, "rb") as handle:
                handle.seek(self.offset)
                chunk = handle.read()
            consumed = 0
            for line in chunk.splitlines(keepends=True):
                if not line.endswith(b"\n"):
                    break
                consumed += len(line)
                match = ACCESS_LINE.search(line.decode("utf-8", "replace"))
                if match and match["method"] == method and match["path"].split("?")[0] == path.split("?")[0]:
                    self.offset += consumed
                    return int(match["queries"]), float(match["sql"]), float(match["other"])
            self.offset += consumed
            if time.monotonic() > deadline:
                return None
            time.sleep(0.02)


class Client:
    """A logged-in session of one user of the school."""

    def __init__(self, bench, login, password):
        self.bench = bench
        self.session = requests.Session()
        response = self.session.post(
            f"{bench.url}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": bench.db, "login": login, "password": password},
            },
            timeout=60,
        )
        result = response.json()
        if result.get("error") or not (result.get("result") or {}).get("uid"):
            raise SystemExit(f"Cannot log in as {login}: {result.get('error')}")
        self.uid = result["result"]["uid"]
        self.login = login
        # the web client sends the user's context (language, time zone) with every call
        self.context = result["result"].get("user_context") or {}

    def call(self, model, method, *args, **kwargs):
        """call_kw through HTTP; returns (result, seconds, server perf)."""
        path = f"/web/dataset/call_kw/{model}/{method}"
        payload = {
            "jsonrpc": "2.0",
            "method": "call",
            "id": 1,
            "params": {
                "model": model,
                "method": method,
                "args": list(args),
                "kwargs": dict(kwargs, context=dict(self.context, **kwargs.get("context", {}))),
            },
        }
        started = time.perf_counter()
        response = self.session.post(f"{self.bench.url}{path}", json=payload, timeout=3600)
        seconds = time.perf_counter() - started
        body = response.json()
        perf = self.bench.log.request_perf("POST", path)
        if body.get("error"):
            error = body["error"].get("data", {}).get("message") or body["error"]
            raise SystemExit(f"{model}.{method} as {self.login} failed: {error}")
        return body["result"], seconds, perf

    def get(self, path):
        started = time.perf_counter()
        response = self.session.get(f"{self.bench.url}{path}", timeout=600, allow_redirects=False)
        seconds = time.perf_counter() - started
        perf = self.bench.log.request_perf("GET", path)
        if response.status_code != 200:
            raise SystemExit(f"GET {path} as {self.login}: HTTP {response.status_code}")
        return response.text, seconds, perf


class Result:
    def __init__(self, name, target, unit="ms", note="", statistic="p95"):
        """``target``: seconds the ``statistic`` ("p95" or "median") must not exceed."""
        self.name, self.target, self.unit, self.note = name, target, unit, note
        self.statistic = statistic
        self.times, self.queries, self.sql = [], [], []
        self.floor = None
        self.memory = None
        self.memory_target = None

    def add(self, seconds, perf):
        self.times.append(seconds)
        if perf:
            self.queries.append(perf[0])
            self.sql.append(perf[1])

    @property
    def median(self):
        return statistics.median(self.times)

    @property
    def p95(self):
        return percentile(self.times, 95)

    @property
    def ok(self):
        if self.target is not None and getattr(self, self.statistic) > self.target:
            return False
        return not (self.memory_target is not None and self.memory > self.memory_target)


class Bench:
    def __init__(self, args):
        self.args = args
        self.url = args.url.rstrip("/")
        self.db = args.db
        self.log = ServerLog(args.server_log)
        with open(args.logins, encoding="utf-8") as handle:
            self.logins = json.load(handle)["logins"]
        self.pg = psycopg2.connect(dbname=args.db, host=args.pg_host, port=args.pg_port, user=args.pg_user)
        self.pg.autocommit = False
        self.results = []

    def client(self, role):
        login, password = self.logins[role]
        return Client(self, login, password)

    def floor(self, statements, repeat=None, rollback=True):
        """Median seconds of running ``statements`` [(sql, params)] over the bare connection."""
        times = []
        for _i in range(repeat or self.args.reps):
            with self.pg.cursor() as cr:
                started = time.perf_counter()
                for sql, params in statements:
                    cr.execute(sql, params)
                    if cr.description:
                        cr.fetchall()
                seconds = time.perf_counter() - started
            if rollback:
                self.pg.rollback()
            times.append(seconds)
        return statistics.median(times)

    def sql(self, query, params=()):
        with self.pg.cursor() as cr:
            cr.execute(query, params)
            rows = cr.fetchall()
        self.pg.rollback()
        return rows

    # ----------------------------------------------------------------------------------
    # The school's data the operations work on
    # ----------------------------------------------------------------------------------
    def prepare(self):
        self.teacher = self.client("class_teacher")
        self.admin = self.client("admin")
        teacher_class = self.admin.call(
            "school.class",
            "search_read",
            [("class_teacher_id", "=", self.teacher.uid)],
            ["name", "grade", "year_id"],
            limit=1,
            order="id desc",
        )[0]
        if not teacher_class:
            raise SystemExit("The class teacher of the demo school leads no class.")
        self.school_class = teacher_class[0]
        assignment = self.admin.call(
            "school.teaching.assignment",
            "search_read",
            [
                ("teacher_id", "=", self.teacher.uid),
                ("class_id", "=", self.school_class["id"]),
                ("subgroup_id", "=", False),
            ],
            ["subject_id"],
            limit=1,
        )[0]
        if not assignment:
            raise SystemExit(
                f"The class teacher teaches no subject to the whole of {self.school_class['name']}."
            )
        self.subject_id, self.subject_name = assignment[0]["subject_id"]
        options = self.teacher.call("school.journal.grid", "get_options")[0]
        class_options = next(c for c in options["classes"] if c["id"] == self.school_class["id"])
        self.period_id = class_options["default_period_id"]
        self.period = self.admin.call(
            "school.period",
            "read",
            [self.period_id],
            ["name", "date_start", "date_end", "period_type", "year_id"],
        )[0][0]
        self.today = date.today()
        print(
            f"Journal grid: {self.school_class['name']}, {self.subject_name}, {self.period['name']} "
            f"(class teacher {self.teacher.login})",
            flush=True,
        )

    # ----------------------------------------------------------------------------------
    # The operations
    # ----------------------------------------------------------------------------------
    def warm(self, function, times=2):
        for _i in range(times):
            function()

    def bench_grid(self):
        result = Result("Journal grid: open (30 students, 1 subject, 1 quarter)", 0.300)
        args = (self.school_class["id"], self.subject_id, self.period_id)
        self.warm(lambda: self.teacher.call("school.journal.grid", "get_grid", *args))
        grid = None
        for _i in range(self.args.reps):
            grid, seconds, perf = self.teacher.call("school.journal.grid", "get_grid", *args)
            result.add(seconds, perf)
        self.grid = grid
        students = len(grid["students"])
        marks = sum(len(cell["marks"]) for cell in grid["cells"].values())
        result.note = f"{students} students, {len(grid['lessons'])} lessons, {marks} marks"
        lesson_ids = [lesson["id"] for lesson in grid["lessons"]]
        result.floor = self.floor(
            [
                (
                    """SELECT id, date, lesson_number, topic, homework, teacher_id, planned_teacher_id,
                              is_substitution, subgroup_id, state
                         FROM school_lesson
                        WHERE class_id = %s AND subject_id = %s AND date BETWEEN %s AND %s
                          AND state != 'cancelled'
                     ORDER BY date, lesson_number, id""",
                    (args[0], args[1], self.period["date_start"], self.period["date_end"]),
                ),
                (
                    """SELECT s.id, p.name FROM school_enrollment e
                         JOIN school_student s ON s.id = e.student_id
                         JOIN res_partner p ON p.id = s.partner_id
                        WHERE e.class_id = %s AND e.date_start <= %s
                          AND (e.date_end IS NULL OR e.date_end >= %s)
                     ORDER BY p.name""",
                    (args[0], self.period["date_end"], self.period["date_start"]),
                ),
                (
                    """SELECT m.id, m.lesson_id, m.student_id, m.value, m.weight, m.comment, w.name
                         FROM school_mark m JOIN school_work_type w ON w.id = m.work_type_id
                        WHERE m.lesson_id = ANY(%s)""",
                    (lesson_ids,),
                ),
                (
                    "SELECT lesson_id, student_id, code FROM school_attendance WHERE lesson_id = ANY(%s)",
                    (lesson_ids,),
                ),
            ]
        )
        self.results.append(result)
        if students != 30:
            print(f"  note: the class has {students} students, not 30", flush=True)

    def bench_rpc(self):
        """An empty authenticated JSON-RPC call: what every request costs in Odoo itself
        (session, routing, JSON, the transaction), against which the rows above read (issue 15)."""
        result = Result("Empty authenticated JSON-RPC call (has_access)", None)
        own = [self.teacher.uid]
        self.warm(lambda: self.teacher.call("res.users", "has_access", own, "read"))
        for _i in range(self.args.reps):
            _res, seconds, perf = self.teacher.call("res.users", "has_access", own, "read")
            result.add(seconds, perf)
        result.note = "call_kw of res.users has_access('read') by the class teacher: Odoo's own overhead"
        result.floor = self.floor([("SELECT 1", ())])
        self.results.append(result)

    def _editable_lessons(self):
        """Lessons of the grid the teacher may edit, given by then, latest first."""
        lessons = [
            lesson
            for lesson in self.grid["lessons"]
            if lesson["editable"] and date.fromisoformat(lesson["date"]) <= self.today
        ]
        if not lessons:
            raise SystemExit("No lesson of the grid is open to its teacher today: nothing to save.")
        return lessons[::-1]

    def bench_save_mark(self):
        result = Result("Journal grid: save one mark", 0.150)
        cells = [
            (lesson["id"], student["id"])
            for lesson in self._editable_lessons()
            for student in self.grid["students"]
            if f"{lesson['id']}-{student['id']}" not in self.grid["cells"]
        ][: self.args.reps + 2]
        if len(cells) < self.args.reps + 2:
            raise SystemExit("Too few empty cells in the grid to save marks into.")
        try:
            for n, (lesson_id, student_id) in enumerate(cells):
                _res, seconds, perf = self.teacher.call(
                    "school.journal.grid", "save_cell", lesson_id, student_id, "5"
                )
                if n >= 2:  # the first two warm the caches
                    result.add(seconds, perf)
        finally:
            for lesson_id, student_id in cells:  # leave the journal as it was
                self.teacher.call("school.journal.grid", "save_cell", lesson_id, student_id, "")
        lesson_id, student_id = cells[0]
        result.floor = self.floor(
            [
                (
                    """INSERT INTO school_mark (lesson_id, student_id, value, work_type_id, weight, author_id,
                                              date, class_id, subject_id, period_id, company_id, create_uid,
                                              create_date, write_uid, write_date)
                       SELECT l.id, %s, 5, w.id, 1, l.teacher_id, l.date, l.class_id, l.subject_id,
                              l.period_id, l.company_id, l.teacher_id, now(), l.teacher_id, now()
                         FROM school_lesson l, school_work_type w
                        WHERE l.id = %s AND w.id = (SELECT min(id) FROM school_work_type)
                    RETURNING id""",
                    (student_id, lesson_id),
                ),
                ("SELECT sequence, entry_hash FROM school_journal_log ORDER BY sequence DESC LIMIT 1", ()),
                (
                    """INSERT INTO school_journal_log (sequence, logged_at, user_id, model, res_id, action,
                                                      lesson_id, student_id, new_value, previous_hash,
                                                      entry_hash, company_id)
                       VALUES (0, now() at time zone 'UTC', %s, 'school.mark', 0, 'create', %s, %s,
                               'value=5', '', '', 1)""",
                    (self.teacher.uid, lesson_id, student_id),
                ),
            ]
        )
        self.results.append(result)

    def bench_save_attendance(self):
        result = Result("Journal grid: save a lesson's attendance (30 students)", 0.200)
        lesson = self._editable_lessons()[0]
        students = [student["id"] for student in self.grid["students"]]
        short = {"Н": "absent", "Б": "ill", "УП": "excused", "ОП": "late"}
        original = {
            str(sid): short.get(
                (self.grid["cells"].get(f"{lesson['id']}-{sid}") or {}).get("attendance") or "", False
            )
            for sid in students
        }
        everyone_late = {str(sid): "late" for sid in students}
        try:
            for n in range(self.args.reps + 2):
                _res, seconds, perf = self.teacher.call(
                    "school.journal.grid", "save_attendance", lesson["id"], everyone_late
                )
                if n >= 2:
                    result.add(seconds, perf)
                self.teacher.call("school.journal.grid", "save_attendance", lesson["id"], original)
        finally:
            self.teacher.call("school.journal.grid", "save_attendance", lesson["id"], original)
        result.note = f"{len(students)} entries written per call"
        values = ",".join(["(%s, %s, 'late', 5, now() at time zone 'UTC')"] * len(students))
        # numbered apart from each other (the chain's numbers are unique; the floor is rolled back)
        log_values = ",".join(
            [
                "(%s, now() at time zone 'UTC', %s, 'school.attendance', 0, 'create', %s, %s, "
                "'code=late', '', '', 1)"
            ]
            * len(students)
        )
        result.floor = self.floor(
            [
                (
                    f"""INSERT INTO school_attendance (lesson_id, student_id, code, late_minutes, create_date)
                        VALUES {values} ON CONFLICT DO NOTHING""",
                    tuple(v for sid in students for v in (lesson["id"], sid)),
                ),
                ("SELECT sequence, entry_hash FROM school_journal_log ORDER BY sequence DESC LIMIT 1", ()),
                (
                    f"""INSERT INTO school_journal_log (sequence, logged_at, user_id, model, res_id, action,
                                                       lesson_id, student_id, new_value, previous_hash,
                                                       entry_hash, company_id)
                        VALUES {log_values}""",
                    tuple(
                        v
                        for n, sid in enumerate(students)
                        for v in (-1_000_000_000 - n, self.teacher.uid, lesson["id"], sid)
                    ),
                ),
            ]
        )
        self.results.append(result)

    def _guardian_child(self):
        parent = self.client("parent")
        partner = self.admin.call("res.users", "read", [parent.uid], ["partner_id"])[0][0]["partner_id"][0]
        links = self.admin.call(
            "school.guardian.link", "search_read", [("guardian_id", "=", partner)], ["student_id"]
        )[0]
        students = self.admin.call(
            "school.student", "read", [link["student_id"][0] for link in links], ["name", "class_id"]
        )[0]
        child = next(
            (s for s in students if s["class_id"] and s["class_id"][0] == self.school_class["id"]),
            students[0],
        )
        return parent, child

    def bench_portal(self):
        parent, child = self._guardian_child()
        monday = self.today - timedelta(days=self.today.weekday())
        sunday = monday + timedelta(days=6)
        week = Result("Guardian: e-diary week page (HTTP GET)", 0.300)
        marks = Result("Guardian: e-diary marks page (HTTP GET)", None)
        for result, path in ((week, f"/my/diary/{child['id']}"), (marks, f"/my/diary/{child['id']}/marks")):
            self.warm(lambda path=path: parent.get(path))
            for _i in range(self.args.reps):
                body, seconds, perf = parent.get(path)
                result.add(seconds, perf)
            if child["name"].split()[0] not in body:
                raise SystemExit(f"GET {path}: the page does not show {child['name']}")
        class_id = child["class_id"][0]
        week.note = f"{child['name']}, {child['class_id'][1]}, week of {monday:%d.%m}"
        week.floor = self.floor(
            [
                (
                    """SELECT l.id, l.date, l.lesson_number, l.topic, l.homework, l.state, l.slot_id,
                              s.name, p.name, r.name
                         FROM school_lesson l JOIN school_subject s ON s.id = l.subject_id
                         JOIN res_users u ON u.id = l.teacher_id JOIN res_partner p ON p.id = u.partner_id
                    LEFT JOIN school_room r ON r.id = l.room_id
                        WHERE l.class_id = %s AND l.date BETWEEN %s AND %s
                          AND (l.subgroup_id IS NULL OR l.subgroup_id IN
                               (SELECT subgroup_id FROM school_subgroup_member
                                 WHERE student_id = %s AND date_from <= l.date
                                   AND (date_to IS NULL OR date_to >= l.date)))""",
                    (class_id, monday, sunday, child["id"]),
                ),
                (
                    """SELECT m.lesson_id, m.value, m.weight, m.comment, w.name FROM school_mark m
                         JOIN school_work_type w ON w.id = m.work_type_id
                        WHERE m.student_id = %s AND m.date BETWEEN %s AND %s""",
                    (child["id"], monday, sunday),
                ),
                (
                    """SELECT lesson_id, code, late_minutes FROM school_attendance
                        WHERE student_id = %s AND date BETWEEN %s AND %s""",
                    (child["id"], monday, sunday),
                ),
                (
                    """SELECT id, weekday, lesson_number, subject_id, room_id FROM school_timetable_slot
                        WHERE class_id = %s AND date_from <= %s AND date_to >= %s""",
                    (class_id, sunday, monday),
                ),
            ]
        )
        period = self.sql(
            """SELECT p.date_start, p.date_end
                 FROM school_period p JOIN school_class c ON c.year_id = p.year_id
                WHERE c.id = %s AND p.period_type = c.period_scheme AND p.date_start <= %s
             ORDER BY p.date_start DESC LIMIT 1""",
            (class_id, self.today),
        )[0]
        marks.note = "marks of the current term by subject, period marks"
        marks.floor = self.floor(
            [
                (
                    """SELECT m.id, m.date, m.value, m.weight, m.comment, m.subject_id, w.name, s.name
                         FROM school_mark m JOIN school_work_type w ON w.id = m.work_type_id
                         JOIN school_subject s ON s.id = m.subject_id
                        WHERE m.student_id = %s AND m.date BETWEEN %s AND %s ORDER BY m.date, m.id""",
                    (child["id"], period[0], period[1]),
                ),
                (
                    """SELECT period_id, subject_id, value, is_attested FROM school_period_mark
                        WHERE student_id = %s""",
                    (child["id"],),
                ),
            ]
        )
        self.results += [week, marks]

    def _school_periods(self):
        """Each class of the year with its term covering the benchmark's quarter."""
        rows = self.sql(
            """SELECT c.id, p.id, p.date_start, p.date_end
                 FROM school_class c
                 JOIN school_period p ON p.year_id = c.year_id AND p.period_type = c.period_scheme
                WHERE c.year_id = %s AND c.active AND p.date_start <= %s AND p.date_end >= %s
             ORDER BY c.grade, c.letter""",
            (self.period["year_id"][0], self.period["date_start"], self.period["date_start"]),
        )
        return rows

    def bench_summary(self):
        result = Result(
            "Summary sheet of marks: whole school, one quarter", 3.0, unit="s", statistic="median"
        )
        deputy = self.client("deputy")
        classes = self._school_periods()

        def run():
            seconds, queries, sql = 0.0, 0, 0.0
            for class_id, period_id, _start, _end in classes:
                wizard, t1, p1 = deputy.call(
                    "school.report.wizard",
                    "create",
                    {"report_code": "marks_summary", "class_id": class_id, "period_id": period_id},
                )
                _action, t2, p2 = deputy.call("school.report.wizard", "action_export_xlsx", [wizard])
                seconds += t1 + t2
                for perf in (p1, p2):
                    if perf:
                        queries += perf[0]
                        sql += perf[1]
            return seconds, (queries, sql, 0.0)

        run()  # warm
        for _i in range(self.args.summary_reps):
            seconds, perf = run()
            result.add(seconds, perf)
        result.note = f"{len(classes)} classes, XLSX of each through the report wizard"
        class_ids = [row[0] for row in classes]
        statements = [
            (
                """SELECT e.class_id, s.id, p.name FROM school_enrollment e
                     JOIN school_student s ON s.id = e.student_id JOIN res_partner p ON p.id = s.partner_id
                    WHERE e.class_id = ANY(%s)""",
                (class_ids,),
            ),
            (
                "SELECT class_id, subject_id FROM school_curriculum_line WHERE class_id = ANY(%s)",
                (class_ids,),
            ),
            (
                """SELECT class_id, student_id, subject_id, max(value), bool_and(is_attested)
                     FROM school_period_mark
                    WHERE class_id = ANY(%s) AND period_id = ANY(%s) GROUP BY 1, 2, 3""",
                (class_ids, list({row[1] for row in classes})),
            ),
        ]
        for start, end in {(row[2], row[3]) for row in classes}:
            ids = [row[0] for row in classes if (row[2], row[3]) == (start, end)]
            statements.append(
                (
                    """SELECT class_id, student_id, subject_id, SUM(value * weight), SUM(weight), COUNT(*)
                         FROM school_mark WHERE class_id = ANY(%s) AND date BETWEEN %s AND %s
                     GROUP BY 1, 2, 3""",
                    (ids, start, end),
                )
            )
        result.floor = self.floor(statements, repeat=5)
        self.results.append(result)

    def bench_archive(self):
        result = Result("Year archive: XLSX journal of every class", 60.0, unit="s", statistic="median")
        result.memory_target = 500 * 1024 * 1024
        admin = self.client("ej_admin")
        year_period = self.admin.call(
            "school.period",
            "search_read",
            [("year_id", "=", self.period["year_id"][0]), ("period_type", "=", "year")],
            ["name"],
            limit=1,
        )[0][0]
        server = psutil.Process(self.args.server_pid)
        baseline = server.memory_info().rss
        with peak_rss(server) as peak:
            for _i in range(self.args.archive_reps):
                action, seconds, perf = admin.call(
                    "school.period", "action_archive_journals", [year_period["id"]]
                )
                result.add(seconds, perf)
        result.memory = peak["rss"]
        result.note = (
            f"{action['params']['message']}; server RSS {baseline / 2**20:.0f} MB before, "
            f"peak {peak['rss'] / 2**20:.0f} MB"
        )
        year = self.sql("SELECT date_start, date_end FROM school_period WHERE id = %s", (year_period["id"],))[
            0
        ]
        result.floor = self.floor(
            [
                (
                    """SELECT l.id, l.class_id, l.subject_id, l.date, l.lesson_number, l.topic, l.homework,
                              l.teacher_id
                         FROM school_lesson l WHERE l.year_id = %s AND l.state != 'cancelled'""",
                    (self.period["year_id"][0],),
                ),
                (
                    """SELECT m.lesson_id, m.student_id, m.value FROM school_mark m
                         JOIN school_lesson l ON l.id = m.lesson_id WHERE l.year_id = %s""",
                    (self.period["year_id"][0],),
                ),
                (
                    """SELECT a.lesson_id, a.student_id, a.code FROM school_attendance a
                         JOIN school_lesson l ON l.id = a.lesson_id WHERE l.year_id = %s""",
                    (self.period["year_id"][0],),
                ),
                (
                    """SELECT e.class_id, s.id, p.name, s.personal_file FROM school_enrollment e
                         JOIN school_student s ON s.id = e.student_id
                         JOIN res_partner p ON p.id = s.partner_id
                         JOIN school_class c ON c.id = e.class_id
                        WHERE c.year_id = %s AND e.date_start <= %s""",
                    (self.period["year_id"][0], year[1]),
                ),
            ],
            repeat=3,
        )
        self.results.append(result)

    def bench_verify(self):
        """The integrity verification of the whole school (issue 12): the change log of the
        year streamed through its chain and anchors, the archive's copies, and every mark,
        attendance entry and period mark reconciled with the log."""
        result = Result("Integrity verification of the school's year", 60.0, unit="s", statistic="median")
        result.memory_target = 300 * 1024 * 1024
        admin = self.client("ej_admin")
        server = psutil.Process(self.args.server_pid)
        baseline = server.memory_info().rss
        with peak_rss(server) as peak:
            action, seconds, perf = admin.call("school.chain.verification", "action_run_now")
            result.add(seconds, perf)
        result.memory = peak["rss"]
        result.note = (
            f"server RSS {baseline / 2**20:.0f} MB before, peak {peak['rss'] / 2**20:.0f} MB "
            f"(+{(peak['rss'] - baseline) / 2**20:.0f} MB); {action['params']['message']}"
        )
        result.floor = self.floor(
            [
                (
                    "SELECT sequence, entry_hash, new_value FROM school_journal_log "
                    "ORDER BY company_id, sequence",
                    (),
                )
            ],
            repeat=1,
        )
        self.results.append(result)

    # ----------------------------------------------------------------------------------
    # Report
    # ----------------------------------------------------------------------------------
    def report(self):
        def fmt(seconds, unit):
            return f"{seconds * 1000:.0f} ms" if unit == "ms" else f"{seconds:.2f} s"

        header = ("Operation", "median", "p95", "target", "bare SQL", "ratio", "queries", "SQL in Odoo", "")
        rows = []
        for r in self.results:
            target = f"{r.statistic} <= {fmt(r.target, r.unit)}" if r.target is not None else "-"
            queries = "-"
            if r.queries:
                low, high = min(r.queries), max(r.queries)
                queries = str(low) if low == high else f"{low}-{high}"
            rows.append(
                (
                    r.name,
                    fmt(r.median, r.unit),
                    fmt(r.p95, r.unit),
                    target,
                    f"{r.floor * 1000:.1f} ms" if r.floor is not None else "-",
                    f"x{r.median / r.floor:.0f}" if r.floor else "-",
                    queries,
                    fmt(statistics.median(r.sql), r.unit) if r.sql else "-",
                    "OK" if r.ok else "MISSED",
                )
            )
            if r.memory is not None:
                rows.append(
                    (
                        "  peak memory of the Odoo process (RSS)",
                        f"{r.memory / 2**20:.0f} MB",
                        "",
                        f"<= {r.memory_target / 2**20:.0f} MB",
                        "",
                        "",
                        "",
                        "",
                        "OK" if r.memory <= r.memory_target else "MISSED",
                    )
                )
        widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
        line = "  ".join("-" * w for w in widths)
        print()
        print("  ".join(str(h).ljust(w) for h, w in zip(header, widths, strict=True)))
        print(line)
        for row in rows:
            print(
                "  ".join(
                    str(c).ljust(w) if i == 0 else str(c).rjust(w)
                    for i, (c, w) in enumerate(zip(row, widths, strict=True))
                )
            )
        print()
        for r in self.results:
            if r.note:
                print(f"  {r.name}: {r.note}")
        print(
            f"\n  {self.args.reps} repetitions per operation ({self.args.summary_reps} for the summary "
            f"sheet, {self.args.archive_reps} for the archive) after warm-up; p95 is the nearest-rank "
            "95th percentile."
        )
        print(
            "  targets: p95 for the interactive operations, the median for the whole-school summary and the"
            " archive (the issue sets no percentile for them)."
        )
        print(
            "  queries: SQL queries of the request(s), counted by the server (werkzeug access line, "
            "odoo.netsvc.PerfFilter); SQL in Odoo: the time those queries took."
        )
        print(
            "  bare SQL: the same rows read (or written, then rolled back) over a direct PostgreSQL "
            "connection."
        )
        missed = [r.name for r in self.results if not r.ok]
        if missed:
            print("\nMISSED: " + "; ".join(missed))
        return not missed


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True)
    parser.add_argument("--db", required=True)
    parser.add_argument("--logins", required=True, help="JSON {role: [login, password]}")
    parser.add_argument("--server-log", required=True)
    parser.add_argument("--server-pid", type=int, required=True)
    parser.add_argument("--pg-host", required=True)
    parser.add_argument("--pg-port", type=int, required=True)
    parser.add_argument("--pg-user", required=True)
    parser.add_argument("--reps", type=int, default=20)
    parser.add_argument("--summary-reps", type=int, default=5)
    parser.add_argument("--archive-reps", type=int, default=1)
    parser.add_argument(
        "--only", default="", help="comma-separated: rpc,grid,mark,attendance,portal,summary,archive,verify"
    )
    args = parser.parse_args()
    bench = Bench(args)
    bench.prepare()
    steps = [
        ("rpc", bench.bench_rpc),
        ("grid", bench.bench_grid),
        ("mark", bench.bench_save_mark),
        ("attendance", bench.bench_save_attendance),
        ("portal", bench.bench_portal),
        ("summary", bench.bench_summary),
        ("archive", bench.bench_archive),
        ("verify", bench.bench_verify),
    ]
    only = {s for s in args.only.split(",") if s}
    for key, step in steps:
        if only and key not in only:
            continue
        if key in ("mark", "attendance") and not hasattr(bench, "grid"):
            bench.bench_grid()  # they save into the grid's lessons
        print(f"Measuring {key}...", flush=True)
        step()
    sys.exit(0 if bench.report() else 1)


if __name__ == "__main__":
    main()
