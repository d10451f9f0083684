"""In-process table of the daily operations (issue 15), run inside ``odoo-bin shell``.

scripts/bench.sh feeds this file to ``odoo-bin shell -d <db>`` (``env`` is Odoo's). Each
operation is called as the web client calls it, with the user's rights (the class teacher's
env, a fresh record cache per repetition), and every repetition is rolled back (a savepoint),
so the school is left as it was. For each operation it prints the median and p95 of the
repetitions, the SQL queries, the bare-SQL floor (hand-written SQL reading or writing the
same rows, every column the operation fills, with the locks the operation must take and the
rows its checks read: a save rewrites its lesson's row, share-locks the period and takes the
chain's lock, and reads what the regulation has it check; in the same transaction, run right
after each repetition so both see the same load, rolled back too) and the ratio; the target is
3x the floor (and the absolute targets of issue 15). The last line is ``BENCH-INPROC-RC\t0`` (all
targets held) or ``1``.

Environment: BENCH_REPS (repetitions, default 20), BENCH_LOGIN (the teacher, default the
demo class teacher's login given by bench.sh), BENCH_DEPUTY (the deputy's login; by default the
demo school's deputy), BENCH_ONLY=dashboard (only the control dashboard: bench.sh measures it so
on the demo school, ``--demo-db``), BENCH_SCHOOL (the school's name in the rows' labels).
"""
# ruff: noqa: F821  (env is given by odoo-bin shell)

import os
import statistics
import time

REPS = max(int(os.environ.get("BENCH_REPS") or 20), 1)
TEACHER_LOGIN = os.environ.get("BENCH_LOGIN") or ""
DEPUTY_LOGIN = os.environ.get("BENCH_DEPUTY") or ""
ONLY_DASHBOARD = os.environ.get("BENCH_ONLY") == "dashboard"
SCHOOL = os.environ.get("BENCH_SCHOOL") or ""
RATIO_TARGET = 3.0


def percentile(values, share):
    ordered = sorted(values)
    rank = max(1, -(-len(ordered) * share // 100))
    return ordered[int(rank) - 1]


cr = env.cr
Users = env["res.users"].sudo()
if ONLY_DASHBOARD and not DEPUTY_LOGIN:
    # the demo school's deputy, as bench.sh finds the logins of the large school
    from odoo.addons.school_ejournal_demo.models.school_demo_generator import DEMO_LOGINS

    keys = {description: key for key, description in DEMO_LOGINS}
    DEPUTY_LOGIN = next(
        (
            login
            for description, login, __ in env["school.demo.generator"]._demo_login_rows()
            if keys.get(description) == "deputy"
        ),
        "",
    )
teacher = Users.search([("login", "=", TEACHER_LOGIN)], limit=1) if TEACHER_LOGIN else Users.browse()
if not teacher and not ONLY_DASHBOARD:
    raise SystemExit(f"No teacher {TEACHER_LOGIN!r} in {cr.dbname}")
deputy = Users.search([("login", "=", DEPUTY_LOGIN)], limit=1) if DEPUTY_LOGIN else Users.browse()
if ONLY_DASHBOARD and not deputy:
    raise SystemExit(f"No deputy {DEPUTY_LOGIN!r} in {cr.dbname}")
person = teacher or deputy
context = {"lang": person.lang or "en_US", "tz": person.tz or "Europe/Moscow"}


def user_env(user):
    return env(user=user.id, context=dict(context, allowed_company_ids=user.company_ids.ids))


# --- measuring -----------------------------------------------------------------------------
def run(function, reps=REPS, warm=2, statements=None):
    """(seconds list, queries, floor seconds list) of ``function()`` with a fresh cache, and of the
    bare SQL ``statements`` [(sql, params)] right after it, so both see the machine's same load;
    each run rolled back."""
    times, queries, floors = [], [], []
    for n in range(warm + reps):
        cr.execute("SAVEPOINT bench_inprocess")
        env.invalidate_all(flush=False)
        count = cr.sql_log_count
        started = time.perf_counter()
        function()
        env.flush_all()
        cr.precommit.run()  # what the request's commit would run (tracking, followers)
        seconds = time.perf_counter() - started
        queries.append(cr.sql_log_count - count)
        cr.execute("ROLLBACK TO SAVEPOINT bench_inprocess")
        env.invalidate_all(flush=False)
        cr.precommit.clear()
        cr.postcommit.clear()
        if statements:
            cr.execute("SAVEPOINT bench_floor")
            started = time.perf_counter()
            for sql, params in statements:
                cr._obj.execute(sql, params)  # the bare psycopg2 cursor: no Odoo logging or counting
                if cr._obj.description:
                    cr._obj.fetchall()
            floor_seconds = time.perf_counter() - started
            cr.execute("ROLLBACK TO SAVEPOINT bench_floor")
        if n >= warm:
            times.append(seconds)
            if statements:
                floors.append(floor_seconds)
    return times, queries[warm:], floors


results = []


def measure(
    name, function, floor_statements=None, target_ms=None, query_target=None, reps=REPS, reference=False
):
    times, queries, floors = run(function, reps=reps, statements=floor_statements)
    row = {
        "name": name,
        "median": statistics.median(times),
        "p95": percentile(times, 95),
        "queries": (min(queries), max(queries)),
        "floor": statistics.median(floors) if floors else None,
        "target_ms": target_ms,
        "query_target": query_target,
        "reps": reps,
    }
    misses = []
    row["reference"] = reference
    if row["floor"] and not reference and row["median"] > RATIO_TARGET * row["floor"]:
        misses.append(f"x{row['median'] / row['floor']:.1f} > x{RATIO_TARGET:.0f}")
    if target_ms is not None and row["median"] * 1000 > target_ms:
        misses.append(f"{row['median'] * 1000:.0f} ms > {target_ms} ms")
    if query_target is not None and row["queries"][1] > query_target:
        misses.append(f"{row['queries'][1]} queries > {query_target}")
    row["misses"] = misses
    results.append(row)
    print(f"  measured: {name}", flush=True)


def teacher_operations():
    """The teacher's daily operations of issue 15 (every row but the dashboard)."""
    # --- the class, subject, period and lesson the operations work on --------------------------
    school_class = env["school.class"].search(
        [("class_teacher_id", "=", teacher.id)], order="id desc", limit=1
    )
    assignment = env["school.teaching.assignment"].search(
        [("teacher_id", "=", teacher.id), ("class_id", "=", school_class.id), ("subgroup_id", "=", False)],
        limit=1,
    )
    if not assignment:
        raise SystemExit(f"{teacher.login} teaches no subject to the whole of {school_class.name}")
    subject = assignment.subject_id
    options = user_env(teacher)["school.journal.grid"].get_options()
    period = env["school.period"].browse(
        next(c for c in options["classes"] if c["id"] == school_class.id)["default_period_id"]
    )
    grid = user_env(teacher)["school.journal.grid"].get_grid(school_class.id, subject.id, period.id)
    students = [s["id"] for s in grid["students"]]
    today = time.strftime("%Y-%m-%d")
    editable = [lesson for lesson in grid["lessons"] if lesson["editable"] and lesson["date"] <= today][::-1]
    if not editable:
        raise SystemExit("No lesson of the grid is open to its teacher today: nothing to save.")
    lesson = env["school.lesson"].browse(editable[0]["id"])
    empty_cells = [
        (lesson_values["id"], sid)
        for lesson_values in editable
        for sid in students
        if f"{lesson_values['id']}-{sid}" not in grid["cells"]
    ]
    if not empty_cells:
        raise SystemExit("No empty cell in the grid's open lessons to save a mark into.")
    # five subjects of the class taught to the whole class, with their teachers (150 period-mark rows)
    five = env["school.teaching.assignment"].search(
        [("class_id", "=", school_class.id), ("subgroup_id", "=", False)], order="id"
    )
    five = [a for a in five if a.subject_id.is_graded][:5]
    print(
        f"In-process: {school_class.name}, {subject.name}, {period.name}, {len(students)} students, "
        f"lesson of {lesson.date} (teacher {teacher.login}); {REPS} repetitions, each rolled back",
        flush=True,
    )

    T = user_env(teacher)
    # the chain's head under the school's chain lock: the entries' numbers are gapless and
    # unique only if appends are serialized
    head = (
        """WITH locked AS MATERIALIZED (SELECT pg_advisory_xact_lock(%s, %s))
           SELECT h.sequence, h.entry_hash
             FROM locked LEFT JOIN LATERAL (
                  SELECT sequence, entry_hash FROM school_journal_log WHERE company_id = %s
                   ORDER BY sequence DESC LIMIT 1) h ON TRUE""",
        (env["school.journal.log"]._chain_lock_key, lesson.company_id.id, lesson.company_id.id),
    )

    def lesson_lock(lesson_id, student_ids):
        """The lesson's row rewritten (a save of its journal serializes with its change, its
        close and the other saves of it) by its teacher or the class teacher, returning what
        the regulation has a save check: the lesson's class, subject, period and date; which of
        ``student_ids`` are in the class that day; their attendance and whether they have marks
        at the lesson (an absent student gets no mark); the class's grade (no marks in the
        first grade) and whether the subject is graded; whether the period, share-locked, is
        closed and its attestation date; whether the class's period marks in the subject are
        set (the teacher's journal of the period closes then); the year's end."""
        return (
            """UPDATE school_lesson l SET write_date = l.write_date
                WHERE l.id = %s
                  AND (l.teacher_id = %s
                       OR l.class_id IN (SELECT id FROM school_class WHERE class_teacher_id = %s))
            RETURNING l.class_id, l.subject_id, l.period_id, l.date,
                      ARRAY(SELECT e.student_id FROM school_enrollment e
                             WHERE e.class_id = l.class_id AND e.student_id = ANY(%s)
                               AND e.date_start <= l.date
                               AND (e.date_end IS NULL OR e.date_end >= l.date)),
                      (SELECT json_agg(json_build_array(a.student_id, a.code)) FROM school_attendance a
                        WHERE a.lesson_id = l.id AND a.student_id = ANY(%s)),
                      EXISTS (SELECT 1 FROM school_mark m
                               WHERE m.lesson_id = l.id AND m.student_id = ANY(%s)),
                      (SELECT c.grade FROM school_class c WHERE c.id = l.class_id),
                      (SELECT s.is_graded FROM school_subject s WHERE s.id = l.subject_id),
                      (SELECT json_build_array(p.is_closed, p.attestation_date) FROM school_period p
                        WHERE p.id = l.period_id FOR SHARE),
                      EXISTS (SELECT 1 FROM school_period_mark pm
                               WHERE pm.class_id = l.class_id AND pm.subject_id = l.subject_id
                                 AND pm.period_id = l.period_id AND pm.value != 0),
                      (SELECT y.date_end FROM school_academic_year y WHERE y.id = l.year_id)""",
            (lesson_id, teacher.id, teacher.id, *[list(student_ids)] * 3),
        )

    # the class's students with their names, as the period-mark grid shows them
    roster = (
        """SELECT s.id, p.name FROM school_enrollment e JOIN school_student s ON s.id = e.student_id
             JOIN res_partner p ON p.id = s.partner_id
            WHERE e.class_id = %s AND e.date_start <= %s AND (e.date_end IS NULL OR e.date_end >= %s)
         ORDER BY p.name""",
        (school_class.id, period.date_end, period.date_end),
    )

    hash_text = "0" * 64  # a chained entry's hash: 64 hex digits

    def log_insert(model, rows, text):
        """The change log's entries of ``rows`` [(lesson id or None, student id)] as the journal
        writes them: every column it fills, the lesson's class, subject and date, the entry's text
        ``text`` and hashes of their length. Numbered apart from the chain (the floor is rolled
        back): the head read above gives the number."""
        values = ",".join(
            [
                "('create', %s, %s, %s, 1, false, 1, %s, %s, now() at time zone 'UTC', %s, %s, '', %s, '', "
                "%s, %s, %s, %s, %s, %s, now() at time zone 'UTC', %s, now() at time zone 'UTC')"
            ]
            * len(rows)
        )
        params = tuple(
            v
            for n, (lesson_id, sid) in enumerate(rows)
            for v in (
                school_class.id,
                lesson.company_id.id,
                hash_text,
                lesson.date if lesson_id else None,
                lesson_id,
                model,
                text,
                hash_text,
                0,
                -1_000_000_000 - n,
                sid,
                subject.id,
                teacher.id,
                teacher.id,
                teacher.id,
            )
        )
        return (
            f"""INSERT INTO school_journal_log (action, class_id, company_id, entry_hash, hash_version,
                                               is_invalid, key_version, lesson_date, lesson_id, logged_at,
                                               model, new_value, old_value, previous_hash, reason, res_id,
                                               sequence, student_id, subject_id, user_id, create_uid,
                                               create_date, write_uid, write_date)
                VALUES {values}""",
            params,
        )

    # 1. one lesson's attendance, 30 students, one call
    everyone_late = {str(sid): "late" for sid in students}
    measure(
        "save_attendance: a lesson's attendance, one call",
        lambda: T["school.journal.grid"].save_attendance(lesson.id, everyone_late),
        [
            lesson_lock(lesson.id, students),
            (
                # the rows as the journal writes them: the lesson's class, subject, period, school
                # and date in every row, and who wrote it when
                """INSERT INTO school_attendance (lesson_id, student_id, code, class_id, subject_id,
                                                 period_id, company_id, date, create_uid, create_date,
                                                 write_uid, write_date)
                   SELECT l.id, s, 'late', l.class_id, l.subject_id, l.period_id, l.company_id, l.date,
                          %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
                     FROM school_lesson l, unnest(%s::int[]) s
                    WHERE l.id = %s
                   ON CONFLICT (lesson_id, student_id)
                   DO UPDATE SET code = EXCLUDED.code, write_uid = EXCLUDED.write_uid,
                                 write_date = EXCLUDED.write_date""",
                (teacher.id, teacher.id, students, lesson.id),
            ),
            head,
            log_insert(
                "school.attendance",
                [(lesson.id, sid) for sid in students],
                "code=late; late_minutes=0; comment=",
            ),
        ],
        query_target=8,
    )

    # 2. the grid of a quarter
    lesson_ids = [lesson_values["id"] for lesson_values in grid["lessons"]]
    measure(
        "get_grid: the class x one quarter",
        lambda: T["school.journal.grid"].get_grid(school_class.id, subject.id, period.id),
        [
            (
                # what the grid shows besides its rows: the class, subject and period, the work
                # types to choose from
                """SELECT c.name, c.grade, s.name, s.is_graded, p.name, p.is_closed
                     FROM school_class c, school_subject s, school_period p
                    WHERE c.id = %s AND s.id = %s AND p.id = %s""",
                (school_class.id, subject.id, period.id),
            ),
            (
                "SELECT id, name, code FROM school_work_type WHERE active ORDER BY sequence, id",
                (),
            ),
            (
                # a lesson column's header: its work types, homework files, teacher and planned teacher
                """SELECT l.id, l.date, l.lesson_number, l.topic, l.homework, l.teacher_id, l.is_substitution,
                          l.subgroup_id, l.state,
                          ARRAY(SELECT r.school_work_type_id FROM school_lesson_school_work_type_rel r
                                 WHERE r.school_lesson_id = l.id),
                          (SELECT json_agg(json_build_array(a.id, a.name))
                             FROM ir_attachment_school_lesson_rel r
                             JOIN ir_attachment a ON a.id = r.ir_attachment_id
                            WHERE r.school_lesson_id = l.id),
                          (SELECT p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                            WHERE u.id = l.teacher_id),
                          (SELECT p.name FROM res_users u JOIN res_partner p ON p.id = u.partner_id
                            WHERE u.id = l.planned_teacher_id)
                     FROM school_lesson l
                    WHERE l.class_id = %s AND l.subject_id = %s AND l.date BETWEEN %s AND %s
                      AND l.state != 'cancelled'
                 ORDER BY l.date, l.lesson_number, l.id""",
                (school_class.id, subject.id, period.date_start, period.date_end),
            ),
            (
                """SELECT s.id, p.name FROM school_enrollment e JOIN school_student s ON s.id = e.student_id
                     JOIN res_partner p ON p.id = s.partner_id
                    WHERE e.class_id = %s AND e.date_start <= %s AND (e.date_end IS NULL OR e.date_end >= %s)
                 ORDER BY p.name""",
                (school_class.id, period.date_end, period.date_start),
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
            (
                """SELECT student_id, value FROM school_period_mark
                    WHERE class_id = %s AND subject_id = %s AND period_id = %s""",
                (school_class.id, subject.id, period.id),
            ),
        ],
        query_target=10,
    )

    # 3. one mark
    cell_lesson, cell_student = empty_cells[0]
    measure(
        "save_cell: one mark, the change log included",
        lambda: T["school.journal.grid"].save_cell(cell_lesson, cell_student, "5"),
        [
            lesson_lock(cell_lesson, [cell_student]),
            (
                """INSERT INTO school_mark (lesson_id, student_id, value, work_type_id, weight, author_id,
                                           date, class_id, subject_id, period_id, company_id,
                                           create_uid, create_date, write_uid, write_date)
                   SELECT l.id, %s, 5, (SELECT min(id) FROM school_work_type), 1, l.teacher_id, l.date,
                          l.class_id, l.subject_id, l.period_id, l.company_id,
                          %s, now() at time zone 'UTC', %s, now() at time zone 'UTC'
                     FROM school_lesson l WHERE l.id = %s
                RETURNING id""",
                (cell_student, teacher.id, teacher.id, cell_lesson),
            ),
            head,
            log_insert(
                "school.mark",
                [(cell_lesson, cell_student)],
                "value=5; work_type_id=Устный ответ; comment=; weight=1.0",
            ),
            (
                """SELECT value, weight FROM school_mark WHERE student_id = %s AND subject_id = %s
                      AND period_id = %s""",
                (cell_student, subject.id, period.id),
            ),
        ],
        query_target=10,
    )

    # 4. the period-mark rows of the class
    def period_marks_floor(pairs, set_value=False):
        """The rows read and written by the preparation of the period-mark rows of ``pairs``
        (subjects) or, ``set_value``, by the period-mark grid's read and save: the class's
        students with their names, the sums of their marks, the rows there are; the save locks
        the subject's lessons and the period, reads the sums again (the proposed marks are
        computed by the server, not taken from the browser) and appends to the change log."""
        statements = []
        date_from, date_to = period.date_start, period.date_end
        for subject_id in pairs:
            sums = (
                """SELECT student_id, SUM(value * weight), SUM(weight), COUNT(*) FROM school_mark
                    WHERE student_id = ANY(%s) AND subject_id = %s AND date BETWEEN %s AND %s
                      AND weight > 0
                 GROUP BY student_id""",
                (students, subject_id, date_from, date_to),
            )
            statements += [
                roster,
                sums,
                (
                    """SELECT id, student_id, average, marks_count, proposed_value, is_short, value,
                              is_attested, is_late, set_at, published_at
                         FROM school_period_mark
                        WHERE class_id = %s AND subject_id = %s AND period_id = %s""",
                    (school_class.id, subject_id, period.id),
                ),
            ]
            if set_value:
                statements += [
                    (
                        # the save of the grid: the subject's lessons of the period rewritten (a
                        # save of their journal serializes with the setting of period marks), the
                        # period share-locked (its close waits)
                        """WITH lessons AS (
                               UPDATE school_lesson SET write_date = write_date
                                WHERE class_id = %s AND subject_id = %s AND period_id = %s
                            RETURNING id)
                           SELECT p.is_closed, (SELECT count(*) FROM lessons)
                             FROM school_period p WHERE p.id = %s FOR SHARE""",
                        (school_class.id, subject_id, period.id, period.id),
                    ),
                    sums,
                ]
            # the rows as the journal writes them: the period's type and year, who set the mark
            # and when, and who wrote the row when
            values = ",".join(
                [
                    "(%s, %s, %s, %s, %s, %s, %s, 4.5, 5, 5, false, true, false, %s, %s, "
                    "CASE WHEN %s THEN now() at time zone 'UTC' END, false, "
                    "CASE WHEN %s THEN now() at time zone 'UTC' END, "
                    "%s, now() at time zone 'UTC', %s, now() at time zone 'UTC')"
                ]
                * len(students)
            )
            statements.append(
                (
                    f"""INSERT INTO school_period_mark (student_id, subject_id, class_id, period_id,
                                                       period_type, year_id, company_id, average,
                                                       marks_count, proposed_value, is_short,
                                                       is_attested, differs_from_proposed, value,
                                                       set_by_id, set_at, is_late, published_at,
                                                       create_uid, create_date, write_uid, write_date)
                        VALUES {values}
                        ON CONFLICT (student_id, subject_id, period_id)
                        DO UPDATE SET average = EXCLUDED.average, value = EXCLUDED.value,
                                      set_by_id = EXCLUDED.set_by_id, set_at = EXCLUDED.set_at,
                                      write_uid = EXCLUDED.write_uid, write_date = EXCLUDED.write_date""",
                    tuple(
                        v
                        for sid in students
                        for v in (
                            sid,
                            subject_id,
                            school_class.id,
                            period.id,
                            period.period_type,
                            period.year_id.id,
                            school_class.company_id.id,
                            5 if set_value else None,
                            teacher.id if set_value else None,
                            set_value,
                            set_value,
                            teacher.id,
                            teacher.id,
                        )
                    ),
                )
            )
            if set_value:
                statements += [
                    head,
                    log_insert(
                        "school.period.mark",
                        [(None, sid) for sid in students],
                        f"period={period.name}; value=5; is_attested=True",
                    ),
                ]
        return statements

    if period.period_type in ("quarter", "half"):
        measure(
            "action_prepare: the period-mark rows of the class",
            lambda: T["school.period.mark"].action_prepare(school_class.id, subject.id, period.id),
            period_marks_floor([subject.id]),
            query_target=10,
        )

        def fill_and_save():
            PeriodMark = T["school.period.mark"]
            rows = PeriodMark.get_period_mark_grid(school_class.id, subject.id, period.id)["rows"]
            values = {str(r["student_id"]): r["proposed"] or 4 for r in rows}
            PeriodMark.save_period_mark_grid(school_class.id, subject.id, period.id, values)

        measure(
            "period-mark grid: fill + save of the class",
            fill_and_save,
            period_marks_floor([subject.id], set_value=True),
            target_ms=40,
        )

        teachers = [(user_env(a.teacher_id), a.subject_id.id) for a in five]

        def prepare_five():
            for teacher_env, subject_id in teachers:
                teacher_env["school.period.mark"].action_prepare(school_class.id, subject_id, period.id)

        measure(
            f"period-mark rows: {len(five)} subjects x the class",
            prepare_five,
            period_marks_floor([subject_id for __, subject_id in teachers]),
            target_ms=60,
        )


def odoo_reference():
    """What the framework itself costs against bare SQL, with no rule, log or check of ours: one
    row of a plain model (a room) made through ``create()`` as superuser, and its INSERT. No
    target: it shows the least ratio any write through Odoo's ORM has on this machine."""
    company = env.company
    Room = env["school.room"].sudo()
    measure(
        "reference: create() of one plain row (a room, superuser)",
        lambda: Room.create({"name": "Кабинет (бенчмарк)", "company_id": company.id}),
        [
            (
                """INSERT INTO school_room (name, company_id, active, room_type, capacity, create_uid,
                                          create_date, write_uid, write_date)
                   VALUES (%s, %s, TRUE, 'classroom', 30, %s, now() at time zone 'UTC', %s,
                           now() at time zone 'UTC')
                RETURNING id""",
                ("Кабинет (бенчмарк)", company.id, env.uid, env.uid),
            )
        ],
        reference=True,
    )


# 5. the control dashboard of the deputy director (on the large school, and on the demo school
# when bench.sh is given one: ``--demo-db``)
if not ONLY_DASHBOARD:
    teacher_operations()
    odoo_reference()
else:
    print(
        f"In-process on {cr.dbname}: the control dashboard of {deputy.login}; "
        f"{REPS} repetitions, each rolled back",
        flush=True,
    )
if deputy:
    large = env["school.student"].search_count([]) > 1000
    school = SCHOOL or ("large school" if large else "demo school")
    measure(
        f"control dashboard, {school} (get_dashboard_data)",
        lambda: user_env(deputy)["school.control.report"].get_dashboard_data(),
        target_ms=2000 if large else 1000,
    )

# --- the table -----------------------------------------------------------------------------
header = ("In-process operation", "median", "p95", "queries", "bare SQL", "ratio", "target", "")
rows = []
for r in results:
    low, high = r["queries"]
    targets = [f"<= x{RATIO_TARGET:.0f} floor"] if r["floor"] and not r["reference"] else []
    if r["target_ms"] is not None:
        targets.append(f"<= {r['target_ms']} ms")
    if r["query_target"] is not None:
        targets.append(f"<= {r['query_target']} q")
    rows.append(
        (
            r["name"],
            f"{r['median'] * 1000:.1f} ms",
            f"{r['p95'] * 1000:.1f} ms",
            str(low) if low == high else f"{low}-{high}",
            f"{r['floor'] * 1000:.1f} ms" if r["floor"] else "-",
            f"x{r['median'] / r['floor']:.1f}" if r["floor"] else "-",
            ", ".join(targets),
            "reference"
            if r["reference"]
            else "OK"
            if not r["misses"]
            else "MISSED (" + "; ".join(r["misses"]) + ")",
        )
    )
widths = [max(len(str(row[i])) for row in [header, *rows]) for i in range(len(header))]
print()
print("  ".join(str(h).ljust(w) for h, w in zip(header, widths)))
print("  ".join("-" * w for w in widths))
for row in rows:
    print(
        "  ".join(
            str(c).ljust(w) if i in (0, 7) else str(c).rjust(w) for i, (c, w) in enumerate(zip(row, widths))
        )
    )
print(
    f"\n  median and p95 of {REPS} repetitions after 2 warm-up runs, "
    "each in a savepoint rolled back, with a fresh record cache;\n  queries: SQL queries of the call, its "
    "flush and pre-commit hooks included; bare SQL: hand-written SQL reading or writing the same rows,\n"
    "  with the locks the operation takes and the rows its checks read."
)
cr.rollback()
print(f"BENCH-INPROC-RC\t{1 if any(r['misses'] for r in results) else 0}", flush=True)
