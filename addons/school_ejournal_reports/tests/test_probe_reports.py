"""Roles against the print wizard, its XLSX files and the archive register with other people's
ids (SEC-3, ROLE-1..9, REP-12, ARCH-1..3, P 3.6).

A print wizard and its exported file are its author's: another user, of the same school or of
another one, reads neither (the file is attached to the wizard, ids are sequential). The
administration of one school prints no form of another school's class or student; an
archived journal copy is downloaded by the administration of its own school only.
"""

import re
from datetime import date

from odoo.tests import tagged

from .common import TODAY, ReportsCommon

READERS = ("user_ej_admin", "user_director", "user_deputy", "user_inspector")


@tagged("post_install", "-at_install")
class TestProbeReports(ReportsCommon):
    def _attachment(self, action):
        return self.env["ir.attachment"].browse(int(re.search(r"/web/content/(\d+)", action["url"]).group(1)))

    def test_exported_file_is_its_authors_only(self):
        """ROLE-2 exports the marks of 5Б: the class teacher of 5А (ROLE-4), the inspector
        (ROLE-9) and the administrator of another school read neither the wizard nor the file."""
        wizard = self._wizard(
            "marks_summary", self.user_director, class_id=self.class_5b.id, period_id=self.quarter_1.id
        )
        attachment = self._attachment(wizard.action_export_xlsx())
        self.assertTrue(
            attachment.with_user(self.user_director).read(["datas"])[0]["datas"], "the author's file"
        )
        for user in (self.class_teacher, self.user_inspector, self.user_ej_admin_2):
            with self.subTest(user=user.login):
                with self.assertAccessRefused():
                    attachment.with_user(user).read(["name", "datas"])
                with self.assertAccessRefused():
                    wizard.with_user(user).read(["class_id", "report_code"])
                with self.assertAccessRefused():
                    wizard.with_user(user).action_export_xlsx()
                self.assertFalse(
                    self.env["school.report.wizard"].with_user(user).search([("id", "=", wizard.id)]),
                    "another user's wizard is not found",
                )

    def test_no_form_of_another_school(self):
        """ROLE-1, 2, 3, 9 of school 1 print no form of school 2's class or student, nor does
        school 2's administrator print one of school 1; the wizard refuses before any data."""
        for name in READERS:
            user = getattr(self, name)
            for code, vals in (
                ("marks_summary", {"class_id": self.class_2_5a.id, "period_id": self.quarter_1.id}),
                ("final_data", {"class_id": self.class_2_5a.id}),
                ("journal_copy", {"class_id": self.class_2_5a.id, "period_id": self.quarter_1.id}),
                (
                    "student_digest",
                    {"student_id": self.student_2.id, "date_from": self.week_start, "date_to": self.week_end},
                ),
                ("student_results", {"student_id": self.student_2.id, "period_id": self.quarter_1.id}),
            ):
                with self.subTest(user=user.login, form=code):
                    with self.assertAccessRefused():
                        self._wizard(code, user, **vals)._get_documents()
        admin_2 = self.user_ej_admin_2
        for code, vals in (
            ("marks_summary", {"class_id": self.class_5a.id, "period_id": self.quarter_1.id}),
            ("mark_changes", {"class_id": self.class_5a.id, "date_from": date(2026, 9, 1), "date_to": TODAY}),
            ("attendance_by_period", {"class_id": self.class_5a.id}),
            ("student_results", {"student_id": self.student_petrova.id, "period_id": self.quarter_1.id}),
        ):
            with self.subTest(user=admin_2.login, form=code):
                with self.assertAccessRefused():
                    self._wizard(code, admin_2, **vals).action_export_xlsx()
        with self.assertAccessRefused():
            self.env["report.school_ejournal_reports.report_marks_summary"].with_user(
                admin_2
            )._get_report_values(
                [],
                data={
                    "report_code": "marks_summary",
                    "class_id": self.class_5a.id,
                    "period_id": self.quarter_1.id,
                },
            )
        # the school-wide forms of school 2 list nothing of school 1
        for code in ("movement", "mark_changes"):
            with self.subTest(form=code):
                document = self._wizard(
                    code, admin_2, date_from=date(2026, 9, 1), date_to=TODAY, class_id=False
                )._get_documents()[0]
                text = repr(document["sections"])
                for name in ("Новиков", "Петрова", "Иванов", "5Б"):
                    self.assertNotIn(name, text)

    def test_archived_copy_for_own_administration_only(self):
        """ARCH-1: an archived journal copy (register entry and file) is read by the readers of
        its school; teachers (ROLE-4, 5), parents and students (ROLE-7, 8) and another
        school's administrator download nothing, archive nothing, verify nothing."""
        entries = self.env["school.archive.entry"]._archive_period(self.quarter_1)
        entry = entries.filtered(lambda e: e.class_id == self.class_5a)
        attachment = entry.attachment_id
        self.assertTrue(attachment)
        for name in READERS:
            user = getattr(self, name)
            with self.subTest(user=user.login):
                self.assertTrue(attachment.with_user(user).read(["datas"])[0]["datas"])
                self.assertEqual(entry.with_user(user).attachment_id, attachment)
        for user in (
            self.class_teacher,
            self.teacher,
            self.user_parent,
            self.user_student,
            self.user_internal,
            self.user_ej_admin_2,
        ):
            with self.subTest(user=user.login):
                with self.assertAccessRefused():
                    attachment.with_user(user).read(["name", "datas"])
                with self.assertAccessRefused():
                    entry.with_user(user).read(["name", "attachment_id"])
        # another school's administrator archives nothing of school 1, through either button
        before = self.env["school.archive.entry"].search_count([])
        with self.assertAccessRefused():
            self.quarter_2.with_user(self.user_ej_admin_2).action_archive_journals()
        with self.assertAccessRefused():
            self.env["school.archive.entry"].with_user(self.user_ej_admin_2).with_context(
                active_id=self.quarter_2.id
            ).action_archive_period_now()
        for user in (self.user_parent, self.user_student, self.user_internal):
            with self.subTest(user=user.login), self.assertAccessRefused():
                self.env["school.archive.entry"].with_user(user).action_verify()
        self.assertEqual(self.env["school.archive.entry"].search_count([]), before)

    def test_archived_copy_is_changed_by_nobody(self):
        """ARCH-1, ARCH-2, ROLE-1: the administrator archives the journals but changes no
        archived copy: he neither overwrites nor deletes the file of a register entry, nor
        attaches another file to the entry."""
        entry = (
            self.env["school.archive.entry"]
            ._archive_period(self.quarter_1)
            .filtered(lambda e: e.class_id == self.class_5a)
        )
        attachment = entry.attachment_id
        content = attachment.raw
        for user in (self.user_ej_admin, self.user_director):
            with self.subTest(user=user.login):
                with self.assertAccessRefused():
                    attachment.with_user(user).write({"raw": b"forged"})
                with self.assertAccessRefused():
                    attachment.with_user(user).unlink()
                with self.assertAccessRefused():
                    self.env["ir.attachment"].with_user(user).create(
                        {
                            "name": "forged.xlsx",
                            "raw": b"forged",
                            "res_model": entry._name,
                            "res_id": entry.id,
                        }
                    )
        self.assertEqual(entry.attachment_id.raw, content)
        self.assertEqual(
            self.env["ir.attachment"].search([("res_model", "=", entry._name), ("res_id", "=", entry.id)]),
            attachment,
        )

    def test_digest_of_a_class_not_taught(self):
        """ROLE-5, ROLE-6: a teacher prints no digest of a student of a class not taught (no
        print wizard at all, nor the PDF's data, nor the builder); the teacher of 5Б builds
        that of a student of 5Б."""
        vals = {"date_from": self.week_start, "date_to": self.week_end}
        for user in (self.teacher, self.psychologist):
            with self.subTest(user=user.login), self.assertAccessRefused():
                self._wizard(
                    "student_digest", user, student_id=self.student_ivanov.id, **vals
                ).action_export_xlsx()
        data = {
            "report_code": "student_digest",
            "student_id": self.student_ivanov.id,
            "date_from": "2026-11-16",
            "date_to": "2026-11-20",
        }
        with self.assertAccessRefused():
            self.env["report.school_ejournal_reports.report_student_digest"].with_user(
                self.teacher
            )._get_report_values([], data=data)
        Service = self.env["school.report.service"].with_user(self.teacher)
        with self.assertAccessRefused():
            Service._build_student_digest(self.student_ivanov, self.week_start, self.week_end)
        document = Service._build_student_digest(self.student_petrov, self.week_start, self.week_end)
        self.assertIn("Student: Петров Алексей Сергеевич", document["subtitle"])

    def test_print_wizard_names_no_student_not_read(self):
        """SEC-3, SEC-5: the print wizard is read back by its author, who would read the name
        of any student put in it: the class teacher of 5А puts in no student of 5Б nor of
        school 2, the director none of school 2, by creating, changing or opening the wizard
        with the student as its default."""
        spec = {"student_id": {"fields": {"display_name": {}}}}
        for user, student in (
            (self.class_teacher, self.student_petrov),
            (self.class_teacher, self.student_2),
            (self.user_director, self.student_2),
        ):
            with self.subTest(user=user.login, student=student.id):
                with self.assertAccessRefused():
                    self._digest(student, user)
                with self.assertAccessRefused():
                    self.env["school.report.wizard"].with_user(user).with_context(
                        default_student_id=student.id
                    ).onchange({}, [], spec)
        wizard = self._digest(self.student_ivanov, self.class_teacher)
        with self.assertAccessRefused():
            wizard.write({"student_id": self.student_2.id})
        self.assertEqual(
            wizard.read(["student_id"])[0]["student_id"], (self.student_ivanov.id, "Иванов Иван Иванович")
        )
        self.assertEqual(
            self._digest(self.student_2, self.user_ej_admin_2).read(["student_id"])[0]["student_id"][0],
            self.student_2.id,
        )

    def test_subject_teacher_digest_holds_own_subjects(self):
        """ROLE-5, SEC-3: the English teacher of 5А's subgroup prints the week's digest of
        Иванов with the English mark only and of Сидоров with no mark nor late: the Math marks
        and the late of the class teacher's lessons, which the journal does not show him, are
        not in it (nor in the averages); the class teacher's digest holds them all."""
        Service = self.env["school.report.service"]
        week = (self.week_start, self.week_end)
        lessons = [
            ["16.11.2026", 1, "Математика", "Дроби", "№ 101, 102"],
            ["17.11.2026", 2, "Математика", "Сравнение дробей", "§ 12"],
            ["17.11.2026", 3, "Английский язык", "Мой дом", "Упр. 4"],
        ]

        def sections(user, student):
            document = Service.with_user(user)._build_student_digest(student, *week)
            return [section["rows"] for section in document["sections"]]

        self.assertEqual(
            sections(self.teacher_english, self.student_ivanov),
            [
                [lessons[0] + ["", ""], lessons[1] + ["", ""], lessons[2] + ["5 (Oral answer)", ""]],
                [["Английский язык", 1, 5.0]],
                [[0, 0, 0]],
            ],
        )
        self.assertEqual(
            sections(self.teacher_english, self.student_sidorov),
            [[lessons[0] + ["", ""], lessons[1] + ["", ""]], [], [[0, 0, 0]]],
        )
        self.assertEqual(
            sections(self.class_teacher, self.student_ivanov),
            [
                [
                    lessons[0] + ["5 (Oral answer)", ""],
                    lessons[1] + ["4 (Oral answer)", ""],
                    lessons[2] + ["5 (Oral answer)", ""],
                ],
                [["Математика", 2, 4.5], ["Английский язык", 1, 5.0]],
                [[0, 0, 0]],
            ],
        )
        self.assertEqual(sections(self.class_teacher, self.student_sidorov)[2], [[0, 0, 1]])
