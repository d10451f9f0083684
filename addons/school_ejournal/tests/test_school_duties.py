"""Inspections (P 7.3), the class teacher's duties (P 4.3, P 8.3, S class teacher 3-4) and
the school deadlines of the year (P 4.4, P 7.5, S admin 4, JOUR-9, P 3.15) — issue 14,
duties 6, 8, 9 — and their place in the teachers' daily digest."""

from datetime import date, datetime

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import freeze_time

from .common import TODAY, SchoolJournalCommon


class TestInspections(SchoolJournalCommon):
    def _inspect(self, user=None, **vals):
        return self._as(user or self.user_deputy, "school.inspection").create(
            dict(
                {
                    "class_id": self.class_5a.id,
                    "subject_id": self.subject_math.id,
                    "teacher_id": self.teacher_1.id,
                    "findings": "Темы уроков 10-12.11 не записаны",
                    "fix_deadline": date(2026, 11, 25),
                },
                **vals,
            )
        )

    def test_deputy_records_teacher_acknowledges(self):
        inspection = self._inspect()
        self.assertEqual((inspection.state, inspection.inspector_id), ("sent", self.user_deputy))
        activity = inspection.sudo().activity_ids
        self.assertEqual((activity.user_id, activity.date_deadline), (self.teacher_1, date(2026, 11, 25)))
        # the teacher reads it, the class teacher too; another teacher does not
        self.assertEqual(self._as(self.teacher_1, "school.inspection").search([]), inspection)
        self.assertEqual(self._as(self.class_teacher, "school.inspection").search([]), inspection)
        self.assertFalse(self._as(self.teacher_2, "school.inspection").search([]))
        with self.assertRaises(AccessError):
            inspection.with_user(self.class_teacher).action_acknowledge()
        with self.assertAccessRefused():
            inspection.with_user(self.teacher_1).write({"findings": "стёрто"})
        inspection.with_user(self.teacher_1).action_acknowledge()
        self.assertEqual(inspection.state, "acknowledged")
        with self.assertRaises(UserError):
            inspection.with_user(self.teacher_1).action_acknowledge()
        with self.assertAccessRefused():
            inspection.with_user(self.teacher_1).action_close()
        inspection.with_user(self.user_deputy).action_close()
        self.assertEqual(inspection.state, "closed")
        self.assertFalse(inspection.sudo().activity_ids)

    def test_rules_and_overdue(self):
        with self.assertRaises(ValidationError):
            self._inspect(fix_deadline=date(2026, 11, 1))
        with self.assertRaises(ValidationError):
            self._inspect(findings="  ")
        for user in (self.teacher_1, self.user_director, self.user_parent):
            with self.assertAccessRefused():
                self._inspect(user=user)
        with self.assertRaises(UserError):
            self._inspect().with_user(self.user_deputy).write({"state": "closed"})
        inspection = self._inspect()
        with freeze_time("2026-11-26 09:00:00"):
            found = self._as(self.user_director, "school.inspection").search([("is_overdue", "=", True)])
            self.assertIn(inspection, found)


class TestClassTeacherDuties(SchoolJournalCommon):
    def _record(self, kind, user=None, day=TODAY, school_class=None):
        return self._as(user or self.class_teacher, "school.class.teacher.duty").create(
            {"class_id": (school_class or self.class_5a).id, "kind": kind, "date": day}
        )

    def test_due_until_recorded(self):
        Duty = self.env["school.class.teacher.duty"]
        self.assertEqual(
            set(Duty._get_due(self.class_5a, TODAY)), {"data_check", "diary_info", "paper_digest"}
        )
        self._record("data_check", day=date(2026, 11, 2))
        self._record("diary_info", day=date(2026, 11, 6))
        digest = self._record("paper_digest", day=date(2026, 11, 16))
        self.assertEqual(digest.done_by_id, self.class_teacher)
        self.assertFalse(Duty._get_due(self.class_5a, TODAY))
        # next week a new digest is due (weekly by default), monthly when the school says so
        self.assertEqual(Duty._get_due(self.class_5a, date(2026, 11, 24)), ["paper_digest"])
        self.school.school_digest_frequency = "monthly"
        self.assertFalse(Duty._get_due(self.class_5a, date(2026, 11, 24)))
        # a new month needs a new data check
        self.assertIn("data_check", Duty._get_due(self.class_5a, date(2026, 12, 1)))

    def test_only_the_class_teacher_records(self):
        with self.assertRaises(AccessError):
            self._record("data_check", school_class=self.class_5b)
        for user in (self.teacher_1, self.user_deputy, self.user_parent):
            with self.assertAccessRefused():
                self._record("data_check", user=user)
        with self.assertRaises(ValidationError):
            self._record("data_check", day=date(2026, 11, 30))
        duty = self._record("data_check")
        with self.assertAccessRefused():
            duty.with_user(self.class_teacher).write({"note": "x"})
        self.assertEqual(self._as(self.user_deputy, "school.class.teacher.duty").search([]), duty)


class TestYearDeadlines(SchoolJournalCommon):
    def test_year_deadlines_generated(self):
        Deadline = self._as(self.user_deputy, "school.year.deadline")
        deadlines = Deadline.action_generate_year(self.year.id)
        by_kind = {d.kind: d.deadline for d in deadlines}
        self.assertEqual(by_kind["print_basic"], date(2027, 6, 25))
        self.assertEqual(by_kind["print_final"], date(2027, 6, 30))
        year_end = self.period_year.date_end
        self.assertEqual(by_kind["attestation"], year_end)
        self.assertEqual((by_kind["summary_sheet"] - year_end).days, 7)
        self.assertFalse(Deadline.action_generate_year(self.year.id), "generated once")
        with self.assertAccessRefused():
            self._as(self.teacher_1, "school.year.deadline").action_generate_year(self.year.id)

    def test_new_deadline_row(self):
        """A new deadline's row opens before its kind and dates are chosen (its state is
        computed without a deadline date; the browser walk of the deputy's screens found it)."""
        spec = {name: {} for name in ("year_id", "kind", "event_date", "deadline", "state", "is_overdue")}
        for user in (self.user_deputy, self.user_ej_admin):
            Deadline = self._as(user, "school.year.deadline")
            values = Deadline.onchange({}, [], spec)["value"]
            self.assertEqual(values["state"], "open")
            self.assertFalse(values["is_overdue"])
            values = Deadline.onchange({"year_id": self.year.id, "kind": "print_basic"}, ["kind"], spec)
            self.assertEqual(values["value"]["deadline"], date(2027, 6, 25))

    def test_event_deadlines(self):
        Deadline = self._as(self.user_ej_admin, "school.year.deadline")
        outage = Deadline.create({"year_id": self.year.id, "kind": "outage", "event_date": TODAY})
        self.assertEqual(outage.deadline, date(2026, 11, 19))
        diagnostics = Deadline.create({"year_id": self.year.id, "kind": "diagnostics", "event_date": TODAY})
        self.assertEqual(diagnostics.deadline, date(2026, 11, 23))
        # a notice of Friday is handled by Monday (one working day)
        notice = Deadline.create(
            {"year_id": self.year.id, "kind": "compromise", "event_date": date(2026, 11, 20)}
        )
        self.assertEqual(notice.deadline, date(2026, 11, 23))
        with self.assertRaises(ValidationError):
            Deadline.create({"year_id": self.year.id, "kind": "outage"})
        with freeze_time("2026-11-20 09:00:00"):
            self.assertIn(outage, Deadline.search([("is_overdue", "=", True)]))
        outage.action_done()
        self.assertEqual(outage.done_by_id, self.user_ej_admin)
        with self.assertRaises(UserError):
            outage.action_done()
        with self.assertAccessRefused():
            diagnostics.with_user(self.teacher_1).action_done()

    def test_compromise_notice_opens_a_deadline(self):
        """P 3.15: blocked within the hour, handled within one working day."""
        notice = (
            self.env["school.compromise.notice"]
            .with_user(self.user_ej_admin)
            .create(
                {
                    "user_id": self.teacher_2.id,
                    "reported_by": "Учитель Второй",
                    "discovered_at": datetime(2026, 11, 20, 8, 0),
                    "notice_at": datetime(2026, 11, 20, 8, 30),
                }
            )
        )
        self.assertEqual(notice.block_deadline, datetime(2026, 11, 20, 9, 30))
        deadline = notice.deadline_id
        self.assertEqual((deadline.kind, deadline.deadline), ("compromise", date(2026, 11, 23)))
        with freeze_time("2026-11-20 10:00:00"):
            notice.with_user(self.user_ej_admin).action_confirm()
        self.assertTrue(notice.blocked_late, "blocked later than one hour after the notice")
        self.assertTrue(deadline.done_at)
        self.assertEqual(deadline.done_by_id, self.user_ej_admin)

    def test_deadlines_duties_and_inspections_in_the_digest(self):
        self.env["school.year.deadline"].create(
            {"year_id": self.year.id, "kind": "attestation", "deadline": date(2026, 11, 20)}
        )
        self.env["school.inspection"].create(
            {
                "class_id": self.class_5b.id,
                "teacher_id": self.teacher_2.id,
                "findings": "Нет отметок",
                "fix_deadline": date(2026, 11, 25),
            }
        )
        Nudge = self.env["school.teacher.nudge"]
        teachers = self.teacher_1 | self.teacher_2 | self.class_teacher
        issues = Nudge._get_nudge_issues(teachers, TODAY)

        def duty_details(user):
            return " | ".join(v["details"] for v in issues.get(user.id, []) if v["category"] == "school_duty")

        self.assertIn("20.11.2026", duty_details(self.teacher_1))
        # the open inspection: class, date and the deadline for the fixes
        self.assertIn("5Б, 18.11.2026: 25.11.2026", duty_details(self.teacher_2))
        self.assertNotIn("5Б", duty_details(self.teacher_1))
        # the labels in the class teacher's language, as the digest writes them (issue 16)
        teacher_env = self.env(context=dict(self.env.context, lang=self.class_teacher.lang))
        labels = dict(
            self.env["school.class.teacher.duty"]._fields["kind"]._description_selection(teacher_env)
        )
        self.assertIn(labels["paper_digest"], duty_details(self.class_teacher))
        self.assertNotIn(labels["paper_digest"], duty_details(self.teacher_1))
