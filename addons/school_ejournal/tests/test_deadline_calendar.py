"""Issue 14, duties 6 and 7: the school's dated deadlines in the entry-deadline report and the
digest, marks refused after the period's intermediate attestation (P 4.4), and the school
calendar in periods, plans and the year rollover."""

import io
from datetime import date, datetime, timedelta

import openpyxl

from odoo.exceptions import UserError, ValidationError
from odoo.tests import freeze_time

from .journal_common import TODAY, SchoolJournalCommon


class TestAttestationDate(SchoolJournalCommon):
    """P 4.4: marks no later than the intermediate attestation date of their period."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # the 2nd quarter (05.11-28.12.2026) is attested on Friday 20.11.2026
        cls.quarter_2.attestation_date = date(2026, 11, 20)

    def _save_cell(self, user, text):
        return (
            self.env["school.journal.grid"]
            .with_user(user)
            .save_cell(self.lesson_5a.id, self.student_vera.id, text)
        )

    def test_marks_until_the_attestation_day(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        with freeze_time("2026-11-20 15:00:00"):
            # on the attestation day itself the teacher still enters and changes marks
            self._as(self.teacher_1, "school.mark").browse(mark.id).write({"value": 5})
            self._save_cell(self.teacher_1, "4")
        self.assertEqual(mark.value, 5)

    def test_marks_refused_after_the_attestation(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        with freeze_time("2026-11-21 10:00:00"):
            Mark = self._as(self.teacher_1, "school.mark").with_context(lang="ru_RU")
            with self.assertRaises(UserError) as catcher:
                Mark.create(
                    {
                        "lesson_id": self.lesson_5a.id,
                        "student_id": self.student_boris.id,
                        "value": 3,
                        "work_type_id": self.work_type_answer.id,
                    }
                )
            self.assertRegex(str(catcher.exception), "аттестац")
            with self.assertRaises(UserError) as catcher:
                Mark.with_context(lang="en_US").browse(mark.id).write({"value": 2})
            self.assertRegex(str(catcher.exception), "correction request|заявку на исправление")
            with self.assertRaises(UserError):
                Mark.browse(mark.id).unlink()
            # the journal grid's cell goes through the same rule
            with self.assertRaises(UserError) as catcher:
                self._save_cell(self.teacher_1, "5")
            self.assertRegex(str(catcher.exception), "intermediate attestation|аттестаци")
            # the deputy director is refused too: the correction request is the way
            with self.assertRaises(UserError):
                self._as(self.user_deputy, "school.mark").browse(mark.id).write({"value": 2})
        self.assertEqual(mark.value, 4)
        self.assertFalse(
            self.env["school.mark"].search(
                [("lesson_id", "=", self.lesson_5a.id), ("student_id", "=", self.student_vera.id)]
            )
        )
        # the rule is the period's date: without one, the marks are open again
        self.quarter_2.attestation_date = False
        with freeze_time("2026-11-21 10:00:00"):
            self._mark(self.lesson_5b, self.student_dina, 5)

    def test_correction_request_changes_marks_after_the_attestation(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        with freeze_time("2026-11-23 10:00:00"):
            request = self._as(self.teacher_1, "school.correction.request").create(
                {
                    "lesson_id": self.lesson_5a.id,
                    "student_id": self.student_anna.id,
                    "mark_id": mark.id,
                    "new_value": 5,
                    "reason": "Ошибка при выставлении",
                }
            )
            self._as(self.user_deputy, "school.correction.request").browse(request.id).action_approve()
        self.assertEqual(mark.value, 5)

    def test_attestation_date_checked(self):
        with self.assertRaises(ValidationError):
            self.quarter_2.attestation_date = date(2026, 11, 1)  # before the quarter starts
        with self.assertRaises(ValidationError):
            self.quarter_2.attestation_date = date(2027, 9, 1)  # after the year ends


class TestDeadlinesInReport(SchoolJournalCommon):
    """Duty 6: every deadline of the year is a row of the entry-deadline report with its
    state, and reaches the digest."""

    def _deadline(self, **vals):
        return self.env["school.year.deadline"].create(dict({"year_id": self.year.id}, **vals))

    def test_attestation_deadline_per_period(self):
        self.quarter_2.attestation_date = date(2026, 12, 25)
        deadlines = (
            self.env["school.year.deadline"].with_user(self.user_deputy).action_generate_year(self.year.id)
        )
        attestations = deadlines.filtered(lambda d: d.kind == "attestation")
        periods = self.year.period_ids.filtered(lambda p: p.period_type in ("quarter", "half", "year"))
        self.assertEqual(attestations.period_id, periods)
        by_period = {d.period_id: d.deadline for d in attestations}
        self.assertEqual(by_period[self.quarter_2], date(2026, 12, 25))
        self.assertEqual(by_period[self.quarter_1], self.quarter_1.date_end)
        # the deadline follows the period's attestation date
        self.quarter_1.attestation_date = date(2026, 10, 23)
        self.assertEqual(
            attestations.filtered(lambda d: d.period_id == self.quarter_1).deadline, date(2026, 10, 23)
        )
        with self.assertRaises(ValidationError):
            self._deadline(kind="print_basic", period_id=self.quarter_1.id)

    def test_states_in_the_report(self):
        # dates far from today: the report's states are computed by the database's clock
        met = self._deadline(kind="diagnostics", event_date=date(2026, 9, 10))
        late = self._deadline(kind="outage", event_date=date(2026, 9, 10), responsible_id=self.teacher_1.id)
        overdue = self._deadline(kind="summary_sheet", deadline=date(2026, 9, 20))
        future = self._deadline(kind="print_final", deadline=date(2099, 6, 30))
        met.write({"done_at": datetime(2026, 9, 14, 9, 0), "done_by_id": self.user_deputy.id})
        late.write({"done_at": datetime(2026, 9, 14, 9, 0)})
        self.env.flush_all()
        Report = self.env["school.entry.deadline"].with_user(self.user_deputy)
        rows = Report.search([("lesson_id", "=", False), ("year_id", "=", self.year.id)])
        by_kind = {row.kind: row for row in rows}
        self.assertEqual(
            {kind: row.status for kind, row in by_kind.items()},
            {"diagnostics": "met", "outage": "late", "summary_sheet": "overdue", "print_final": "open"},
        )
        self.assertEqual(by_kind["diagnostics"].date, date(2026, 9, 15))
        self.assertEqual(by_kind["outage"].teacher_id, self.teacher_1)
        self.assertGreater(by_kind["outage"].delay_hours, 0)
        self.assertFalse(by_kind["print_final"].delay_hours)
        # the states of the deadlines themselves agree
        with freeze_time("2026-11-18 10:00:00"):
            self.assertEqual(
                [met.state, late.state, overdue.state, future.state], ["met", "late", "overdue", "open"]
            )
        # a teacher sees the deadlines he is responsible for, not the others
        teacher_rows = (
            self.env["school.entry.deadline"].with_user(self.teacher_1).search([("lesson_id", "=", False)])
        )
        self.assertEqual(teacher_rows.mapped("kind"), ["outage"])
        self.assertFalse(
            self.env["school.entry.deadline"].with_user(self.teacher_2).search([("lesson_id", "=", False)])
        )
        # the lesson rows are not changed by the deadlines' rows: the control report counts them
        self.assertFalse(Report.search([("lesson_id", "=", False), ("status", "in", ("missing",))]))

    def test_digest_lists_open_and_overdue_deadlines(self):
        overdue = self._deadline(
            kind="outage", event_date=date(2026, 11, 10), responsible_id=self.teacher_1.id
        )
        self.quarter_2.attestation_date = date(2026, 11, 20)
        self.quarter_1.attestation_date = date(2026, 10, 26)
        self.env["school.year.deadline"].action_generate_year(self.year.id)
        issues = self.env["school.teacher.nudge"]._get_nudge_issues(self.teacher_1 | self.teacher_2, TODAY)

        def duty_details(user):
            return [v["details"] for v in issues.get(user.id, []) if v["category"] == "school_duty"]

        details = duty_details(self.teacher_1)
        # written in the teacher's language, not in the cron's (issue 16)
        in_teacher_lang = overdue.with_context(lang=self.teacher_1.lang)
        states = dict(overdue._fields["state"]._description_selection(in_teacher_lang.env))
        self.assertIn(in_teacher_lang._describe(TODAY), details)
        self.assertTrue(any("11.11.2026" in d and states["overdue"].lower() in d for d in details), details)
        # the coming attestation of the 2nd quarter, open; not the past one of the 1st
        q2, q1 = self.quarter_2.name, self.quarter_1.name
        self.assertTrue(
            any(q2 in d and "20.11.2026" in d and states["open"].lower() in d for d in details), details
        )
        self.assertFalse(any(q1 in d for d in details), details)
        self.assertFalse(any("11.11.2026" in d for d in duty_details(self.teacher_2)))


class TestCalendarInPeriodsAndPlans(SchoolJournalCommon):
    """Duty 7: periods and plans follow the school calendar."""

    def _calendar_day(self, name, date_from, date_to=None, kind="vacation", year=None, **vals):
        return self.env["school.calendar.day"].create(
            dict(
                {
                    "name": name,
                    "year_id": (year or self.year).id,
                    "kind": kind,
                    "date_from": date_from,
                    "date_to": date_to or date_from,
                },
                **vals,
            )
        )

    def _working_saturday(self, day):
        """A Saturday transferred to a working day, with the timetable of a Monday."""
        return self._calendar_day("Рабочая суббота", day, kind="working", weekday_as="0")

    def test_period_never_begins_or_ends_on_a_day_off(self):
        self._calendar_day("Осенние каникулы", date(2026, 10, 27), date(2026, 11, 4))
        with self.assertRaises(ValidationError) as catcher:
            self.quarter_1.date_end = date(2026, 10, 28)
        self.assertRegex(str(catcher.exception), "Осенние каникулы")
        with self.assertRaises(ValidationError):
            self.quarter_2.date_start = date(2026, 11, 3)
        with self.assertRaises(ValidationError):
            self.quarter_1.attestation_date = date(2026, 10, 30)
        # a day off may not be put on a period's bounds either
        with self.assertRaises(ValidationError) as catcher:
            self._calendar_day("Праздник", date(2026, 10, 26), kind="holiday")
        self.assertIn(self.quarter_1.name, str(catcher.exception))
        with self.assertRaises(ValidationError):
            self._calendar_day("Каникулы", date(2026, 12, 28), date(2027, 1, 8))
        # the year period spans the vacations and is not checked
        self._calendar_day("Летние каникулы", date(2027, 6, 1), date(2027, 8, 31))
        self.assertEqual(self.period_year.date_end, date(2027, 8, 31))
        # a transferred working day is a school day
        self._working_saturday(date(2026, 11, 7))
        self.quarter_2.date_start = date(2026, 11, 5)

    def _slot(self, weekday, number=3, school_class=None, teacher=None):
        return self.env["school.timetable.slot"].create(
            {
                "class_id": (school_class or self.class_5a).id,
                "subject_id": self.subject_math.id,
                "teacher_id": (teacher or self.teacher_1).id,
                "weekday": weekday,
                "lesson_number": number,
                "date_from": date(2026, 11, 9),
                "date_to": date(2026, 11, 29),
            }
        )

    def test_plan_counts_school_days_only(self):
        plan = self.env["school.plan"].create(
            {
                "year_id": self.year.id,
                "subject_id": self.subject_math.id,
                "class_id": self.class_5a.id,
                "grade": 5,
            }
        )
        self._slot("0")
        self._slot("2")
        # three weeks, Monday and Wednesday: 6 lessons
        self.assertEqual(plan.school_hours, 6)
        plan.invalidate_recordset(["school_hours"])
        self._calendar_day("Праздник", date(2026, 11, 18), kind="holiday")
        self._calendar_day("Карантин", date(2026, 11, 23), date(2026, 11, 25))
        # Wednesday 18.11 and Monday 23.11, Wednesday 25.11 are days off
        self.assertEqual(plan.school_hours, 3)
        # a transferred working day (Saturday 28.11 as a Monday) gives its lesson
        self._working_saturday(date(2026, 11, 28))
        plan.invalidate_recordset(["school_hours"])
        self.assertEqual(plan.school_hours, 4)
        # a parallel's plan: the class with the fewest lessons (5Б has none)
        parallel = self.env["school.plan"].create(
            {"year_id": self.year.id, "subject_id": self.subject_math.id, "grade": 5}
        )
        self.assertEqual(parallel.school_hours, 0)
        self._slot("4", school_class=self.class_5b, teacher=self.teacher_2)
        parallel.invalidate_recordset(["school_hours"])
        self.assertEqual(parallel.school_hours, 3)

    def test_plan_topics_on_school_days(self):
        self._calendar_day("Праздник", date(2026, 11, 4), kind="holiday")
        plan = self.env["school.plan"].create(
            {
                "year_id": self.year.id,
                "subject_id": self.subject_math.id,
                "class_id": self.class_5a.id,
                "grade": 5,
                "topic_ids": [
                    (0, 0, {"name": "Дроби", "hours": 1, "planned_date": date(2026, 11, 4)}),
                    (0, 0, {"name": "Проценты", "hours": 1, "planned_date": date(2026, 11, 5)}),
                ],
            }
        )
        with self.assertRaises(ValidationError) as catcher:
            plan.with_user(self.user_deputy).action_approve()
        self.assertRegex(str(catcher.exception), "04.11.2026")
        self.assertEqual(plan.state, "draft")
        plan.topic_ids[0].planned_date = date(2026, 11, 6)
        plan.with_user(self.user_deputy).action_approve()
        self.assertEqual(plan.state, "approved")

        # the import refuses the day off and a Sunday, row by row, and saves nothing
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(["№", "Раздел", "Тема", "Часы", "Вид работы", "Дата"])
        sheet.append([1, "Дроби", "Сложение", 1, None, "04.11.2026"])
        sheet.append([2, "Дроби", "Вычитание", 1, None, "06.11.2026"])
        sheet.append([3, "Дроби", "Умножение", 1, None, "08.11.2026"])
        stream = io.BytesIO()
        workbook.save(stream)
        draft = self.env["school.plan"].create(
            {"year_id": self.year.id, "subject_id": self.subject_math.id, "grade": 5}
        )
        with self.assertRaises(UserError) as catcher:
            draft._import_xlsx(stream.getvalue())
        message = str(catcher.exception)
        self.assertRegex(message, r"2: [^\n]*04\.11\.2026[^\n]*Праздник")
        self.assertRegex(message, r"4: [^\n]*08\.11\.2026")
        self.assertNotIn("06.11.2026", message)
        self.assertFalse(draft.topic_ids)

    def test_rollover_copies_holidays_and_vacations(self):
        self._calendar_day("Осенние каникулы", date(2026, 10, 27), date(2026, 11, 4))
        # the 1st quarter of this year ends earlier: its holiday on 26.10 would fall on the
        # last day of the new year's 1st quarter (26.10.2027) and is left out
        self.quarter_1.date_end = date(2026, 10, 23)
        self._calendar_day("Праздник", date(2026, 10, 26), kind="holiday")
        self._calendar_day("Новогодние каникулы", date(2026, 12, 29), date(2027, 1, 8))
        self._calendar_day("День защитника Отечества", date(2027, 2, 23), kind="holiday")
        self._working_saturday(date(2026, 11, 7))
        wizard = (
            self.env["school.year.rollover.wizard"]
            .with_user(self.user_ej_admin)
            .create({"year_id": self.year.id, "order_number": "Приказ № 1"})
        )
        self.assertTrue(wizard.carry_calendar)
        wizard.action_rollover()
        new_year = self.env["school.academic.year"].search(
            [("name", "=", "2027/2028"), ("company_id", "=", self.school.id)]
        )
        days = self.env["school.calendar.day"].search([("year_id", "=", new_year.id)])
        self.assertEqual(
            sorted((d.name, d.kind, d.date_from, d.date_to) for d in days),
            [
                ("День защитника Отечества", "holiday", date(2028, 2, 23), date(2028, 2, 23)),
                ("Новогодние каникулы", "vacation", date(2027, 12, 29), date(2028, 1, 8)),
                ("Осенние каникулы", "vacation", date(2027, 10, 27), date(2027, 11, 4)),
            ],
        )
        self.assertEqual(new_year.date_start - self.year.date_start, timedelta(days=365))
