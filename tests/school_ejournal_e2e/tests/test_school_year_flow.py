"""End to end: one fortnight of a demo school, from the timetable to the printed forms.

Crosses both addons: the demo generator builds the school and its journal, a teacher types
marks in the grid, the subject teacher sets period marks, the guardian's diary shows them,
the summary sheet agrees with the database, and the archive of the period verifies
(JOUR-1..7, FINAL-1..3, PORT-1, REP-1, ARCH-1..2, SEC-3).
"""

import io
import shutil
import tempfile
from datetime import date

import openpyxl

from odoo.exceptions import AccessError, UserError
from odoo.tests import freeze_time, tagged
from odoo.tests.common import TransactionCase
from odoo.tools import mute_logger


@tagged("post_install", "-at_install")
@freeze_time("2026-11-18 10:00:00")
class TestSchoolYearFlow(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True, lang="en_US"))
        with freeze_time("2026-11-18 10:00:00"):
            cls.summary = (
                cls.env["school.demo.generator"]
                .with_context(
                    school_demo_journal_date_from=date(2026, 11, 9),
                    school_demo_journal_date_to=date(2026, 11, 17),
                )
                .generate(classes_per_parallel=1, students_per_class=6, seed=11)
            )
        logins = {row[1]: row[1] for row in cls.summary["logins"]}
        Users = cls.env["res.users"].with_context(active_test=False)
        cls.teacher = Users.search([("login", "=", logins["teacher"])])
        cls.parent = Users.search([("login", "=", logins["parent"])])
        cls.deputy = Users.search([("login", "=", logins["deputy"])])
        cls.class_5a = cls.env["school.class"].search(
            [("name", "=", "5А"), ("year_id.date_start", "=", date(2026, 9, 1))]
        )
        cls.quarter = cls.env["school.period"].search(
            [
                ("year_id", "=", cls.class_5a.year_id.id),
                ("period_type", "=", "quarter"),
                ("date_start", "<=", date(2026, 11, 18)),
                ("date_end", ">=", date(2026, 11, 18)),
            ]
        )
        cls.math_lessons = cls.env["school.lesson"].search(
            [
                ("class_id", "=", cls.class_5a.id),
                ("teacher_id", "=", cls.teacher.id),
                ("date", "<=", date(2026, 11, 17)),
            ],
            order="date desc, lesson_number desc",
        )

    def test_demo_school_has_a_journal(self):
        """The demo journal fills the fortnight: lessons with topics, marks only from grade 2."""
        self.assertTrue(self.teacher and self.parent and self.deputy)
        self.assertTrue(self.math_lessons, "the demo maths teacher gives lessons in 5А")
        lessons = self.env["school.lesson"].search([("year_id", "=", self.class_5a.year_id.id)])
        self.assertTrue(all(lessons.mapped("date")))
        self.assertFalse(
            self.env["school.mark"].search_count([("class_id.grade", "=", 1)]),
            "grade 1 gets no marks (JOUR-4)",
        )
        self.assertTrue(self.env["school.mark"].search_count([("class_id", "=", self.class_5a.id)]))
        self.assertFalse(self.env["school.journal.log"]._verify_chain(), "the change log chain verifies")
        # the whole verification of the school: chain, anchors, second medium, and the
        # journal's values reconciled with the log, without a false alarm (issue 12)
        second_dir = tempfile.mkdtemp(prefix="ejournal-e2e-verify-")
        self.addCleanup(shutil.rmtree, second_dir, ignore_errors=True)
        self.class_5a.company_id.school_archive_dir = second_dir
        self.env["school.chain.anchor"]._anchor(self.class_5a.company_id, "manual")
        run = self.env["school.chain.verification"]._run(self.class_5a.company_id, "manual")
        self.assertEqual(run.state, "ok", run.findings)
        self.assertGreater(run.log_count, 100)

    def test_fortnight_from_grid_to_diary_and_forms(self):
        lesson = self.math_lessons[0]
        subject = lesson.subject_id
        student = self.env["school.student"].search(
            [
                ("class_id", "=", self.class_5a.id),
                ("guardian_link_ids.guardian_id", "=", self.parent.partner_id.id),
            ]
        )
        self.assertEqual(len(student), 1, "the demo parent has one child in 5А")
        self.assertIn(student, lesson._get_students())
        Grid = self.env["school.journal.grid"].with_user(self.teacher)

        # the teacher types marks in the grid; the change log records them (JOUR-3, JOUR-7)
        result = Grid.save_cell(lesson.id, student.id, "5 4")
        self.assertEqual([m["value"] for m in result["cell"]["marks"]], [5, 4])
        log = self.env["school.journal.log"].search(
            [("lesson_id", "=", lesson.id), ("student_id", "=", student.id)]
        )
        self.assertTrue(
            log.filtered(lambda e: e.user_id == self.teacher and e.new_value.startswith("value=5"))
        )
        grid = Grid.get_grid(self.class_5a.id, subject.id, self.quarter.id, lesson.subgroup_id.id)
        self.assertIn(student.id, [s["id"] for s in grid["students"]])
        self.assertEqual([m["value"] for m in grid["cells"][f"{lesson.id}-{student.id}"]["marks"]], [5, 4])

        # the deputy reads but never writes the journal (ROLE-3)
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model"),
        ):
            self.env["school.journal.grid"].with_user(self.deputy).save_cell(lesson.id, student.id, "2")

        # the subject teacher sets the quarter marks from the proposals (FINAL-1, FINAL-2)
        PeriodMark = self.env["school.period.mark"].with_user(self.teacher)
        rows = PeriodMark.action_prepare(self.class_5a.id, subject.id, self.quarter.id)
        row = rows.filtered(lambda r: r.student_id == student)
        self.assertTrue(row.proposed_value)
        self.env.cr.execute(
            "SELECT SUM(value * weight) / SUM(weight) FROM school_mark "
            "WHERE student_id = %s AND subject_id = %s AND class_id = %s "
            "AND date BETWEEN %s AND %s AND weight > 0",
            [student.id, subject.id, self.class_5a.id, self.quarter.date_start, self.quarter.date_end],
        )
        direct_average = float(self.env.cr.fetchone()[0])
        self.assertAlmostEqual(row.average, round(direct_average, 2), places=2)
        row.with_user(self.teacher).value = row.proposed_value
        self.assertTrue(row.published_at, "visible to the family at once (FINAL-3)")

        # the period marks close the teacher's journal for the quarter (JOUR-8)
        with self.assertRaises(UserError):
            Grid.save_cell(lesson.id, student.id, "3")

        # the guardian's diary shows the mark and the published quarter mark (PORT-1)
        Diary = self.env["school.diary"].with_user(self.parent)
        days = Diary._get_lessons_data(student.with_user(self.parent), lesson.date, lesson.date)
        self.assertIn("'value': 5", str(days).replace('"', "'"))
        period_marks = Diary._get_period_marks_data(student.with_user(self.parent))
        self.assertIn(str(row.value), str(period_marks["rows"]))
        other = self.env["school.student"].search([("class_id", "!=", self.class_5a.id)], limit=1)
        with self.assertRaises(AccessError), mute_logger("odoo.addons.base.models.ir_rule"):
            other.with_user(self.parent).read(["name"])

        # the summary sheet of marks agrees with the database (REP-1, REP-12)
        wizard = (
            self.env["school.report.wizard"]
            .with_user(self.deputy)
            .create(
                {"report_code": "marks_summary", "class_id": self.class_5a.id, "period_id": self.quarter.id}
            )
        )
        action = wizard.action_export_xlsx()
        attachment = self.env["ir.attachment"].browse(
            int(action["url"].split("/web/content/")[1].split("?")[0])
        )
        sheet = openpyxl.load_workbook(io.BytesIO(attachment.raw)).active
        cells = [[c.value for c in r] for r in sheet.iter_rows()]
        student_rows = [r for r in cells if r and r[1] == student.name]
        self.assertIn(row.value, student_rows[0], "the period mark is printed")
        self.assertIn(round(direct_average, 2), student_rows[1], "the weighted average is printed")

        # the archive of the quarter verifies, and an altered copy is reported (ARCH-1..3)
        self.env.company.school_archive_dir = tempfile.mkdtemp(prefix="ejournal-e2e-")
        entries = self.env["school.archive.entry"]._archive_period(self.quarter, self.class_5a)
        self.assertEqual(len(entries), 1)
        self.assertFalse(self.env["school.archive.entry"]._verify(entries.company_id)[1])
        with open(entries.external_path, "ab") as handle:
            handle.write(b"tampered")
        problems = self.env["school.archive.entry"]._verify(entries.company_id)[1]
        self.assertEqual([number for number, _problem in problems], [entries.sequence])
