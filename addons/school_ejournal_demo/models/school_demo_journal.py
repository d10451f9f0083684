"""Demo journal: timetable, plans, lessons, topics, homework, attendance and marks.

Runs after the demo school's structure (``_demo_after_structure``) or on its own from the
database (``generate_journal``). Everything is created in batches from a seeded
``random.Random``; per-record work happens in memory, never as one query per record.
"""

import logging
import random
import time
from collections import defaultdict
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Command
from odoo.tools import SQL

from .school_demo_journal_data import (
    DEFAULT_HOMEWORK,
    HOMEWORK_PATTERNS,
    LESSON_TOPICS,
    PLAN_SECTIONS,
    SUBJECT_CODES_BY_NAME,
    SUBSTITUTION_REASONS,
)

_logger = logging.getLogger(__name__)

WEEKDAYS = (0, 1, 2, 3, 4)
SATURDAY = 5
MIN_LESSONS_PER_DAY = 7
# Lessons per batch of marks: each batch is one create() and one append to the change log.
MARK_BATCH_LESSONS = 1500
ATTENDANCE_BATCH_LESSONS = 200
WRITTEN_WORK_TYPES = {
    "RUS": ("DICTATION", "INDEPENDENT"),
    "LIT": ("ESSAY", "TEST"),
    "ENG": ("DICTATION", "TEST"),
}
DEFAULT_WRITTEN_WORK_TYPES = ("INDEPENDENT", "TEST")
CURRENT_WORK_TYPES = (("ANSWER", 0.5), ("CLASSWORK", 0.3), ("HOMEWORK", 0.2))
FINAL_SECTION = "Итоговое повторение"
TZ_SQL = "COALESCE(NULLIF(p.tz, ''), 'Europe/Moscow')"


def _parse_sections(text):
    """``Section | topic; topic`` lines -> [(section, [(topic, work type code or None)])]."""
    sections = []
    for line in (text or "").strip().splitlines():
        section, _sep, topics = line.partition("|")
        parsed = []
        for topic in topics.split(";"):
            topic = topic.strip()
            if not topic:
                continue
            if topic.startswith("ЛР "):
                parsed.append((f"Лабораторная работа «{topic[3:].strip()}»", "LAB"))
            elif topic.startswith("ПР "):
                parsed.append((f"Практическая работа «{topic[3:].strip()}»", "PRACTICAL"))
            else:
                parsed.append((topic, None))
        sections.append((section.strip(), parsed))
    return sections


class SchoolDemoGenerator(models.AbstractModel):
    """The journal of the demo school (issue: demo journal)."""

    # the demo generator is split by purpose: structure, journal, large school (school_demo_bulk)
    _inherit = "school.demo.generator"  # pylint: disable=consider-merging-classes-inherited

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------
    def _demo_after_structure(self, ctx):
        """Fill the journal of the new demo school from 1 September to today.

        Context keys: ``school_demo_skip_journal`` skips it; ``school_demo_journal_date_from``
        and ``school_demo_journal_date_to`` narrow the range (tests use two weeks).
        """
        res = super()._demo_after_structure(ctx)
        if self.env.context.get("school_demo_skip_journal"):
            return res
        year = ctx["year"]
        date_from, date_to = self._demo_journal_range(
            year,
            self.env.context.get("school_demo_journal_date_from"),
            self.env.context.get("school_demo_journal_date_to"),
        )
        ctx["summary"].update(self._demo_journal(year, ctx["rng"], date_from, date_to))
        return res

    @api.model
    def generate_journal(self, date_from=None, date_to=None, seed=2026):
        """Fill the journal of the current school year from the database alone.

        Uses the classes of the current year, their curriculum and teaching assignments;
        classes that already have a timetable keep it. Refuses a year that has marks.
        """
        if not (
            self.env.su
            or self.env.user._is_admin()
            or self.env.user.has_group("school_ejournal.group_school_admin")
        ):
            raise AccessError(_("Only the e-journal administrator can generate a demo journal."))
        year = self.env["school.academic.year"]._get_current(company=self.env.company)
        if not year:
            raise UserError(_("The school has no academic year in force today."))
        generator = self.sudo().with_context(
            tracking_disable=True, mail_create_nolog=True, mail_create_nosubscribe=True, mail_notrack=True
        )
        if generator.env["school.mark"].search_count([("class_id.year_id", "=", year.id)], limit=1):
            raise UserError(
                _(
                    "The academic year %s already has marks: the demo journal is generated only once.",
                    year.name,
                )
            )
        date_from, date_to = self._demo_journal_range(year, date_from, date_to)
        return generator._demo_journal(year.with_env(generator.env), random.Random(seed), date_from, date_to)

    def _demo_journal_range(self, year, date_from=None, date_to=None):
        today = fields.Date.context_today(self)
        date_from = fields.Date.to_date(date_from) or year.date_start
        date_to = fields.Date.to_date(date_to) or min(today, year.date_end)
        return max(date_from, year.date_start), min(date_to, year.date_end)

    @api.model
    def _demo_attendance_code(self, rng, ill, first_lesson):
        """A student's attendance at one demo lesson: ill all day, rare absences, lates mostly
        at the first lesson; False when present."""
        if ill:
            return "ill"
        draw = rng.random()
        if draw < 0.006:
            return "absent"
        if draw < 0.009:
            return "excused"
        if draw < 0.009 + (0.03 if first_lesson else 0.004):
            return "late"
        return False

    def _demo_journal(self, year, rng, date_from, date_to):
        """Build the journal of ``year`` between two dates; return counts for the summary."""
        started = time.monotonic()
        data = self._demo_journal_data(year, rng)
        if not data["classes"]:
            return {}

        def progress(step):
            _logger.info("Demo journal: %s (%.1f s)", step, time.monotonic() - started)

        self._demo_timetable(data)
        progress(f"{len(data['new_slots'])} timetable slots")
        plans = self._demo_plans(data)
        progress(f"{len(plans)} plans")
        lessons = data["slots"]._generate_lessons(date_from, date_to)
        progress(f"{len(lessons)} lessons from {date_from} to {date_to}")
        today = fields.Date.context_today(self)
        past = lessons.filtered(lambda lesson: lesson.date < today).sorted(
            lambda lesson: (lesson.date, lesson.lesson_number, lesson.id)
        )
        self._demo_lesson_contents(data, past)
        progress("topics and homework")
        substitutions = self._demo_substitutions(data, past)
        progress(f"{substitutions} substitutions")
        absent, attendance_count = self._demo_attendance(data, past)
        progress(f"{attendance_count} attendance entries")
        mark_count = self._demo_marks(data, past, absent, progress)
        progress(f"{mark_count} marks")
        self._demo_entry_times(data, past)
        progress("entry times")
        return {
            "timetable_slots": len(data["new_slots"]),
            "plans": len(plans),
            "lessons": len(lessons),
            "marks": mark_count,
            "attendance": attendance_count,
            "substitutions": substitutions,
        }

    # ------------------------------------------------------------------
    # What the database holds
    # ------------------------------------------------------------------
    def _demo_journal_data(self, year, rng):
        company = year.company_id
        classes = self.env["school.class"].search(
            [("year_id", "=", year.id), ("company_id", "=", company.id)]
        )
        lines = self.env["school.curriculum.line"].search([("class_id", "in", classes.ids)])
        assignments = self.env["school.teaching.assignment"].search([("class_id", "in", classes.ids)])
        enrollments = self.env["school.enrollment"].search([("class_id", "in", classes.ids)])
        work_types = self.env["school.work.type"].search([("company_id", "in", (False, company.id))])
        codes = {}
        for subject in lines.subject_id | assignments.subject_id:
            code = (subject.code or "").strip().upper()
            if code not in PLAN_SECTIONS and code not in LESSON_TOPICS and code not in HOMEWORK_PATTERNS:
                code = SUBJECT_CODES_BY_NAME.get((subject.name or "").strip().lower(), code)
            codes[subject.id] = code
        by_class = defaultdict(list)
        for enrollment in enrollments.sorted("id"):
            by_class[enrollment.class_id.id].append(
                (enrollment.student_id.id, enrollment.date_start, enrollment.date_end)
            )
        subgroups = self.env["school.subgroup"].search([("class_id", "in", classes.ids)])
        return {
            "rng": rng,
            "year": year,
            "company": company,
            "classes": classes,
            "lines": lines,
            "assignments": assignments,
            "codes": codes,
            "enrollments": by_class,
            "subgroup_members": {g.id: set(g.student_ids.ids) for g in subgroups},
            "work_types": {wt.code: wt for wt in work_types},
            "work_types_by_category": {wt.category: wt for wt in work_types.sorted("sequence", reverse=True)},
            "existing_slots": self.env["school.timetable.slot"].search(
                [("class_id", "in", classes.ids), ("date_to", ">=", year.date_start)]
            ),
        }

    def _demo_work_type(self, data, code, category="current"):
        return data["work_types"].get(code) or data["work_types_by_category"].get(category)

    def _demo_members(self, data, lesson):
        """Student ids of the lesson's class or subgroup on its date (JOUR-3, JOUR-12)."""
        members = [
            student
            for student, start, end in data["enrollments"].get(lesson.class_id.id, ())
            if start <= lesson.date and (not end or end >= lesson.date)
        ]
        if lesson.subgroup_id:
            group = data["subgroup_members"].get(lesson.subgroup_id.id, set())
            members = [student for student in members if student in group]
        return members

    # ------------------------------------------------------------------
    # Timetable (SETUP-7)
    # ------------------------------------------------------------------
    def _demo_timetable_units(self, data, school_class, assignments_by):
        """What a class has each week: one unit per lesson hour, with the teachers taking it.

        A subject taught in subgroups by two teachers is one unit with two parts held at
        once; when one teacher has both subgroups, each subgroup gets its own units.
        """
        units = []
        for line in (
            data["lines"]
            .filtered(lambda line: line.class_id == school_class)
            .sorted(lambda line: (line.subject_id.sequence, line.subject_id.id))
        ):
            hours = int(round(line.hours_per_week))
            assignments = assignments_by.get((school_class.id, line.subject_id.id))
            if hours <= 0 or not assignments:
                continue
            grouped = assignments.filtered("subgroup_id")
            if line.split_in_subgroups and grouped:
                parts = [(a.teacher_id.id, a.subgroup_id.id) for a in grouped.sorted("id")]
                teachers = [teacher for teacher, _group in parts]
                part_sets = [parts] if len(set(teachers)) == len(teachers) else [[part] for part in parts]
            else:
                assignment = (assignments - grouped)[:1] or assignments[:1]
                part_sets = [[(assignment.teacher_id.id, False)]]
            for parts in part_sets:
                units.append({"subject": line.subject_id, "parts": parts, "hours": hours})
        return units

    def _demo_pick_room(self, school_class, subject, day, number, busy_room, taken):
        home = school_class.room_id
        rooms = subject.room_ids.sorted("name")
        candidates = list(rooms)
        if home and (not rooms or home in rooms):
            candidates = [home] + [room for room in candidates if room != home]
        for room in candidates:
            if (room.id, day, number) not in busy_room and room.id not in taken:
                return room.id
        return False

    @api.model
    def _demo_spread_units(self, units, rng):
        """Spread a class's weekly units over the days: a subject once a day while possible."""
        per_day = {day: [] for day in WEEKDAYS}
        for unit in sorted(units, key=lambda u: -u["hours"]):
            for _hour in range(unit["hours"]):
                free_days = [d for d in WEEKDAYS if not any(u is unit for u in per_day[d])]
                day = min(free_days or WEEKDAYS, key=lambda d: (len(per_day[d]), rng.random()))
                per_day[day].append(unit)
        return per_day

    def _demo_timetable(self, data):
        """A weekly timetable per class without teacher, room or class conflicts.

        Greedy: each subject's hours are spread over the week, then day by day every class
        fills its lessons in order, taking a unit whose teachers are free; in-memory sets of
        busy teachers, rooms and classes keep the slot constraint satisfied.
        """
        rng = data["rng"]
        year = data["year"]
        busy_teacher, busy_room, busy_class = set(), set(), set()
        for slot in data["existing_slots"]:
            key = (int(slot.weekday), slot.lesson_number)
            busy_teacher.add((slot.teacher_id.id, *key))
            busy_class.add((slot.class_id.id, *key))
            if slot.room_id:
                busy_room.add((slot.room_id.id, *key))
        data["busy_teacher"] = busy_teacher
        classes = (data["classes"] - data["existing_slots"].class_id).sorted(
            lambda c: (-c.grade, c.letter or "", c.id)
        )
        assignments_by = defaultdict(lambda: self.env["school.teaching.assignment"])
        for assignment in data["assignments"]:
            assignments_by[(assignment.class_id.id, assignment.subject_id.id)] |= assignment

        days_of_class, max_number = {}, {}
        for school_class in classes:
            units = self._demo_timetable_units(data, school_class, assignments_by)
            days_of_class[school_class.id] = self._demo_spread_units(units, rng)
            bells = school_class.bell_schedule_id.bell_ids.mapped("number")
            max_number[school_class.id] = max([MIN_LESSONS_PER_DAY, *bells])

        vals_list = []
        unit_days = defaultdict(set)

        def fits(unit, day, number):
            return all((teacher, day, number) not in busy_teacher for teacher, _group in unit["parts"])

        def place(school_class, unit, day, number):
            taken = set()
            for teacher, subgroup in unit["parts"]:
                room = self._demo_pick_room(school_class, unit["subject"], day, number, busy_room, taken)
                vals_list.append(
                    {
                        "class_id": school_class.id,
                        "subgroup_id": subgroup,
                        "subject_id": unit["subject"].id,
                        "teacher_id": teacher,
                        "room_id": room,
                        "weekday": str(day),
                        "lesson_number": number,
                        "date_from": year.date_start,
                        "date_to": year.date_end,
                    }
                )
                busy_teacher.add((teacher, day, number))
                if room:
                    busy_room.add((room, day, number))
                    taken.add(room)
            busy_class.add((school_class.id, day, number))
            unit_days[id(unit)].add(day)

        leftovers = []
        for day in WEEKDAYS:
            for school_class in classes:
                todo = list(days_of_class[school_class.id][day])
                rng.shuffle(todo)
                number = 1
                while todo and number <= max_number[school_class.id]:
                    pick = next((unit for unit in todo if fits(unit, day, number)), None)
                    if pick is not None:
                        place(school_class, pick, day, number)
                        todo.remove(pick)
                    number += 1
                leftovers += [(school_class, unit) for unit in todo]
        dropped = 0
        for school_class, unit in leftovers:
            spots = [
                (day, number)
                for day in (*WEEKDAYS, SATURDAY)
                for number in range(1, max_number[school_class.id] + 1)
                if (school_class.id, day, number) not in busy_class and fits(unit, day, number)
            ]
            spot = next((s for s in spots if s[0] not in unit_days[id(unit)]), None) or next(
                iter(spots), None
            )
            if spot:
                place(school_class, unit, *spot)
            else:
                dropped += 1
                _logger.warning(
                    "Demo journal: no free slot for %s in %s", unit["subject"].name, school_class.name
                )
        new_slots = self.env["school.timetable.slot"].create(vals_list)
        data["new_slots"] = new_slots
        data["slots"] = data["existing_slots"] | new_slots
        data["timetable_dropped"] = dropped
        return new_slots

    # ------------------------------------------------------------------
    # Calendar-thematic plans (PLAN-1)
    # ------------------------------------------------------------------
    def _demo_plan_topics(self, data, code, grade, total_hours):
        """Topics of a plan with hours adding up to the curriculum's ``total_hours``."""
        entries = []
        for index, (section, topics) in enumerate(_parse_sections(PLAN_SECTIONS[code][grade])):
            for name, kind in topics:
                entries.append({"section": section, "name": name, "kind": kind})
            if grade >= 2 and len(topics) >= 2:
                name, kind = self._demo_control_topic(code, section, index)
                entries.append({"section": section, "name": name, "kind": kind})
        entries.append(
            {"section": FINAL_SECTION, "name": "Повторение и систематизация изученного", "kind": None}
        )
        if grade >= 2:
            entries.append(
                {"section": FINAL_SECTION, "name": "Итоговая контрольная работа", "kind": "CONTROL"}
            )
            entries.append(
                {"section": FINAL_SECTION, "name": "Анализ итоговой контрольной работы", "kind": None}
            )
        total = int(total_hours)
        while len(entries) > max(total, 1):
            flexible = defaultdict(list)
            for i, entry in enumerate(entries):
                if not entry["kind"]:
                    flexible[entry["section"]].append(i)
            removable = [ids[-1] for ids in flexible.values() if len(ids) > 1]
            removable = removable or [
                i for i, e in enumerate(entries) if e["kind"] and e["section"] != FINAL_SECTION
            ]
            if not removable:
                break
            del entries[max(removable)]
        for entry in entries:
            entry["hours"] = 1.0
        flexible = [entry for entry in entries if not entry["kind"]] or entries
        extra = total - len(entries)
        for i in range(max(extra, 0)):
            flexible[i % len(flexible)]["hours"] += 1
        flexible[-1]["hours"] += total_hours - total
        vals_list = []
        for sequence, entry in enumerate(entries, 1):
            work_type = entry["kind"] and self._demo_work_type(data, entry["kind"], "control")
            vals_list.append(
                {
                    "sequence": sequence * 10,
                    "section": entry["section"],
                    "name": entry["name"],
                    "hours": entry["hours"],
                    "work_type_id": work_type.id if work_type else False,
                }
            )
        return vals_list

    @api.model
    def _demo_control_topic(self, code, section, index):
        if code == "RUS" and index % 2 == 0:
            return f"Контрольный диктант по теме «{section}»", "CONTROL"
        if code == "LIT" and index % 2 == 1:
            return f"Сочинение по теме «{section}»", "ESSAY"
        if code == "ENG":
            return f"Контрольная работа по разделу «{section}»", "CONTROL"
        return f"Контрольная работа по теме «{section}»", "CONTROL"

    def _demo_school_weeks(self, year, period_type):
        """First school day of every week of the year's quarters (or halves)."""
        weeks = {}
        for period in year.period_ids.filtered(lambda p: p.period_type == period_type).sorted("date_start"):
            day = period.date_start
            while day <= period.date_end:
                if day.weekday() < 5:
                    weeks.setdefault(day.isocalendar()[:2], day)
                day += timedelta(days=1)
        return sorted(weeks.values())

    def _demo_plans(self, data):
        """Plans of the main subjects per parallel, hours equal to the curriculum's."""
        year = data["year"]
        hours = {}
        for line in data["lines"].sorted(lambda line: (line.grade, line.subject_id.sequence, line.id)):
            code = data["codes"].get(line.subject_id.id)
            if line.grade in PLAN_SECTIONS.get(code, {}) and line.hours_per_year > 0:
                hours.setdefault((line.grade, line.subject_id), line)
        existing = self.env["school.plan"].search([("year_id", "=", year.id)])
        existing_keys = {(plan.grade, plan.subject_id.id) for plan in existing}
        authors = {}
        for assignment in data["assignments"].sorted("id"):
            authors.setdefault(
                (assignment.class_id.grade, assignment.subject_id.id), assignment.teacher_id.id
            )
        half_from = data["company"].school_half_from_grade or 10
        weeks = {
            "quarter": self._demo_school_weeks(year, "quarter"),
            "half": self._demo_school_weeks(year, "half"),
        }
        vals_list = []
        for (grade, subject), line in hours.items():
            if (grade, subject.id) in existing_keys:
                continue
            topics = self._demo_plan_topics(data, data["codes"][subject.id], grade, line.hours_per_year)
            school_weeks = weeks["half" if grade >= half_from else "quarter"]
            done = 0.0
            for topic in topics:
                if school_weeks and line.hours_per_week:
                    topic["planned_date"] = school_weeks[
                        min(int(done / line.hours_per_week), len(school_weeks) - 1)
                    ]
                done += topic["hours"]
            vals_list.append(
                {
                    "year_id": year.id,
                    "subject_id": subject.id,
                    "grade": grade,
                    "teacher_id": authors.get((grade, subject.id), False),
                    "company_id": data["company"].id,
                    "state": "approved",
                    "topic_ids": [Command.create(topic) for topic in topics],
                }
            )
        return self.env["school.plan"].create(vals_list)

    # ------------------------------------------------------------------
    # Lessons: topics, work types, homework, substitutions (JOUR-1, JOUR-10, JOUR-11)
    # ------------------------------------------------------------------
    def _demo_homework(self, code, counter, rng):
        """A homework text like «§12, упр. 3-5»; ``counter`` holds the paragraph reached."""
        if rng.random() < 0.6:
            counter["p"] += 1
        p = counter["p"]
        e = 3 * p + rng.randint(0, 4)
        a = 4 + 3 * p + rng.randint(0, 2)
        pattern = rng.choice(HOMEWORK_PATTERNS.get(code, DEFAULT_HOMEWORK))
        return pattern.format(p=p, e=e, e2=e + rng.randint(1, 3), a=a, b=a + rng.randint(2, 5))

    def _demo_lesson_contents(self, data, lessons):
        """Work types of planned works, topics of lessons without a plan, homework; held.

        Homework and topics differ per lesson, so they are written with one UPDATE from
        arrays instead of thousands of ORM writes (tracking is off for demo data anyway).
        """
        rng = data["rng"]
        by_work_type = defaultdict(list)
        for lesson in lessons:
            if lesson.plan_topic_id.work_type_id:
                by_work_type[lesson.plan_topic_id.work_type_id.id].append(lesson.id)
        for work_type_id, ids in by_work_type.items():
            self.env["school.lesson"].browse(ids).write({"work_type_ids": [Command.link(work_type_id)]})

        topic_counter = defaultdict(int)
        homework_counter = defaultdict(lambda: {"p": rng.randint(1, 5)})
        ids, topics, homeworks = [], [], []
        for lesson in lessons:
            key = (lesson.class_id.id, lesson.subgroup_id.id, lesson.subject_id.id)
            code = data["codes"].get(lesson.subject_id.id)
            topic = lesson.topic
            if not topic and rng.random() > 0.005:
                names = LESSON_TOPICS.get(code)
                count = topic_counter[key]
                topic_counter[key] += 1
                topic = (
                    names[(count // 2) % len(names)]
                    if names
                    else f"{lesson.subject_id.name}: урок {count + 1}"
                )
            homework = None
            if lesson.grade >= 2 and rng.random() > 0.015:
                homework = self._demo_homework(code, homework_counter[key], rng)
            ids.append(lesson.id)
            topics.append(topic or None)
            homeworks.append(homework)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE school_lesson l
                   SET topic = COALESCE(l.topic, v.topic), homework = v.homework, state = 'done'
                  FROM unnest(%s::int[], %s::varchar[], %s::text[]) AS v(id, topic, homework)
                 WHERE l.id = v.id
                """,
                ids,
                topics,
                homeworks,
            )
        )
        self.env["school.lesson"].invalidate_model(["topic", "homework", "state"])

    def _demo_substitutions(self, data, lessons):
        """A few lessons given by another teacher of the subject who is free then (JOUR-10)."""
        rng = data["rng"]
        busy = data.get("busy_teacher", set())
        by_subject = defaultdict(set)
        for assignment in data["assignments"]:
            by_subject[assignment.subject_id.id].add(assignment.teacher_id.id)
        everyone = sorted({teacher for teachers in by_subject.values() for teacher in teachers})
        taken = set()
        groups = defaultdict(list)
        for lesson in lessons:
            if rng.random() >= 0.006:
                continue
            day, number = lesson.date.weekday(), lesson.lesson_number

            def free(teacher, lesson=lesson, day=day, number=number):
                return (
                    teacher != lesson.teacher_id.id
                    and (teacher, day, number) not in busy
                    and (teacher, lesson.date, number) not in taken
                )

            candidates = [t for t in sorted(by_subject[lesson.subject_id.id]) if free(t)]
            candidates = candidates or [t for t in everyone if free(t)]
            if not candidates:
                continue
            teacher = rng.choice(candidates)
            taken.add((teacher, lesson.date, number))
            groups[(teacher, rng.choice(SUBSTITUTION_REASONS))].append(lesson.id)
        for (teacher, reason), ids in groups.items():
            self.env["school.lesson"].browse(ids).write(
                {"teacher_id": teacher, "substitution_reason": reason}
            )
        return sum(len(ids) for ids in groups.values())

    # ------------------------------------------------------------------
    # Attendance (JOUR-2) and marks (JOUR-3)
    # ------------------------------------------------------------------
    def _demo_attendance(self, data, lessons):
        """Illness spells of a few days, single absences and lates (~5% of lesson places).

        Returns the (lesson id, student id) pairs of absent students and the entry count.
        """
        rng = data["rng"]
        days = defaultdict(set)
        first_number = {}
        for lesson in lessons:
            days[lesson.class_id.id].add(lesson.date)
            key = (lesson.class_id.id, lesson.date)
            first_number[key] = min(first_number.get(key, 99), lesson.lesson_number)
        ill = set()
        for class_id in sorted(days):
            for student, _start, _end in data["enrollments"].get(class_id, ()):
                frailty = rng.uniform(0.3, 1.8)
                left = 0
                for day in sorted(days[class_id]):
                    if not left and rng.random() < 0.008 * frailty:
                        left = rng.randint(2, 6)
                    if left:
                        ill.add((student, day))
                        left -= 1
        absent = set()
        vals_by_lesson = []
        for lesson in lessons:
            vals = []
            first = lesson.lesson_number == first_number[(lesson.class_id.id, lesson.date)]
            for student in self._demo_members(data, lesson):
                code = self._demo_attendance_code(rng, (student, lesson.date) in ill, first)
                if not code:
                    continue
                entry = {"lesson_id": lesson.id, "student_id": student, "code": code}
                if code == "late":
                    entry["late_minutes"] = rng.randint(3, 15)
                else:
                    absent.add((lesson.id, student))
                vals.append(entry)
            vals_by_lesson.append(vals)
        Attendance = self.env["school.attendance"]
        count = 0
        for start in range(0, len(vals_by_lesson), ATTENDANCE_BATCH_LESSONS):
            batch = [v for vals in vals_by_lesson[start : start + ATTENDANCE_BATCH_LESSONS] for v in vals]
            count += len(Attendance.create(batch))
        self.env.flush_all()
        return absent, count

    def _demo_marks(self, data, lessons, absent, progress):
        """Marks of grades 2-11: about 0.3-0.5 per student and lesson, mostly 4 and 5.

        Each student has a stable ability (and a small per-subject bias); control,
        laboratory and practical works of the plan mark the whole class, now and then a
        written work too, otherwise a few oral or class-work marks.
        """
        rng = data["rng"]
        ability, bias = {}, {}
        current = [(self._demo_work_type(data, code), weight) for code, weight in CURRENT_WORK_TYPES]
        current = [(wt, weight) for wt, weight in current if wt]
        graded = lessons.filtered(lambda lesson: lesson.grade >= 2 and lesson.subject_id.is_graded)
        Mark = self.env["school.mark"]
        count = 0
        for start in range(0, len(graded), MARK_BATCH_LESSONS):
            vals_list = []
            for lesson in graded[start : start + MARK_BATCH_LESSONS]:
                present = [s for s in self._demo_members(data, lesson) if (lesson.id, s) not in absent]
                if not present:
                    continue
                code = data["codes"].get(lesson.subject_id.id)
                planned = lesson.plan_topic_id.work_type_id
                shift = 0.0
                if planned and planned.category != "current":
                    chosen, work_types = present, [planned]
                    shift = -0.25 if planned.category == "control" else -0.1
                elif rng.random() < 0.12:
                    codes = WRITTEN_WORK_TYPES.get(code, DEFAULT_WRITTEN_WORK_TYPES)
                    work_type = self._demo_work_type(data, rng.choice(codes), "written")
                    chosen, work_types, shift = present, [work_type], -0.1
                else:
                    size = max(1, round(len(present) * rng.uniform(0.1, 0.25)))
                    chosen = rng.sample(present, min(size, len(present)))
                    work_types = rng.choices(
                        [wt for wt, _w in current], [w for _wt, w in current], k=len(chosen)
                    )
                if len(work_types) == 1:
                    work_types = work_types * len(chosen)
                for student, work_type in zip(chosen, work_types):
                    if student not in ability:
                        ability[student] = min(4.95, max(2.7, rng.gauss(4.2, 0.5)))
                    key = (student, lesson.subject_id.id)
                    if key not in bias:
                        bias[key] = rng.gauss(0, 0.25)
                    value = round(ability[student] + bias[key] + shift + rng.gauss(0, 0.6))
                    vals_list.append(
                        {
                            "lesson_id": lesson.id,
                            "student_id": student,
                            "value": min(5, max(2, value)),
                            "work_type_id": work_type.id,
                            "author_id": lesson.teacher_id.id,
                        }
                    )
            count += len(Mark.create(vals_list))
            self.env.flush_all()
            self.env.invalidate_all()
            progress(f"marks: {count}")
        return count

    # ------------------------------------------------------------------
    # When entries were made (JOUR-9)
    # ------------------------------------------------------------------
    def _demo_entry_times(self, data, lessons):
        """Date the entries as a teacher makes them: topic during the lesson, homework and
        attendance right after, marks within a day or so; a few late ones for the deadline
        report. Offsets are minutes from the end of the lesson (bell schedule, else 15:00)
        in the school's time zone, set with one UPDATE per table.
        """
        rng = data["rng"]
        ids, topic_off, homework_off, mark_off, attendance_off = [], [], [], [], []
        day = 24 * 60
        for lesson in lessons:
            control = lesson.plan_topic_id.work_type_id.category == "control"
            mark_days = (
                data["company"].school_primary_mark_days
                if lesson.grade <= 4
                else data["company"].school_basic_mark_days
            ) or 3
            ids.append(lesson.id)
            topic_off.append(rng.randint(-35, 0) + (day * rng.randint(1, 3) if rng.random() < 0.02 else 0))
            homework_off.append(
                rng.randint(-10, 60) + (day + rng.randint(0, 300) if rng.random() < 0.03 else 0)
            )
            if control:
                minutes = rng.randint(60, 20 * 60) + (2 * day if rng.random() < 0.06 else 0)
            else:
                minutes = rng.randint(0, 36 * 60) + ((mark_days + 1) * day if rng.random() < 0.025 else 0)
            mark_off.append(minutes)
            attendance_off.append(rng.randint(-40, -5) + (day if rng.random() < 0.01 else 0))
        self.env.flush_all()
        # fresh statistics: the tables were filled in this transaction, and without them the
        # planner joins thousands of lessons to the marks by sequential scans
        self.env.cr.execute("ANALYZE school_lesson, school_mark, school_attendance")
        ends = SQL(
            f"""
            SELECT l.id, v.topic_off, v.homework_off, v.mark_off, v.attendance_off, {TZ_SQL} AS tz,
                   l.date + make_interval(secs => COALESCE(b.time_end, 15.0) * 3600) AS local_end
              FROM unnest(%s::int[], %s::int[], %s::int[], %s::int[], %s::int[])
                   AS v(id, topic_off, homework_off, mark_off, attendance_off)
              JOIN school_lesson l ON l.id = v.id
              JOIN school_class c ON c.id = l.class_id
              JOIN res_company co ON co.id = l.company_id
              JOIN res_partner p ON p.id = co.partner_id
         LEFT JOIN school_bell b ON b.schedule_id = c.bell_schedule_id AND b.number = l.lesson_number
            """,
            ids,
            topic_off,
            homework_off,
            mark_off,
            attendance_off,
        )
        stamp = "((e.local_end + make_interval(mins => e.{offset})) AT TIME ZONE e.tz) AT TIME ZONE 'UTC'"
        self.env.cr.execute(
            SQL(
                f"""
                WITH e AS (%s)
                UPDATE school_lesson l
                   SET topic_entered_at = CASE WHEN l.topic IS NOT NULL
                                               THEN {stamp.format(offset="topic_off")} END,
                       homework_entered_at = CASE WHEN l.homework IS NOT NULL
                                                  THEN {stamp.format(offset="homework_off")} END
                  FROM e
                 WHERE l.id = e.id
                """,
                ends,
            )
        )
        self.env.cr.execute(
            SQL(
                f"""
                WITH e AS (%s)
                UPDATE school_mark m
                   SET create_date = {stamp.format(offset="mark_off")} + make_interval(secs => mod(m.id, 600))
                  FROM e
                 WHERE m.lesson_id = e.id
                """,
                ends,
            )
        )
        self.env.cr.execute(
            SQL(
                f"""
                WITH e AS (%s)
                UPDATE school_attendance a
                   SET create_date = {stamp.format(offset="attendance_off")}
                  FROM e
                 WHERE a.lesson_id = e.id
                """,
                ends,
            )
        )
        self.env.invalidate_all()
