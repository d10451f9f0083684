"""A large demo school for the benchmark (issue 8, "Scale and speed").

``generate_large`` builds a school of the size of a big Russian school, by default 60
classes and 1,500 students, with a whole academic year of lessons, marks and attendance.
The structure, timetable, plans and lessons come from the demo generator and the demo
journal (ORM, lessons in one batch per class); the marks, attendance entries and their
change-log entries, about half a million rows, are inserted with bulk SQL. Their keyed
chain is computed here in sequence order with ``school.journal.log``'s own ``_chain_mac``, so
``_verify_chain`` holds, and the weights come from the grading policy in force on each
lesson's date, as ``school.mark.create`` takes them.
"""

import logging
import math
import time
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .school_demo_generator import CLASS_LETTERS
from .school_demo_journal import (
    CURRENT_WORK_TYPES,
    DEFAULT_WRITTEN_WORK_TYPES,
    TZ_SQL,
    WRITTEN_WORK_TYPES,
)

_logger = logging.getLogger(__name__)

GRADES = 11
# rows per INSERT statement of the bulk load
PAGE_SIZE = 2000
# columns written by the bulk load; the others keep their defaults (NULL)
MARK_COLUMNS = (
    "id",
    "lesson_id",
    "student_id",
    "value",
    "work_type_id",
    "weight",
    "author_id",
    "date",
    "class_id",
    "subject_id",
    "period_id",
    "company_id",
    "guardians_notified",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)
ATTENDANCE_COLUMNS = (
    "id",
    "lesson_id",
    "student_id",
    "code",
    "late_minutes",
    "date",
    "class_id",
    "subject_id",
    "period_id",
    "company_id",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)
LOG_COLUMNS = (
    "sequence",
    "logged_at",
    "user_id",
    "model",
    "res_id",
    "action",
    "lesson_id",
    "student_id",
    "class_id",
    "subject_id",
    "lesson_date",
    "old_value",
    "new_value",
    "reason",
    "previous_hash",
    "entry_hash",
    "is_invalid",
    "company_id",
    "hash_version",
    "key_version",
    "create_uid",
    "create_date",
    "write_uid",
    "write_date",
)


class SchoolDemoGenerator(models.AbstractModel):
    """The large school of the benchmark (issue 8)."""

    _inherit = "school.demo.generator"

    # ------------------------------------------------------------------
    # Entry point
    # ------------------------------------------------------------------
    @api.model
    def generate_large(self, classes=60, students=1500, seed=2026, largest_class=30):
        """Build a large school with a full year of journal in the current company.

        ``classes`` are spread over the 11 parallels (the senior parallels lose their last
        letters first), ``students`` over the classes; the first class of each parallel is
        made ``largest_class`` strong with students of the last one. Lessons fill every day
        of the year's quarters and halves, also after today, so that the volume is a year's.
        Returns the summary of :meth:`generate` with the journal's counts and the seconds
        taken; raises when the change log's chain does not verify.
        """
        if not (
            self.env.su
            or self.env.user._is_admin()
            or self.env.user.has_group("school_ejournal.group_school_admin")
        ):
            raise AccessError(_("Only the e-journal administrator can generate a demo school."))
        if not GRADES <= classes <= GRADES * len(CLASS_LETTERS):
            raise UserError(
                _(
                    "A large school has from %(low)s to %(high)s classes.",
                    low=GRADES,
                    high=GRADES * len(CLASS_LETTERS),
                )
            )
        started = time.monotonic()
        summary = self.with_context(
            school_demo_bulk=True,
            school_demo_class_count=classes,
            school_demo_largest_class=largest_class,
        ).generate(
            classes_per_parallel=math.ceil(classes / GRADES),
            students_per_class=math.ceil(students / classes),
            seed=seed,
        )
        summary["seconds"] = round(time.monotonic() - started, 1)
        _logger.info("Large demo school built in %.0f s", summary["seconds"])
        return summary

    # ------------------------------------------------------------------
    # Structure: the number of classes and their sizes
    # ------------------------------------------------------------------
    def _demo_classes(self, ctx):
        res = super()._demo_classes(ctx)
        count = self.env.context.get("school_demo_class_count")
        classes = ctx["classes"]
        if count and len(classes) > count:
            # the senior parallels lose their last letters first: primary schools are larger
            extra = classes.sorted(lambda c: (c.letter, c.grade), reverse=True)[: len(classes) - count]
            ctx["classes"] = classes - extra
            extra.unlink()
        return res

    def _demo_students(self, ctx):
        res = super()._demo_students(ctx)
        largest = self.env.context.get("school_demo_largest_class")
        if largest:
            self._demo_bulk_class_sizes(ctx, largest)
        return res

    def _demo_bulk_class_sizes(self, ctx, largest):
        """Make the first class of each parallel ``largest`` strong with students of the last.

        Runs before guardians and subgroups are made, so they follow the move; siblings are
        never in the same parallel, so families stay valid.
        """
        members = defaultdict(list)
        for child in ctx["children"]:
            members[child["class"].id].append(child)
        by_grade = defaultdict(list)
        for school_class in ctx["classes"]:
            by_grade[school_class.grade].append(school_class)
        moved = defaultdict(list)
        for grade_classes in by_grade.values():
            if len(grade_classes) < 2:
                continue
            first, last = grade_classes[0], grade_classes[-1]
            shift = min(largest - len(members[first.id]), len(members[last.id]) - 2)
            if shift <= 0:
                continue
            for child in members[last.id][-shift:]:
                child["class"] = first
                moved[first.id].append(child["student"].id)
        Enrollment = self.env["school.enrollment"]
        for class_id, student_ids in moved.items():
            Enrollment.search([("student_id", "in", student_ids)]).write({"class_id": class_id})

    # ------------------------------------------------------------------
    # The journal of the whole year
    # ------------------------------------------------------------------
    def _demo_after_structure(self, ctx):
        if not self.env.context.get("school_demo_bulk"):
            return super()._demo_after_structure(ctx)
        res = super(
            SchoolDemoGenerator, self.with_context(school_demo_skip_journal=True)
        )._demo_after_structure(ctx)
        ctx["summary"].update(self._demo_bulk_journal(ctx["year"], ctx["rng"]))
        return res

    def _demo_bulk_journal(self, year, rng):
        """Timetable, plans, lessons of every term day of ``year``, then marks and attendance."""
        started = time.monotonic()

        def progress(step):
            _logger.info("Large demo school: %s (%.0f s)", step, time.monotonic() - started)

        terms = year.period_ids.filtered(lambda p: p.period_type in ("quarter", "half"))
        date_from = year.date_start
        date_to = max(terms.mapped("date_end"), default=year.date_end)
        data = self._demo_journal_data(year, rng)
        if not data["classes"]:
            return {}
        self._demo_timetable(data)
        plans = self._demo_plans(data)
        progress(f"{len(data['new_slots'])} timetable slots, {len(plans)} plans")

        slots_by_class = defaultdict(lambda: self.env["school.timetable.slot"])
        for slot in data["slots"]:
            slots_by_class[slot.class_id.id] |= slot
        lesson_ids = []
        for index, school_class in enumerate(data["classes"], 1):
            lessons = slots_by_class[school_class.id]._generate_lessons(date_from, date_to)
            self._demo_lesson_contents(
                data, lessons.sorted(lambda lesson: (lesson.date, lesson.lesson_number, lesson.id))
            )
            lesson_ids += lessons.ids
            self.env.flush_all()
            self.env.invalidate_all()
            if index % 10 == 0 or index == len(data["classes"]):
                progress(f"lessons of {index} classes: {len(lesson_ids)}")
        lessons = (
            self.env["school.lesson"]
            .browse(lesson_ids)
            .sorted(lambda lesson: (lesson.date, lesson.lesson_number, lesson.id))
        )
        substitutions = self._demo_substitutions(data, lessons)
        self._demo_entry_times(data, lessons)
        progress(f"{substitutions} substitutions, entry times of topics and homework")
        self.env.invalidate_all()
        counts = self._demo_bulk_entries(data, lesson_ids, progress)
        counts["period_marks"] = self._demo_bulk_period_marks(data)
        progress(f"{counts['period_marks']} period marks of the terms ended")
        self.env.cr.execute(
            "ANALYZE school_lesson, school_mark, school_attendance, school_journal_log, school_period_mark"
        )
        counts.update(self._demo_bulk_verify())
        progress("verified: {}".format(", ".join(f"{key} {value}" for key, value in counts.items())))
        return dict(
            counts,
            timetable_slots=len(data["new_slots"]),
            plans=len(plans),
            lessons=len(lesson_ids),
            substitutions=substitutions,
        )

    def _demo_bulk_lesson_rows(self, lesson_ids):
        """The lessons as tuples, in date order, with the end of the lesson in UTC."""
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                f"""
                SELECT l.id, l.date, l.lesson_number, l.class_id, l.subgroup_id, l.subject_id,
                       l.period_id, l.company_id, l.teacher_id, c.grade, s.is_graded, pt.work_type_id,
                       ((l.date + make_interval(secs => round(COALESCE(b.time_end, 15.0) * 3600)))
                            AT TIME ZONE {TZ_SQL}) AT TIME ZONE 'UTC'
                  FROM school_lesson l
                  JOIN school_class c ON c.id = l.class_id
                  JOIN school_subject s ON s.id = l.subject_id
                  JOIN res_company co ON co.id = l.company_id
                  JOIN res_partner p ON p.id = co.partner_id
             LEFT JOIN school_plan_topic pt ON pt.id = l.plan_topic_id
             LEFT JOIN school_bell b ON b.schedule_id = c.bell_schedule_id AND b.number = l.lesson_number
                 WHERE l.id = ANY(%s) AND l.state != 'cancelled'
              ORDER BY l.date, l.lesson_number, l.id
                """,
                lesson_ids,
            )
        )
        return self.env.cr.fetchall()

    def _demo_bulk_entries(self, data, lesson_ids, progress):
        """Attendance (about 5% of lesson places) and marks (grades 2-11) of every lesson.

        Drawn like the demo journal's: illness spells of a few days, single absences and
        lates; a stable ability per student and a bias per subject; planned control,
        laboratory and practical works and now and then a written work mark the whole
        class, otherwise 10-25% of it gets an oral or class-work mark. A week of lessons at
        a time goes to the database with its change-log entries, ordered by entry time.
        """
        rows = self._demo_bulk_lesson_rows(lesson_ids)
        state = self._demo_bulk_state(data, rows)
        totals = {"marks": 0, "attendance": 0, "journal_log": 0}
        companies = {row[7] for row in rows}
        if len(companies) > 1:
            raise UserError(_("The lessons of one school are generated at a time."))
        chain = self._demo_bulk_chain_start(companies.pop() if companies else self.env.company.id)
        weeks = defaultdict(list)
        for row in rows:
            weeks[row[1].isocalendar()[:2]].append(row)
        for number, week in enumerate(sorted(weeks), 1):
            marks, entries = [], []
            for row in weeks[week]:
                absent = self._demo_bulk_lesson_attendance(state, row, entries)
                self._demo_bulk_lesson_marks(state, row, absent, marks)
            chain = self._demo_bulk_insert(state, marks, entries, chain)
            totals["marks"] += len(marks)
            totals["attendance"] += len(entries)
            totals["journal_log"] += len(marks) + len(entries)
            if number % 5 == 0 or number == len(weeks):
                progress(
                    f"week {number} of {len(weeks)}: {totals['marks']} marks, "
                    f"{totals['attendance']} attendance entries"
                )
        self.env.invalidate_all()
        return totals

    def _demo_bulk_state(self, data, rows):
        """What drawing the entries needs: who is in which lesson, illness spells, the work
        types, and caches of policies, weights and change-log texts."""
        company = data["company"]
        current = [(self._demo_work_type(data, code), weight) for code, weight in CURRENT_WORK_TYPES]
        current = [(work_type.id, weight) for work_type, weight in current if work_type]
        state = {
            "data": data,
            "rng": data["rng"],
            "mark_days": {
                "primary": company.school_primary_mark_days or 3,
                "basic": company.school_basic_mark_days or 3,
            },
            "category_of": {
                wt.id: wt.category
                for wt in self.env["school.work.type"].with_context(active_test=False).search([])
            },
            "current_ids": [work_type_id for work_type_id, _weight in current],
            "current_weights": [weight for _work_type_id, weight in current],
            "members": {},
            "policies": {},
            "weights": {},
            "snapshots": {},
            "ability": {},
            "bias": {},
        }
        self._demo_bulk_illness(state, rows)
        return state

    def _demo_bulk_members(self, state, class_id, subgroup_id, day):
        """Student ids of a class (or subgroup) on a date (JOUR-3, JOUR-12)."""
        key = (class_id, subgroup_id, day)
        if key not in state["members"]:
            data = state["data"]
            members = [
                student
                for student, start, end in data["enrollments"].get(class_id, ())
                if start <= day and (not end or end >= day)
            ]
            if subgroup_id:
                group = data["subgroup_members"].get(subgroup_id, set())
                members = [student for student in members if student in group]
            state["members"][key] = members
        return state["members"][key]

    def _demo_bulk_illness(self, state, rows):
        """Illness spells of 2-6 school days, more often for frail students; the first lesson
        of each class and day (lates are likelier then)."""
        rng = state["rng"]
        days = defaultdict(set)
        first_number = {}
        for row in rows:
            day, number, class_id = row[1], row[2], row[3]
            days[class_id].add(day)
            first_number[(class_id, day)] = min(first_number.get((class_id, day), 99), number)
        ill = set()
        for class_id in sorted(days):
            for student, _start, _end in state["data"]["enrollments"].get(class_id, ()):
                frailty = rng.uniform(0.3, 1.8)
                left = 0
                for day in sorted(days[class_id]):
                    if not left and rng.random() < 0.008 * frailty:
                        left = rng.randint(2, 6)
                    if left:
                        ill.add((student, day))
                        left -= 1
        state["ill"] = ill
        state["first_number"] = first_number

    def _demo_bulk_policy(self, state, day):
        """The grading policy in force on ``day`` and its mark values."""
        if day not in state["policies"]:
            policy = self.env["school.grading.policy"]._get_policy(day, state["data"]["company"])
            state["policies"][day] = (policy, policy._get_mark_values() if policy else [2, 3, 4, 5])
        return state["policies"][day]

    def _demo_bulk_weight(self, state, policy, work_type_id):
        """The weight ``school.mark.create`` would take: the policy's, else the work type's."""
        key = (policy.id, work_type_id)
        if key not in state["weights"]:
            work_type = self.env["school.work.type"].browse(work_type_id)
            state["weights"][key] = policy._get_weight(work_type) if policy else work_type.default_weight
        return state["weights"][key]

    def _demo_bulk_snapshot(self, state, model, **values):
        """The change log's text of an entry, exactly as the ORM writes it (``_log_snapshot``)."""
        key = (model, *sorted(values.items()))
        if key not in state["snapshots"]:
            state["snapshots"][key] = self.env[model].new(values)._log_snapshot()
        return state["snapshots"][key]

    def _demo_bulk_lesson_attendance(self, state, row, entries):
        """Append the lesson's attendance entries; return the students absent from it."""
        rng = state["rng"]
        lesson_day, number, class_id, subgroup_id, end = row[1], row[2], row[3], row[4], row[12]
        first = number == state["first_number"][(class_id, lesson_day)]
        absent = set()
        for student in self._demo_bulk_members(state, class_id, subgroup_id, lesson_day):
            code = self._demo_attendance_code(rng, (student, lesson_day) in state["ill"], first)
            if not code:
                continue
            minutes = rng.randint(3, 15) if code == "late" else 0
            if code != "late":
                absent.add(student)
            at = end + timedelta(minutes=rng.randint(-40, -5), seconds=rng.randint(0, 59))
            entries.append((row, student, code, minutes, at))
        return absent

    def _demo_bulk_marked(self, state, row, present):
        """Who gets a mark at the lesson: (students, work type ids, shift of the value, category)."""
        rng = state["rng"]
        data = state["data"]
        planned_id = row[11]
        category = state["category_of"].get(planned_id, "current")
        if planned_id and category != "current":
            return present, [planned_id] * len(present), -0.25 if category == "control" else -0.1, category
        if rng.random() < 0.12:
            written = WRITTEN_WORK_TYPES.get(data["codes"].get(row[5]), DEFAULT_WRITTEN_WORK_TYPES)
            work_type = self._demo_work_type(data, rng.choice(written), "written")
            return present, [work_type.id] * len(present), -0.1, "written"
        size = max(1, round(len(present) * rng.uniform(0.1, 0.25)))
        chosen = rng.sample(present, min(size, len(present)))
        work_types = rng.choices(state["current_ids"], state["current_weights"], k=len(chosen))
        return chosen, work_types, 0.0, "current"

    def _demo_bulk_lesson_marks(self, state, row, absent, marks):
        """Append the lesson's marks: (lesson row, student, value, work type, weight, entered at)."""
        rng = state["rng"]
        lesson_day, class_id, subgroup_id, subject_id, grade, graded, end = (
            row[1], row[3], row[4], row[5], row[9], row[10], row[12]
        )  # fmt: skip
        if grade < 2 or not graded:
            return
        members = self._demo_bulk_members(state, class_id, subgroup_id, lesson_day)
        present = [student for student in members if student not in absent]
        if not present:
            return
        chosen, work_types, shift, category = self._demo_bulk_marked(state, row, present)
        policy, allowed = self._demo_bulk_policy(state, lesson_day)
        days_to_mark = state["mark_days"]["primary" if grade <= 4 else "basic"]
        ability, bias = state["ability"], state["bias"]
        for student, work_type_id in zip(chosen, work_types, strict=True):
            if student not in ability:
                ability[student] = min(4.95, max(2.7, rng.gauss(4.1, 0.5)))
            if (student, subject_id) not in bias:
                bias[(student, subject_id)] = rng.gauss(0, 0.25)
            value = round(ability[student] + bias[(student, subject_id)] + shift + rng.gauss(0, 0.65))
            value = min(allowed[-1], max(allowed[0], value))
            if category == "control":
                minutes = rng.randint(60, 20 * 60) + (2 * 24 * 60 if rng.random() < 0.06 else 0)
            else:
                late = (days_to_mark + 1) * 24 * 60 if rng.random() < 0.025 else 0
                minutes = rng.randint(0, 36 * 60) + late
            at = end + timedelta(minutes=minutes, seconds=rng.randint(0, 59))
            weight = self._demo_bulk_weight(state, policy, work_type_id)
            marks.append((row, student, value, work_type_id, weight, at))

    def _demo_bulk_period_marks(self, data):
        """Period marks of the terms ended before today: the proposed mark, set in time by the
        subject's teacher two days before the term's end (FINAL-1)."""
        today = fields.Date.context_today(self)
        PeriodMark = self.env["school.period.mark"]
        teachers = {}
        for assignment in data["assignments"].sorted("id"):
            teachers.setdefault((assignment.class_id.id, assignment.subject_id.id), assignment.teacher_id.id)
        ended = data["year"].period_ids.filtered(
            lambda p: p.period_type in ("quarter", "half") and p.date_end < today
        )
        rows = PeriodMark.browse()
        for period in ended.sorted("date_start"):
            for school_class in data["classes"].filtered(
                lambda c, period=period: c.grade > 1 and c.period_scheme == period.period_type
            ):
                subjects = (
                    data["lines"]
                    .filtered(lambda line, c=school_class: line.class_id == c and line.subject_id.is_graded)
                    .subject_id
                )
                for subject in subjects:
                    prepared = PeriodMark.action_prepare(school_class.id, subject.id, period.id)
                    prepared.action_fill_proposed()
                    rows |= prepared
        self.env.flush_all()
        if rows:
            set_at = f"((per.date_end - 2 + time '15:00') AT TIME ZONE {TZ_SQL}) AT TIME ZONE 'UTC'"
            self.env.cr.execute(
                SQL(
                    f"""
                    UPDATE school_period_mark pm
                       SET set_by_id = v.teacher_id, is_late = FALSE,
                           set_at = {set_at}, published_at = {set_at}
                      FROM unnest(%s::int[], %s::int[]) AS v(id, teacher_id),
                           school_period per, res_company co, res_partner p
                     WHERE pm.id = v.id AND per.id = pm.period_id AND co.id = pm.company_id
                       AND p.id = co.partner_id AND pm.value != 0
                    """,
                    rows.ids,
                    [teachers.get((row.class_id.id, row.subject_id.id)) or self.env.uid for row in rows],
                )
            )
        self.env.invalidate_all()
        return len(rows)

    def _demo_bulk_chain_start(self, company_id):
        """Lock the school's change-log chain for this transaction and return its last link
        with the signing key: (number, MAC, key, key version, school)."""
        Log = self.env["school.journal.log"]
        keys, key_version = Log._chain_current_key()
        Log._chain_lock(company_id)
        sequence, previous_hash = Log._chain_head(company_id)
        return sequence, previous_hash, keys[key_version], key_version, company_id

    def _demo_bulk_ids(self, table, count):
        """``count`` ids from the table's own sequence, as the ORM would have taken them."""
        if not count:
            return []
        self.env.cr.execute(SQL("SELECT nextval(%s) FROM generate_series(1, %s)", f"{table}_id_seq", count))
        return [row[0] for row in self.env.cr.fetchall()]

    def _demo_bulk_insert(self, state, marks, entries, chain):
        """Insert marks, attendance entries and their change-log entries; return the chain's end.

        ``marks``: (lesson row, student, value, work type, weight, entered at);
        ``entries``: (lesson row, student, code, minutes late, entered at). The teacher of
        the lesson is the author; log entries follow the entry times.
        """
        cr = self.env.cr
        Log = self.env["school.journal.log"]
        mark_ids = self._demo_bulk_ids("school_mark", len(marks))
        attendance_ids = self._demo_bulk_ids("school_attendance", len(entries))
        mark_rows, attendance_rows, logged = [], [], []
        for res_id, (row, student, value, work_type_id, weight, at) in zip(mark_ids, marks, strict=True):
            lesson_id, day, _n, class_id, _g, subject_id, period_id, company_id, teacher_id = row[:9]
            mark_rows.append(
                (
                    res_id,
                    lesson_id,
                    student,
                    value,
                    work_type_id,
                    weight,
                    teacher_id,
                    day,
                    class_id,
                    subject_id,
                    period_id,
                    company_id,
                    True,
                    teacher_id,
                    at,
                    teacher_id,
                    at,
                )
            )
            logged.append(
                (
                    at,
                    "school.mark",
                    res_id,
                    row,
                    student,
                    self._demo_bulk_snapshot(state, "school.mark", value=value, work_type_id=work_type_id),
                )
            )
        for res_id, (row, student, code, minutes, at) in zip(attendance_ids, entries, strict=True):
            lesson_id, day, _n, class_id, _g, subject_id, period_id, company_id, teacher_id = row[:9]
            attendance_rows.append(
                (
                    res_id,
                    lesson_id,
                    student,
                    code,
                    minutes or None,
                    day,
                    class_id,
                    subject_id,
                    period_id,
                    company_id,
                    teacher_id,
                    at,
                    teacher_id,
                    at,
                )
            )
            logged.append(
                (
                    at,
                    "school.attendance",
                    res_id,
                    row,
                    student,
                    self._demo_bulk_snapshot(state, "school.attendance", code=code, late_minutes=minutes),
                )
            )
        logged.sort(key=lambda entry: entry[:3])
        sequence, previous_hash, key, key_version, company_id = chain
        hash_version = Log._chain_hash_version
        log_rows = []
        for at, model, res_id, row, student, snapshot in logged:
            sequence += 1
            vals = {
                "sequence": sequence,
                "logged_at": at,
                "user_id": row[8],
                "model": model,
                "res_id": res_id,
                "action": "create",
                "lesson_id": row[0],
                "student_id": student,
                "old_value": "",
                "new_value": snapshot,
                "reason": "",
                "class_id": row[3],
                "subject_id": row[5],
                "lesson_date": row[1],
                "is_invalid": False,
                "company_id": company_id,
                "key_version": key_version,
            }
            entry_hash = Log._chain_mac(key, previous_hash, vals, hash_version)
            log_rows.append(
                (
                    sequence,
                    at,
                    row[8],
                    model,
                    res_id,
                    "create",
                    row[0],
                    student,
                    row[3],
                    row[5],
                    row[1],
                    None,
                    snapshot,
                    None,
                    previous_hash,
                    entry_hash,
                    False,
                    company_id,
                    hash_version,
                    key_version,
                    row[8],
                    at,
                    row[8],
                    at,
                )
            )
            previous_hash = entry_hash
        for table, columns, values in (
            ("school_mark", MARK_COLUMNS, mark_rows),
            ("school_attendance", ATTENDANCE_COLUMNS, attendance_rows),
            ("school_journal_log", LOG_COLUMNS, log_rows),
        ):
            if values:
                cr.execute_values(
                    f"INSERT INTO {table} ({', '.join(columns)}) VALUES %s",  # noqa: S608 constant names
                    values,
                    page_size=PAGE_SIZE,
                )
        return sequence, previous_hash, key, key_version, company_id

    def _demo_bulk_verify(self):
        """Counts of the journal's tables; the change log's chain must verify."""
        cr = self.env.cr
        counts = {}
        for key, table in (
            ("marks", "school_mark"),
            ("attendance", "school_attendance"),
            ("journal_log", "school_journal_log"),
        ):
            cr.execute(SQL("SELECT count(*) FROM %s", SQL.identifier(table)))
            counts[f"{key}_in_database"] = cr.fetchone()[0]
        broken = self.env["school.journal.log"]._verify_chain()
        if broken:
            raise UserError(
                _("The change log of the large demo school is broken at entry No. %s.", broken[1])
            )
        return counts
