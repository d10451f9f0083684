"""The official forms as XLSX, read back and checked against the database (REP-1..10, REP-12).

Every form of the print wizard is exported for the hand-built class 5А of ``ReportsCommon``;
the figures of the sheets are compared with direct SQL on the journal tables or with values
computed by hand from the fixture.
"""

from datetime import date

from odoo.exceptions import AccessError, UserError
from odoo.tests import Form, freeze_time, tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, TODAY, ReportsCommon, form_report, xlsx_table

TITLES = {
    "marks_summary": "Summary sheet of marks",
    "attendance_summary": "Summary sheet of attendance",
    "attendance_by_period": "Class attendance by period",
    "class_teacher_report": "Class teacher's report",
    "class_results": "Results of the class for the period",
    "student_results": "Results of the student for the period",
    "movement": "Student movement and class sizes",
    "final_data": "Final data per student",
    "student_digest": "Student's digest",
    "mark_changes": "Mark change report",
    "journal_copy": "Class journal",
    "final_marks_journal": "Final marks journal",
}


@tagged("post_install", "-at_install")
class TestReportForms(ReportsCommon):
    """Wednesday 18.11.2026; the 1st quarter of 5А is over and its period marks are set."""

    def _form_values(self):
        """Wizard values of every form for class 5А (the 1st quarter, the week, the movement)."""
        cls_id, q1_id, ivanov_id = self.class_5a.id, self.quarter_1.id, self.student_ivanov.id
        return {
            "marks_summary": {"class_id": cls_id, "period_id": q1_id},
            "attendance_summary": {"class_id": cls_id, "period_id": q1_id},
            "attendance_by_period": {"class_id": cls_id},
            "class_teacher_report": {"class_id": cls_id, "period_id": q1_id},
            "class_results": {"class_id": cls_id, "period_id": q1_id},
            "student_results": {"class_id": cls_id, "student_id": ivanov_id, "period_id": q1_id},
            "movement": {"date_from": date(2026, 11, 1), "date_to": TODAY},
            "final_data": {"class_id": cls_id},
            "student_digest": {
                "class_id": cls_id,
                "student_id": ivanov_id,
                "date_from": self.week_start,
                "date_to": self.week_end,
            },
            "mark_changes": {"class_id": cls_id, "date_from": self.week_start, "date_to": TODAY},
            "journal_copy": {"class_id": cls_id, "period_id": q1_id},
            "final_marks_journal": {"class_id": cls_id},
        }

    def _export_form(self, code, user=None):
        return self._export(self._wizard(code, user, **self._form_values()[code]))

    def _student_row(self, body, student):
        rows = [row for row in body if row[1] == student.name]
        self.assertEqual(len(rows), 1, f"one row of {student.name}")
        return rows[0]

    # ------------------------------------------------------------------
    # every form (REP-12)
    # ------------------------------------------------------------------
    def test_every_form_builds_and_exports(self):
        codes = [code for code, _label in self.env["school.report.wizard"]._fields["report_code"].selection]
        self.assertEqual(set(codes), set(self._form_values()), "every form of the wizard is covered")
        self.assertEqual(set(codes), set(self.env["school.report.service"].FORMS))
        for code in codes:
            with self.subTest(form=code):
                rows = self._export_form(code)
                self.assertEqual(rows[0], [TITLES[code]])
                self.assertEqual(rows[1], [self.school.name])
                if code != "movement":
                    self.assertIn(["Class: 5А, academic year 2026/2027"], rows[:5])
                # at least one table with a header and a line
                self.assertGreater(len([r for r in rows if len(r) > 1]), 1)

    def test_layout_of_the_class_school(self):
        """The printed form carries the layout of the class's school, not of the user's current one."""
        self.env.user.company_ids |= self.school_2
        wizard = self._wizard("final_marks_journal", class_id=self.class_2_5a.id)
        html = (
            self.env["ir.actions.report"]
            ._render_qweb_html(form_report("final_marks_journal"), None, data=wizard._report_data())[0]
            .decode()
        )
        self.assertIn(self.school_2.name, html)
        self.assertNotIn(self.school.name, html)

    def test_form_fills_the_dates_of_the_period(self):
        """The print form as the web client drives it (``Form``): choosing a period fills in
        its dates, and the form prints the data it holds (issue 16 item 5)."""
        form = Form(self.env["school.report.wizard"].with_user(self.user_deputy))
        form.report_code = "attendance_summary"
        form.class_id = self.class_5a
        form.period_id = self.quarter_1
        self.assertEqual(form.date_from, self.quarter_1.date_start)
        self.assertEqual(form.date_to, self.quarter_1.date_end)
        wizard = form.save()
        self.assertEqual(wizard._report_data()["date_to"], str(self.quarter_1.date_end))

    def test_pdf_bound_to_the_data(self):
        """Issue 16 item 9: the printed form is built from the form's parameters, not from the
        transient wizard (gone by the time the PDF is fetched), and with the user's rights."""
        wizard = self._wizard("final_marks_journal", self.user_deputy, class_id=self.class_5a.id)
        data = wizard.action_print_pdf()["data"]
        wizard.unlink()
        Report = self.env["ir.actions.report"].with_user(self.user_deputy)
        report = form_report("final_marks_journal")
        html = Report._render_qweb_html(report, None, data=data)[0].decode()
        self.assertIn(self.school.name, html)
        self.assertIn("5А", html)
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            self.env["ir.actions.report"].with_user(self.class_teacher)._render_qweb_html(
                report, None, data=dict(data, class_id=self.class_5b.id)
            )
        # the report prints its own form, whatever code the data names
        html = Report._render_qweb_html(report, None, data=dict(data, report_code="no_such_form"))[0].decode()
        self.assertIn("Final marks journal", html)

    def test_wizard_checks_parameters(self):
        # the current period is pre-filled (issue 13): cleared, it is missing
        with self.assertRaises(UserError):
            self._wizard("marks_summary", class_id=self.class_5a.id, period_id=False)._get_documents()
        with self.assertRaises(UserError):
            self._wizard(
                "student_digest", class_id=self.class_5a.id, date_from=TODAY, date_to=TODAY
            )._get_documents()
        with self.assertRaises(UserError):
            self._wizard(
                "attendance_summary", class_id=self.class_5a.id, date_from=TODAY, date_to=date(2026, 11, 1)
            )._get_documents()
        # the period fills in the dates
        wizard = self._wizard(
            "attendance_summary", self.user_deputy, class_id=self.class_5a.id, period_id=self.quarter_1.id
        )
        wizard._onchange_period_id()
        self.assertEqual(
            (wizard.date_from, wizard.date_to), (self.quarter_1.date_start, self.quarter_1.date_end)
        )
        action = wizard.action_print_pdf()
        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "school_ejournal_reports.report_attendance_summary")
        self.assertEqual(action["data"]["report_code"], "attendance_summary")
        self.assertEqual(action["data"]["class_id"], self.class_5a.id)
        self.assertEqual(action["data"]["date_from"], str(self.quarter_1.date_start))
        with self.assertRaises(UserError):
            self._wizard(
                "journal_copy", self.user_deputy, class_id=self.class_5a.id, period_id=False
            ).action_print_pdf()

    # ------------------------------------------------------------------
    # REP-1 summary sheet of marks
    # ------------------------------------------------------------------
    def test_marks_summary(self):
        rows = self._export_form("marks_summary")
        q1 = self.quarter_1
        subjects = [self.subject_math, self.subject_english]
        columns, body, footer = xlsx_table(rows, title="Period marks")
        self.assertEqual(columns, ["No.", "Student", "Математика", "Английский язык"])
        self.assertEqual([row[1] for row in body], [s.name for s in self.students_5a.sorted("last_name")])
        period_marks = {
            (pm.student_id, pm.subject_id): pm.value
            for pm in self.env["school.period.mark"].search(
                [("class_id", "=", self.class_5a.id), ("period_id", "=", q1.id)]
            )
        }
        for row in body:
            student = self.students_5a.filtered(lambda s, name=row[1]: s.name == name)
            for col, subject in enumerate(subjects, 2):
                expected = period_marks.get((student, subject))
                self.assertEqual(
                    row[col] if col < len(row) else None, expected, f"{student.name}, {subject.name}"
                )
        self.assertEqual(self._student_row(body, self.student_ivanov)[2:], [5, 4])
        self.assertEqual(self._student_row(body, self.student_sidorov)[2:], [2])
        # marks counts, success and quality per subject (hand-computed from the period marks)
        by_label = {line[1]: line[2:] for line in footer}
        self.assertEqual(by_label['Marks "5"'], [1, 1])
        self.assertEqual(by_label['Marks "4"'], [0, 1])
        self.assertEqual(by_label['Marks "3"'], [1, 0])
        self.assertEqual(by_label['Marks "2"'], [1, 0])
        self.assertEqual(by_label["Success, %"], [66.7, 100])
        self.assertEqual(by_label["Quality, %"], [33.3, 100])

        # weighted averages equal the database's, the footer the number of marks
        columns, body, footer = xlsx_table(rows, title="Weighted averages of the current marks")
        for student in self.students_5a:
            row = self._student_row(body, student)
            for col, subject in enumerate(subjects, 2):
                expected = self._sql_one(
                    """SELECT SUM(value * weight) / SUM(weight) FROM school_mark
                        WHERE class_id = %s AND subject_id = %s AND student_id = %s
                          AND date BETWEEN %s AND %s""",
                    self.class_5a.id,
                    subject.id,
                    student.id,
                    q1.date_start,
                    q1.date_end,
                )
                value = row[col] if col < len(row) else None
                if expected is None:
                    self.assertIsNone(value)
                else:
                    self.assertAlmostEqual(value, round(float(expected), 2), places=6)
        self.assertEqual(self._student_row(body, self.student_ivanov)[2], 4.8)
        self.assertEqual(self._student_row(body, self.student_petrova)[2], 3.2)
        self.assertEqual(self._student_row(body, self.student_sidorov)[2], 2.8)
        self.assertEqual(footer[0][1], "Marks entered")
        for col, subject in enumerate(subjects, 2):
            count = self._sql_one(
                """SELECT COUNT(*) FROM school_mark
                    WHERE class_id = %s AND subject_id = %s AND date BETWEEN %s AND %s""",
                self.class_5a.id,
                subject.id,
                q1.date_start,
                q1.date_end,
            )
            self.assertEqual(footer[0][col], count)
        self.assertEqual(footer[0][2:], [9, 3])
        self.assertIn(["Class teacher", None, None, "____________________"], rows)

    # ------------------------------------------------------------------
    # REP-2 summary sheet of attendance, REP-3 by period
    # ------------------------------------------------------------------
    def test_attendance_summary(self):
        rows = self._export_form("attendance_summary")
        q1 = self.quarter_1
        columns, body, footer = xlsx_table(rows, title="Lessons missed")
        self.assertEqual(
            columns, ["No.", "Student", "Missed, total", "Ill", "Excused", "Without a valid reason", "Late"]
        )
        self.env.flush_all()
        totals = [0] * 5
        for student in self.students_5a:
            self.env.cr.execute(
                """SELECT code, COUNT(*) FROM school_attendance
                    WHERE class_id = %s AND student_id = %s AND date BETWEEN %s AND %s GROUP BY code""",
                [self.class_5a.id, student.id, q1.date_start, q1.date_end],
            )
            counts = dict(self.env.cr.fetchall())
            expected = [
                counts.get("absent", 0) + counts.get("ill", 0) + counts.get("excused", 0),
                counts.get("ill", 0),
                counts.get("excused", 0),
                counts.get("absent", 0),
                counts.get("late", 0),
            ]
            self.assertEqual(self._student_row(body, student)[2:], expected, student.name)
            totals = [a + b for a, b in zip(totals, expected, strict=True)]
        self.assertEqual(self._student_row(body, self.student_ivanov)[2:], [1, 0, 0, 1, 1])
        self.assertEqual(self._student_row(body, self.student_petrova)[2:], [3, 3, 0, 0, 0])
        self.assertEqual(self._student_row(body, self.student_sidorov)[2:], [2, 0, 1, 1, 0])
        self.assertEqual(footer, [[None, "Total", *totals]])

        columns, body, footer = xlsx_table(rows, title="Lessons missed by subject")
        self.assertEqual(columns, ["No.", "Student", "Математика", "Английский язык"])
        self.assertEqual(self._student_row(body, self.student_petrova)[2:], [2, 1])
        self.assertEqual(footer, [[None, "Total", 5, 1]])

    def test_attendance_by_period(self):
        rows = self._export_form("attendance_by_period")
        columns, body, footer = xlsx_table(rows, header_start=["No.", "Student", "1st quarter: missed"])
        self.assertEqual(len(columns), 2 + 4 * 3 + 2)
        # Сидоров: 2 missed in the 1st quarter, late once in the 2nd
        self.assertEqual(self._student_row(body, self.student_sidorov)[2:8], [2, 0, 0, 0, 0, 1])
        self.assertEqual(self._student_row(body, self.student_petrova)[2:5], [3, 3, 0])
        self.assertEqual(self._student_row(body, self.student_sidorov)[-2:], [2, 1])
        missed = self._sql_one(
            "SELECT COUNT(*) FROM school_attendance WHERE class_id = %s AND code != 'late'", self.class_5a.id
        )
        self.assertEqual(footer[0][-2], missed)

    # ------------------------------------------------------------------
    # REP-4, REP-5 results
    # ------------------------------------------------------------------
    def test_class_results(self):
        rows = self._export_form("class_results")
        columns, body, _footer = xlsx_table(rows, title="By subject")
        self.assertEqual(columns, ["Subject", "5", "4", "3", "2", "Average mark", "Success, %", "Quality, %"])
        math, english = body
        q1 = self.quarter_1
        class_average = self._sql_one(
            """SELECT SUM(value * weight) / SUM(weight) FROM school_mark
                WHERE class_id = %s AND subject_id = %s AND date BETWEEN %s AND %s""",
            self.class_5a.id,
            self.subject_math.id,
            q1.date_start,
            q1.date_end,
        )
        # Math: 5, 3, 2 -> success 2 of 3, quality 1 of 3; English: 4, 5 -> 100 and 100
        self.assertEqual(math[:5], ["Математика", 1, 0, 1, 1])
        self.assertAlmostEqual(math[5], round(float(class_average), 2))
        self.assertEqual(math[6:], [round(100 * 2 / 3, 1), round(100 / 3, 1)])
        self.assertEqual(english[:5], ["Английский язык", 1, 1, 0, 0])
        self.assertEqual(english[6:], [100, 100])
        _columns, groups, _footer = xlsx_table(rows, title="Students by results")
        groups = {group: (count, names) for group, count, names in groups}
        self.assertEqual(groups["Good (4 and 5)"], (1, self.student_ivanov.name))
        self.assertEqual(groups["With one 3"], (1, self.student_petrova.name))
        self.assertEqual(groups["Failing"], (1, self.student_sidorov.name))

    def test_class_teacher_report(self):
        rows = self._export_form("class_teacher_report")
        _columns, body, _footer = xlsx_table(rows, title="Class size and attendance")
        values = dict(body)
        self.assertEqual(values["Students at the start of the period"], 3)
        self.assertEqual(values["Students at the end of the period"], 3)
        self.assertEqual(values["Lessons missed"], 6)
        self.assertEqual(values["of them for illness"], 3)
        self.assertEqual(values["Lates"], 1)
        # the class results follow
        xlsx_table(rows, title="By subject")
        # in the 2nd quarter Новиков arrived from 5Б
        wizard = self._wizard("class_teacher_report", class_id=self.class_5a.id, period_id=self.quarter_2.id)
        values = dict(xlsx_table(self._export(wizard), title="Class size and attendance")[1])
        self.assertEqual(
            (
                values["Students at the start of the period"],
                values["Arrived"],
                values["Left"],
                values["Students at the end of the period"],
            ),
            (3, 1, 0, 4),
        )

    def test_student_results(self):
        rows = self._export_form("student_results")
        self.assertIn([f"Student: {self.student_ivanov.name}"], rows[:4])
        columns, body, _footer = xlsx_table(rows, header_start=["Subject", "Marks"])
        self.assertEqual(columns, ["Subject", "Marks", "Count", "Average", "Period mark"])
        self.assertEqual(body[0], ["Математика", "5 4 5", 3, 4.8, 5])
        self.assertEqual(body[1], ["Английский язык", "4 5", 2, 4.5, 4])

    def test_student_results_of_a_transferred_student(self):
        """The results of a past period are those of the class the student was in then."""
        lesson = self._journal_lesson(
            date(2026, 10, 1), 1, "Проценты", teacher=self.teacher, school_class=self.class_5b
        )
        self._marks(lesson, {self.student_novikov: 4})
        wizard = self._wizard(
            "student_results",
            self.user_deputy,
            student_id=self.student_novikov.id,
            period_id=self.quarter_1.id,
        )
        rows = self._export(wizard)
        self.assertIn(["Class: 5Б, academic year 2026/2027"], rows[:5])
        self.assertEqual(xlsx_table(rows, header_start=["Subject", "Marks"])[1], [["Математика", "4", 1, 4]])
        # in the 2nd quarter he is in 5А
        wizard = self._wizard(
            "student_results",
            self.user_deputy,
            student_id=self.student_novikov.id,
            period_id=self.quarter_2.id,
        )
        self.assertIn(["Class: 5А, academic year 2026/2027"], self._export(wizard)[:5])

    # ------------------------------------------------------------------
    # REP-6 movement and final data
    # ------------------------------------------------------------------
    def test_movement(self):
        rows = self._export_form("movement")
        self.assertIn(["From 01.11.2026 to 18.11.2026"], rows[:4])
        _columns, body, _footer = xlsx_table(rows, title="Movement")
        self.assertEqual(
            body,
            [
                [
                    "10.11.2026",
                    self.student_novikov.name,
                    "Transfer between classes",
                    "5Б",
                    "5А",
                    "№ 45",
                    "Заявление родителей",
                ]
            ],
        )
        columns, body, _footer = xlsx_table(rows, title="Class sizes")
        self.assertEqual(columns, ["Class", "At the start", "Arrived", "Left", "At the end"])
        self.assertEqual(
            body,
            [
                ["1А", 1, 0, 0, 1],
                ["5А", 3, 1, 0, 4],
                ["5Б", 3, 0, 1, 2],
                ["10А", 1, 0, 0, 1],
                ["School", 8, 1, 1, 8],
            ],
        )

    def test_final_data(self):
        rows = self._export_form("final_data")
        columns, body, _footer = xlsx_table(rows, header_start=["No.", "Student"])
        self.assertEqual(columns, ["No.", "Student", "Математика", "Английский язык", "Missed", "Status"])
        self.assertEqual(self._student_row(body, self.student_ivanov)[2:], [5, None, 1, "Studying"])
        self.assertEqual(self._student_row(body, self.student_petrova)[2:], [4, None, 3, "Studying"])

    # ------------------------------------------------------------------
    # REP-7 digest
    # ------------------------------------------------------------------
    def test_student_digest(self):
        rows = self._export_form("student_digest")
        self.assertIn([f"Student: {self.student_ivanov.name}"], rows[:4])
        columns, body, _footer = xlsx_table(rows, title="Lessons")
        self.assertEqual(columns, ["Date", "No.", "Subject", "Topic", "Homework", "Marks", "Attendance"])
        self.assertEqual(
            body,
            [
                ["16.11.2026", 1, "Математика", "Дроби", "№ 101, 102", "5 (Oral answer)"],
                ["17.11.2026", 2, "Математика", "Сравнение дробей", "§ 12", "4 (Oral answer)"],
                ["17.11.2026", 3, "Английский язык", "Мой дом", "Упр. 4", "5 (Oral answer)"],
            ],
        )
        _columns, body, _footer = xlsx_table(rows, title="Averages by subject")
        self.assertEqual(body, [["Математика", 2, 4.5], ["Английский язык", 1, 5]])
        _columns, body, _footer = xlsx_table(rows, title="Attendance")
        self.assertEqual(body, [[0, 0, 0]])
        self.assertIn(
            ["Acknowledged by the parent (legal representative), date", None, None, "____________________"],
            rows,
        )
        # Сидоров was late on 17.11 and is not in the English subgroup
        wizard = self._digest(self.student_sidorov)
        rows = self._export(wizard)
        _columns, body, _footer = xlsx_table(rows, title="Lessons")
        self.assertEqual([row[2] for row in body], ["Математика", "Математика"])
        self.assertEqual(body[1][-1], "ОП")
        self.assertEqual(xlsx_table(rows, title="Attendance")[1], [[0, 0, 1]])

    # ------------------------------------------------------------------
    # REP-8 mark changes
    # ------------------------------------------------------------------
    def test_mark_changes(self):
        rows = self._export_form("mark_changes")
        columns, body, _footer = xlsx_table(rows, header_start=["No.", "When", "Who"])
        self.assertEqual(
            columns,
            [
                "No.",
                "When",
                "Who",
                "Class",
                "Subject",
                "Lesson date",
                "Student",
                "Action",
                "Old value",
                "New value",
                "Reason",
                "Invalid",
            ],
        )
        changed = [row for row in body if row[7] == "Changed"]
        self.assertEqual(len(changed), 1)
        row = changed[0]
        self.assertEqual(
            row[2:7], [self.class_teacher.name, "5А", "Математика", "16.11.2026", self.student_petrova.name]
        )
        # the logged values as people read them, not the log's technical "value=3; ..."
        self.assertIn("Mark: 3", row[8])
        self.assertIn("Mark: 4", row[9])
        self.assertNotIn("value=", row[8] + row[9])
        log = self.env["school.journal.log"].search(
            [("model", "=", "school.mark"), ("res_id", "=", self.mark_changed.id), ("action", "=", "write")]
        )
        self.assertEqual(row[0], log.sequence)
        # every logged mark and period mark operation of the class in the range is listed (issue 12)
        count = self._sql_one(
            "SELECT COUNT(*) FROM school_journal_log "
            "WHERE model IN ('school.mark', 'school.period.mark') AND class_id = %s",
            self.class_5a.id,
        )
        self.assertTrue(
            self._sql_one(
                "SELECT COUNT(*) FROM school_journal_log"
                " WHERE model = 'school.period.mark' AND class_id = %s",
                self.class_5a.id,
            ),
            "the period marks of the fixture are logged",
        )
        self.assertEqual(len(body), count)
        # a range before the change lists nothing
        wizard = self._wizard(
            "mark_changes", class_id=self.class_5a.id, date_from=date(2026, 11, 1), date_to=date(2026, 11, 17)
        )
        self.assertEqual(xlsx_table(self._export(wizard), header_start=["No.", "When"])[1], [])

    def test_mark_changes_of_own_school_only(self):
        """The school-wide mark change report (no class) lists only the reader's schools:
        the administrator of school 2 does not see school 1's changes (SEC-3)."""
        own = self._wizard("mark_changes", self.user_deputy, date_from=date(2026, 11, 1), date_to=TODAY)
        self.assertTrue(xlsx_table(self._export(own), header_start=["No.", "When"])[1])
        other = self._wizard("mark_changes", self.user_ej_admin_2, date_from=date(2026, 11, 1), date_to=TODAY)
        self.assertEqual(xlsx_table(self._export(other), header_start=["No.", "When"])[1], [])

    def test_mark_changes_in_user_timezone(self):
        """Days of the report are the user's days, as its times are."""
        self.user_deputy.tz = "Europe/Moscow"
        mark = self.env["school.mark"].search(
            [("lesson_id", "=", self.math_6.id), ("student_id", "=", self.student_ivanov.id)]
        )
        # 22:30 UTC on 17.11 is 01:30 on 18.11 in Moscow
        with freeze_time("2026-11-17 22:30:00"):
            mark.with_user(self.class_teacher).write({"value": 4})

        def changes(day):
            wizard = self._wizard(
                "mark_changes", self.user_deputy, class_id=self.class_5a.id, date_from=day, date_to=day
            )
            body = xlsx_table(self._export(wizard), header_start=["No.", "When"])[1]
            return [row[1] for row in body if row[7] == "Changed" and row[6] == self.student_ivanov.name]

        self.assertEqual(changes(TODAY), ["18.11.2026 01:30"])
        self.assertEqual(changes(date(2026, 11, 17)), [])

    # ------------------------------------------------------------------
    # REP-9 journal copy, REP-10 final marks journal
    # ------------------------------------------------------------------
    def test_journal_copy(self):
        rows = self._export_form("journal_copy")
        _columns, body, _footer = xlsx_table(rows, title="Class list")
        self.assertEqual(
            body,
            [
                [1, self.student_ivanov.name, "ЛД-001"],
                [2, self.student_petrova.name, "ЛД-002"],
                [3, self.student_sidorov.name, "ЛД-003"],
            ],
        )
        columns, body, _footer = xlsx_table(rows, title="Математика: marks and attendance")
        self.assertEqual(
            columns, ["No.", "Student", "07.09", "14.09", "05.10", "12.10", "19.10", "Average", "Period mark"]
        )
        self.assertEqual(
            self._student_row(body, self.student_ivanov)[2:], ["5", "ОП 4", None, "5", "Н", 4.8, 5]
        )
        self.assertEqual(
            self._student_row(body, self.student_petrova)[2:], ["3", "Б", "Б", "3 4", None, 3.2, 3]
        )
        self.assertEqual(
            self._student_row(body, self.student_sidorov)[2:], ["2", "Н", "3", "3", "УП", 2.8, 2]
        )
        columns, body, _footer = xlsx_table(rows, title="Английский язык: marks and attendance")
        self.assertEqual(self._student_row(body, self.student_petrova)[2:], ["5", "Б", 5, 5])
        columns, body, _footer = xlsx_table(rows, title="Математика: topics and homework")
        self.assertEqual(columns, ["Date", "Lesson No.", "Topic", "Homework", "Teacher"])
        self.assertEqual(body[0], ["07.09.2026", 1, "Натуральные числа", "№ 1-5", self.class_teacher.name])
        self.assertEqual(
            [row[2] for row in body],
            [
                "Натуральные числа",
                "Сложение",
                "Умножение",
                "Контрольная работа № 1",
                "Деление",
            ],
        )
        # the certification block with signatures and the date
        labels = [row[0] for row in rows if row[-1:] == ["____________________"]]
        self.assertEqual(
            labels,
            [
                "The paper copy matches the electronic journal. Class teacher",
                "Checked: deputy director for academic work",
                "Director",
                "Date",
            ],
        )

    def test_journal_copy_in_russian(self):
        """Every label of the copy is translated, those of its table cells too."""
        substitution = self._journal_lesson(
            date(2026, 10, 20),
            1,
            "Деление с остатком",
            teacher=self.teacher,
            planned_teacher_id=self.class_teacher.id,
        )
        self.assertTrue(substitution.is_substitution)
        self.period_marks.filtered(lambda pm: pm.student_id == self.student_sidorov).write(
            {"value": 0, "is_attested": False}
        )
        document = (
            self.env["school.report.service"]
            .with_context(lang="ru_RU")
            ._build_journal_copy(self.class_5a, self.quarter_1)
        )
        self.assertEqual(document["title"], "Классный журнал")
        rows = [row for section in document["sections"] for row in section["rows"]]
        sidorov = next(row for row in rows if row[1:2] == [self.student_sidorov.name] and len(row) > 3)
        self.assertEqual(sidorov[-1], "н/а")
        self.assertIn(["20.10.2026", 1, "Деление с остатком", "", f"{self.teacher.name} (замена)"], rows)

    def test_final_marks_journal(self):
        rows = self._export_form("final_marks_journal")
        columns, body, _footer = xlsx_table(rows, title="Математика")
        self.assertEqual(
            columns, ["No.", "Student", "1st quarter", "2nd quarter", "3rd quarter", "4th quarter", "Year"]
        )
        self.assertEqual(self._student_row(body, self.student_ivanov)[2:], [5, None, None, None, 5])
        self.assertEqual(self._student_row(body, self.student_petrova)[2:], [3, None, None, None, 4])
        self.assertEqual(self._student_row(body, self.student_sidorov)[2:], [2])
        _columns, body, _footer = xlsx_table(rows, title="Английский язык")
        self.assertEqual(self._student_row(body, self.student_ivanov)[2:], [4])
