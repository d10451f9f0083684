"""Locust users of the scale-out run (issue 15), started headless by scripts/scale.sh.

An evening in the large school: guardians read the e-diary (the week page and the marks
page of a child, 80 % of the users) while teachers work in the journal grid during a break
(20 %: open the grid of their class and subject, save a mark, save a lesson's attendance),
through the same HTTP routes and JSON-RPC calls as the browser.

Every save the server acknowledged is written to ``SCALE_ACKS`` (one JSON line each):
scripts/scale.py checks afterwards that each of them is in the database. Two users never
write the same cell or lesson's attendance (one Locust process: the reservations are plain
sets), so the last acknowledged value of each is what the database must hold.

Environment: ``SCALE_USERS`` (the JSON of scripts/scale_prepare.py), ``SCALE_ACKS``,
``SCALE_DB``, ``SCALE_GUARDIAN_WAIT`` / ``SCALE_TEACHER_WAIT`` (seconds "min,max" between
two actions of one user).
"""

import itertools
import json
import os
import random
import time
from datetime import date, timedelta

import gevent
from locust import FastHttpUser, between, events, task

USERS = json.load(open(os.environ["SCALE_USERS"], encoding="utf-8"))
DB = os.environ["SCALE_DB"]
ACKS = open(os.environ["SCALE_ACKS"], "a", encoding="utf-8")  # noqa: SIM115 (open for the whole run)
# in a new order each run: repeated runs spread their saves over all the teachers' classes
# instead of filling the empty cells of the same few
random.shuffle(USERS["guardians"])
random.shuffle(USERS["teachers"])
GUARDIANS = itertools.cycle(USERS["guardians"])
TEACHERS = itertools.cycle(USERS["teachers"])
RESERVED_CELLS = set()  # (lesson, student) of marks saved by some user
MARK_LESSONS = set()
ATTENDANCE_LESSONS = set()
ATTENDANCE_CODES = ["absent", "ill", "late", False, False, False]
WARMUP = float(os.environ.get("SCALE_WARMUP", "30"))
DURATION = float(os.environ.get("SCALE_DURATION", "180"))
LOGGED_IN = {"n": 0}


@events.spawning_complete.add_listener
def _measure_after_warmup(user_count, **_kwargs):
    """The statistics start once every user has logged in (a login costs seconds of the
    server's CPU: the password's 600,000 PBKDF2 rounds), plus SCALE_WARMUP seconds for the
    workers' caches; the run stops SCALE_DURATION seconds later. The server log's size when
    the statistics start is written to SCALE_LOG_MARK: its access lines from there on are the
    measured ones."""
    runner = _ENVIRONMENT["env"].runner

    def measure():
        deadline = time.monotonic() + 600
        while LOGGED_IN["n"] < user_count and time.monotonic() < deadline:
            gevent.sleep(0.5)
        gevent.sleep(WARMUP)
        runner.stats.reset_all()
        if os.environ.get("SCALE_LOG") and os.environ.get("SCALE_LOG_MARK"):
            with open(os.environ["SCALE_LOG_MARK"], "w", encoding="utf-8") as mark:
                json.dump({"log_from": os.path.getsize(os.environ["SCALE_LOG"]), "t": time.time()}, mark)
        gevent.sleep(DURATION)
        runner.quit()

    gevent.spawn(measure)


_ENVIRONMENT = {}


@events.init.add_listener
def _keep_environment(environment, **_kwargs):
    _ENVIRONMENT["env"] = environment


def _wait(name, default):
    low, high = (float(v) for v in os.environ.get(name, default).split(","))
    return between(low, high)


def ack(**values):
    ACKS.write(json.dumps(values) + "\n")
    ACKS.flush()


class OdooUser(FastHttpUser):
    abstract = True
    password_key = None

    def login(self, login, password):
        self.user_context = {}
        with self.client.post(
            "/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"db": DB, "login": login, "password": password},
            },
            name="login",
            catch_response=True,
        ) as response:
            result = response.json() if response.status_code == 200 else {}
            if not (result.get("result") or {}).get("uid"):
                response.failure(f"cannot log in as {login}: {result.get('error')}")
                LOGGED_IN["n"] += 1  # counted all the same: the measurement does not wait for it
                return False
            self.user_context = result["result"].get("user_context") or {}
            LOGGED_IN["n"] += 1
            return True

    def call(self, name, model, method, *args, **kwargs):
        """call_kw as the web client calls it; the result, or None on an error (counted)."""
        kwargs["context"] = dict(self.user_context, **kwargs.get("context", {}))
        with self.client.post(
            f"/web/dataset/call_kw/{model}/{method}",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "id": 1,
                "params": {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
            },
            name=name,
            catch_response=True,
        ) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
                return None
            body = response.json()
            if body.get("error"):
                error = body["error"].get("data", {}).get("message") or body["error"].get("message")
                response.failure(f"{model}.{method}: {error}")
                return None
            return body["result"]


class Guardian(OdooUser):
    """A parent in the evening: this week's lessons, homework and marks, then the term's marks."""

    weight = 4
    wait_time = _wait("SCALE_GUARDIAN_WAIT", "0.5,1.5")

    def on_start(self):
        account = next(GUARDIANS)
        self.children = account["children"]
        self.ready = self.login(account["login"], USERS["guardian_password"])

    def page(self, path, name, child):
        with self.client.get(path, name=name, catch_response=True) as response:
            if response.status_code != 200:
                response.failure(f"HTTP {response.status_code}")
            elif child["name"].split()[0] not in (response.text or ""):  # not the sign-in page
                response.failure(f"the page does not show {child['name']}")

    @task(1)
    def week(self):
        if self.ready:
            child = random.choice(self.children)
            self.page(f"/my/diary/{child['id']}", "guardian: /my/diary/<student> (week)", child)

    @task(1)
    def marks(self):
        if self.ready:
            child = random.choice(self.children)
            self.page(f"/my/diary/{child['id']}/marks", "guardian: /my/diary/<student>/marks", child)


class Teacher(OdooUser):
    """A teacher during a break: the grid of the class, a mark, a lesson's attendance."""

    weight = 1
    wait_time = _wait("SCALE_TEACHER_WAIT", "1,3")

    def on_start(self):
        self.account = next(TEACHERS)
        self.grid = None
        self.ready = self.login(self.account["login"], USERS["teacher_password"])
        if self.ready:
            self.open_grid()

    @task(3)
    def open_grid(self):
        if not self.ready:
            return
        a = self.account
        grid = self.call(
            "teacher: get_grid",
            "school.journal.grid",
            "get_grid",
            a["class_id"],
            a["subject_id"],
            a["period_id"],
        )
        if grid is not None:
            self.grid = grid

    def editable_lessons(self):
        """The grid's editable lessons of the last ten days: marks of older lessons are
        closed after the school's edit window (two weeks; a correction then needs the
        deputy's approval), which a teacher at a break does not try."""
        today = date.today().isoformat()
        since = (date.today() - timedelta(days=10)).isoformat()
        return [
            lesson
            for lesson in (self.grid or {}).get("lessons", [])
            if lesson["editable"] and since <= lesson["date"] <= today
        ]

    @task(2)
    def save_mark(self):
        if not self.grid:
            return
        cells = self.grid["cells"]
        free = [
            (lesson["id"], student["id"])
            for lesson in self.editable_lessons()
            if lesson["id"] not in ATTENDANCE_LESSONS
            for student in self.grid["students"]
            if f"{lesson['id']}-{student['id']}" not in cells
            and (lesson["id"], student["id"]) not in RESERVED_CELLS
        ]
        if not free:
            return
        lesson_id, student_id = random.choice(free[-60:])
        RESERVED_CELLS.add((lesson_id, student_id))
        MARK_LESSONS.add(lesson_id)
        value = random.choice("2345")
        result = self.call(
            "teacher: save_cell", "school.journal.grid", "save_cell", lesson_id, student_id, value
        )
        if result is not None:
            cells[f"{lesson_id}-{student_id}"] = result["cell"]
            ack(
                kind="mark",
                login=self.account["login"],
                lesson_id=lesson_id,
                student_id=student_id,
                value=int(value),
                ids=[m["id"] for m in result["cell"]["marks"]],
            )

    @task(1)
    def save_attendance(self):
        if not self.grid:
            return
        mine = getattr(self, "attendance_lessons", None)
        if mine is None:
            mine = self.attendance_lessons = []
        candidates = [
            lesson["id"]
            for lesson in self.editable_lessons()
            if lesson["id"] in mine
            or (lesson["id"] not in ATTENDANCE_LESSONS and lesson["id"] not in MARK_LESSONS)
        ]
        if not candidates:
            return
        lesson_id = random.choice(candidates[-5:])
        if lesson_id not in mine:
            ATTENDANCE_LESSONS.add(lesson_id)
            mine.append(lesson_id)
        cells = self.grid["cells"]
        codes = {}
        for student in self.grid["students"]:
            marked = (cells.get(f"{lesson_id}-{student['id']}") or {}).get("marks")
            code = random.choice(ATTENDANCE_CODES)
            if marked and code in ("absent", "ill"):
                code = "late"  # a student with a mark was there
            codes[str(student["id"])] = code
        result = self.call(
            "teacher: save_attendance", "school.journal.grid", "save_attendance", lesson_id, codes
        )
        if result is not None:
            ack(kind="attendance", login=self.account["login"], lesson_id=lesson_id, codes=codes)
