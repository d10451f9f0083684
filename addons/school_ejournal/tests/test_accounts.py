"""Accounts, credentials and personal data (SEC-1, SEC-2, SEC-5, SETUP-5, SETUP-8, ROLE-1,
ROLE-4, ROLE-9, REP-11).

Credentials are issued with temporary passwords that are never stored in clear and must be
changed at first login; a compromise notice blocks the account and flags its later journal
operations; staff reading personal data is logged; the contingent is imported all or
nothing; students move between classes and roll over into the next year; the inspector
reads everything and writes nothing.
"""

import base64
import io
import json
import re
from datetime import date, datetime, timedelta
from urllib.parse import urlsplit

import openpyxl

from odoo import Command, fields, http
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, freeze_time, tagged
from odoo.tests.common import HOST, JsonRpcException
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, TODAY, SchoolCommon

CREDENTIALS_REPORT = "school_ejournal.action_report_credentials_notice"
COMPROMISE_REPORT = "school_ejournal.action_report_compromise_act"
IMPORT_HEADER = [
    "Фамилия",
    "Имя",
    "Отчество",
    "Дата рождения",
    "Пол",
    "Класс",
    "Дата согласия",
    "Представитель",
    "Родство",
    "Телефон представителя",
]


class AccountsCommon(SchoolCommon):
    """Helpers shared by the transactional and the HTTP tests of the accounts."""

    def _issue(self, user, **vals):
        """Run the credentials wizard as ``user``; return the report action."""
        # re-issuing existing accounts is off by default (issue 13): these tests ask for it
        vals.setdefault("reissue", True)
        wizard = self.env["school.credential.wizard"].with_user(user).create(vals)
        return wizard.action_issue()

    def _stored_password(self, user):
        self.env.flush_all()
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]

    def _html(self, report_ref, res_ids=None, data=None):
        return self.env["ir.actions.report"]._render_qweb_html(report_ref, res_ids, data=data)[0].decode()

    def _pdf(self, report_ref, res_ids=None, data=None):
        """The PDF of wkhtmltopdf (rendered with the clock running: see TestAccountsHttp)."""
        Report = self.env["ir.actions.report"].with_context(force_report_rendering=True)
        content, report_type = Report._render_qweb_pdf(report_ref, res_ids, data=data)
        self.assertEqual(report_type, "pdf")
        return content

    def _compromise_notice(self, discovered_at, notice_at, **vals):
        """The administrator records that ``teacher``'s password was compromised (SEC-2)."""
        Notice = self.env["school.compromise.notice"].with_user(self.user_ej_admin)
        return Notice.create(
            dict(
                {
                    "user_id": self.teacher.id,
                    "reported_by": "Предметников П.",
                    "discovered_at": discovered_at,
                    "notice_at": notice_at,
                },
                **vals,
            )
        )


@tagged("post_install", "-at_install")
@freeze_time("2026-11-18 10:00:00")
class TestAccounts(AccountsCommon):
    """Wednesday 18.11.2026, a school day of the 2nd quarter of the year 2026/2027."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Log = cls.env["school.journal.log"]
        cls.lesson_5a = cls._lesson(cls.class_5a, cls.subject_math, cls.class_teacher, TODAY)
        cls.lesson_5b = cls._lesson(cls.class_5b, cls.subject_math, cls.teacher, TODAY)

    def _entries(self, user):
        return self.Log.search([("user_id", "=", user.id)], order="sequence")

    # ------------------------------------------------------------------
    # SEC-1, REP-11: credentials, temporary passwords, password policy
    # ------------------------------------------------------------------
    def test_issue_credentials_for_class(self):
        """SEC-1: accounts of a class and its guardians, temporary passwords, no clear text."""
        self.link_petrova_father.electronic_access_refused = True
        Users = self.env["res.users"].with_context(active_test=False)
        users_before = Users.search([])

        action = self._issue(self.user_ej_admin, class_ids=[Command.set(self.class_5a.ids)], target="both")

        self.assertEqual(action["type"], "ir.actions.report")
        self.assertEqual(action["report_name"], "school_ejournal.report_credentials_notice")
        notices = action["data"]["notices"]
        new_users = Users.search([]) - users_before
        # two students without an account and one guardian get a new account ...
        self.assertEqual(
            set(new_users.partner_id.ids),
            {
                self.student_petrova.partner_id.id,
                self.student_sidorov.partner_id.id,
                self.guardian_sidorova.id,
            },
        )
        # ... the father who refused electronic access gets none (PORT-4)
        self.assertFalse(Users.search([("partner_id", "=", self.guardian_father.id)]))
        self.assertNotIn(self.guardian_father.name, [n["name"] for n in notices])
        # the existing accounts are re-issued, not duplicated
        self.assertEqual(self.student_ivanov.user_id, self.user_student)
        self.assertEqual(self.student_petrova.user_id.partner_id, self.student_petrova.partner_id)
        student_group = self.env.ref("school_ejournal.group_school_student")
        parent_group = self.env.ref("school_ejournal.group_school_parent")
        students_users = (self.student_petrova | self.student_sidorov).user_id
        guardian_user = new_users.filtered(lambda u: u.partner_id == self.guardian_sidorova)
        for user in students_users:
            self.assertIn(student_group, user.groups_id)
        self.assertIn(parent_group, guardian_user.groups_id)
        self.assertTrue(all(new_users.mapped("share")), "students and parents get portal accounts")

        # one notice per person, each with its password
        issued = students_users | guardian_user | self.user_student | self.user_parent
        self.assertCountEqual([n["login"] for n in notices], issued.mapped("login"))
        self.assertTrue(all(issued.mapped("school_temp_password")))
        by_login = {n["login"]: n for n in notices}
        self.assertEqual(by_login[guardian_user.login]["role"], "Parent (legal representative)")
        self.assertEqual(by_login[self.user_student.login]["class_name"], "5А")

        # the passwords are stored hashed only, and the wizard has no field to keep them
        for user in issued:
            password = by_login[user.login]["password"]
            self.assertGreaterEqual(len(password), 8)
            stored = self._stored_password(user)
            self.assertTrue(stored.startswith("$pbkdf2"), stored)
            self.assertNotIn(password, stored)
        self.assertFalse(
            [name for name in self.env["school.credential.wizard"]._fields if "password" in name]
        )

        # the printable notice (REP-11, Appendix 2)
        html = self._html(CREDENTIALS_REPORT, data=action["data"])
        self.assertEqual(html.count('class="page"'), len(issued))
        for notice in notices:
            self.assertIn(notice["password"], html)

    def test_password_policy_and_change(self):
        """SEC-1: 8 characters at least (auth_password_policy); changing clears the flag."""
        self.assertEqual(
            self.env["ir.config_parameter"].sudo().get_param("auth_password_policy.minlength"), "8"
        )
        self._issue(self.user_ej_admin, target="users", user_ids=[Command.set(self.teacher.ids)])
        self.assertTrue(self.teacher.school_temp_password)
        with self.assertRaises(UserError):
            self.teacher._change_password("short12")
        self.assertTrue(self.teacher.school_temp_password)
        self.teacher._change_password("Long-enough-1")
        self.assertFalse(self.teacher.school_temp_password)

    @mute_logger(*MUTE_ACCESS)
    def test_credentials_class_teacher_own_class_only(self):
        """ROLE-4: a class teacher re-issues credentials of the own class only."""
        action = self._issue(
            self.class_teacher, class_ids=[Command.set(self.class_5a.ids)], target="students"
        )
        self.assertEqual(len(action["data"]["notices"]), 3)
        refused = [
            (self.class_teacher, {"class_ids": [Command.set(self.class_5b.ids)], "target": "both"}),
            (self.class_teacher, {"class_ids": [Command.set((self.class_5a | self.class_5b).ids)]}),
            (self.class_teacher, {"target": "both"}),
            (self.class_teacher, {"target": "users", "user_ids": [Command.set(self.teacher.ids)]}),
            (self.teacher, {"class_ids": [Command.set(self.class_5b.ids)], "target": "both"}),
            (self.user_parent, {"class_ids": [Command.set(self.class_5a.ids)], "target": "both"}),
        ]
        for user, vals in refused:
            with self.subTest(user=user.login, vals=vals), self.assertRaises(AccessError):
                self._issue(user, **vals)

    def test_credentials_existing_accounts(self):
        """SEC-1, ROLE-4: a guardian record pointing to a staff member does not give away the
        staff password (only the administrator re-issues staff accounts); an existing portal
        account of a guardian is re-issued and given the parent's role."""
        self.env["school.guardian.link"].with_user(self.class_teacher).create(
            [
                {
                    "student_id": self.student_sidorov.id,
                    "guardian_id": partner.id,
                    "relation": "other",
                }
                for partner in (self.user_ej_admin.partner_id, self.user_portal.partner_id)
            ]
        )
        stored = self._stored_password(self.user_ej_admin)
        action = self._issue(
            self.class_teacher, class_ids=[Command.set(self.class_5a.ids)], target="guardians"
        )
        self.assertNotIn(self.user_ej_admin.login, [n["login"] for n in action["data"]["notices"]])
        self.assertEqual(self._stored_password(self.user_ej_admin), stored)
        self.assertFalse(self.user_ej_admin.school_temp_password)
        self.assertIn(self.user_portal.login, [n["login"] for n in action["data"]["notices"]])
        self.assertTrue(self.user_portal.school_temp_password)
        self.assertIn(self.env.ref("school_ejournal.group_school_parent"), self.user_portal.groups_id)

    def test_class_teacher_cannot_reissue_other_families_accounts(self):
        """ROLE-4, SEC-1: a parent whose other child is in another class keeps the password when
        the class teacher of 5А re-issues the guardians' credentials; the administrator may."""
        self.assertTrue(self.user_parent.active)
        stored = self._stored_password(self.user_parent)
        action = self._issue(
            self.class_teacher, class_ids=[Command.set(self.class_5a.ids)], target="guardians"
        )
        self.assertNotIn(self.user_parent.login, [n["login"] for n in action["data"]["notices"]])
        self.assertEqual(self._stored_password(self.user_parent), stored)
        action = self._issue(
            self.user_ej_admin, class_ids=[Command.set(self.class_5a.ids)], target="guardians"
        )
        self.assertIn(self.user_parent.login, [n["login"] for n in action["data"]["notices"]])
        self.assertNotEqual(self._stored_password(self.user_parent), stored)

    # ------------------------------------------------------------------
    # SEC-2, REP-11: compromised credentials
    # ------------------------------------------------------------------
    def test_compromise_notice(self):
        """SEC-2: block, reset, flag the operations after the notice time; the chain holds."""
        with freeze_time("2026-11-18 08:00:00"):
            before = self._mark(self.lesson_5b, self.student_petrov, 4)
        with freeze_time("2026-11-18 09:30:00"):
            # a comment holding ";": the log keeps it in its JSON form
            self._mark(self.lesson_5b, self.student_kuznetsova, 5, comment="Устно; у доски")
            self.env.invalidate_all()
            before.with_user(self.teacher).write({"value": 3})
        entries = self._entries(self.teacher)
        self.assertEqual(len(entries), 3)
        entry_before, entries_after = entries[0], entries[1:]

        notice = self._compromise_notice(
            datetime(2026, 11, 18, 8, 30),
            datetime(2026, 11, 18, 9, 0),
            description="Пароль записан на доске в кабинете",
        )
        for user in (self.user_director, self.class_teacher, self.teacher):
            with self.subTest(user=user.login), self.assertRaises(UserError):
                notice.with_user(user).action_confirm()
        self.assertTrue(self.teacher.active)

        stored = self._stored_password(self.teacher)
        notice.with_user(self.user_ej_admin).action_confirm()

        self.assertEqual(notice.state, "confirmed")
        self.assertFalse(self.teacher.active, "the account is blocked")
        self.assertTrue(self.teacher.school_temp_password)
        self.assertNotEqual(self._stored_password(self.teacher), stored, "the password is reset")
        self.assertEqual(self.teacher.school_compromised_since, datetime(2026, 11, 18, 9, 0))
        self.assertFalse(entry_before.is_invalid)
        self.assertTrue(all(entries_after.mapped("is_invalid")))
        self.assertEqual(notice.invalid_log_ids, entries_after)
        self.assertEqual(notice.invalid_count, 2)
        self.assertFalse(self.Log._verify_chain(), "the flag is not hashed: the chain holds")
        with self.assertRaises(UserError):
            notice.with_user(self.user_ej_admin).action_confirm()
        # the notice and act (REP-11, Appendix 1)
        html = self._html(COMPROMISE_REPORT, notice.ids)
        self.assertIn(notice.name, html)
        self.assertIn(self.student_kuznetsova.name, html, "the act lists the invalid operations")
        self.assertNotIn("No operations after the notice time", html)
        # each change as the log's "Change" column reads it, not the stored texts
        self.assertIn("Устно; у доски", html)
        self.assertNotIn("json:", html)
        self.assertNotIn("value=", html)

        # new credentials end the compromise: the account works again, new entries are valid
        with freeze_time("2026-11-18 11:00:00"):
            action = self._issue(self.user_ej_admin, target="users", user_ids=[Command.set(self.teacher.ids)])
            self.assertEqual([n["login"] for n in action["data"]["notices"]], [self.teacher.login])
            self.assertTrue(self.teacher.active)
            self.assertFalse(self.teacher.school_compromised_since)
            self.env.invalidate_all()
            after_reissue = self._mark(self.lesson_5b, self.student_kuznetsova, 4)
        entry = self.Log.search([("res_id", "=", after_reissue.id), ("model", "=", "school.mark")])
        self.assertTrue(entry)
        self.assertFalse(entry.is_invalid)
        self.assertTrue(all(entries_after.mapped("is_invalid")), "the compromised period stays flagged")

    def test_compromised_account_flagged_at_creation(self):
        """SEC-2: an operation of the account after its notice time is invalid from the start."""
        with freeze_time("2026-11-18 08:00:00"):
            legit = self._mark(self.lesson_5a, self.student_ivanov, 4)
        self.class_teacher.school_compromised_since = datetime(2026, 11, 18, 9, 0)
        with freeze_time("2026-11-18 09:30:00"):
            self._mark(self.lesson_5a, self.student_petrova, 5)
            self._mark(self.lesson_5b, self.student_petrov, 4)
        entries = self._entries(self.class_teacher)
        self.assertEqual(entries.mapped("is_invalid"), [False, True])
        self.assertEqual(entries[0].res_id, legit.id)
        self.assertFalse(self._entries(self.teacher).is_invalid, "other accounts are not flagged")
        self.assertFalse(self.Log._verify_chain())

    # ------------------------------------------------------------------
    # SEC-5: personal data
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_personal_data(self):
        """SEC-5: consent first; staff opening a card with personal data is logged; a subject
        teacher does not read it."""
        with self.assertRaises(ValidationError):
            self.env["school.student"].create(
                {"last_name": "Новикова", "first_name": "Вера", "birthdate": date(2015, 3, 1)}
            )
        self.student_petrova.write({"consent_date": date(2026, 9, 1), "birthdate": date(2015, 4, 1)})
        self.student_petrov.write({"consent_date": date(2026, 9, 1), "birthdate": date(2015, 6, 1)})
        PersonalLog = self.env["school.personal.data.log"]

        self.student_petrova.with_user(self.class_teacher).web_read({"name": {}})
        self.assertFalse(PersonalLog.search([("student_id", "=", self.student_petrova.id)]))
        result = self.student_petrova.with_user(self.class_teacher).web_read({"birthdate": {}, "name": {}})
        self.assertEqual(str(result[0]["birthdate"]), "2015-04-01")
        row = PersonalLog.search([("student_id", "=", self.student_petrova.id)])
        self.assertEqual(len(row), 1)
        self.assertEqual(row.user_id, self.class_teacher)
        self.assertEqual(row.fields_read, "birthdate")
        self.assertEqual(row.company_id, self.school)

        student = self.student_petrov.with_user(self.teacher)
        self.assertEqual(student.read(["name"])[0]["name"], "Петров Алексей Сергеевич")
        with self.assertRaises(AccessError):
            student.read(["birthdate"])
        with self.assertRaises(AccessError):
            student.web_read({"birthdate": {}, "name": {}})
        self.assertFalse(PersonalLog.search([("student_id", "=", self.student_petrov.id)]))

    # ------------------------------------------------------------------
    # SETUP-5: contingent import
    # ------------------------------------------------------------------
    def _xlsx(self, rows):
        workbook = openpyxl.Workbook()
        sheet = workbook.active
        sheet.append(IMPORT_HEADER)
        for row in rows:
            sheet.append(row)
        stream = io.BytesIO()
        workbook.save(stream)
        return stream.getvalue()

    def _import(self, content, filename="contingent.xlsx", user=None):
        return self._contingent_wizard(content, filename, user).action_import()

    def _counts(self):
        return self._record_counts(
            "school.student", "res.partner", "school.enrollment", "school.guardian.link"
        )

    def _good_rows(self):
        """Three valid rows of the contingent (IMPORT_HEADER): two with a guardian, one without."""
        novikov = ["Новиков", "Андрей", "Петрович", datetime(2015, 3, 1), "М", "5А", datetime(2026, 9, 1)]
        orlova = ["Орлова", "Дарья", "Игоревна", datetime(2015, 5, 2), "Ж", "5Б", datetime(2026, 9, 1)]
        return [
            novikov + ["Новикова Мария Ивановна", "мать", "+7 900 111-11-11"],
            orlova + ["Орлов Игорь Петрович", "Отец", "+7 900 222-22-22"],
            ["Белов", "Семён", None, None, "м", "1 А", None, None, None, None],
        ]

    def test_import_rejects_whole_file(self):
        """SETUP-5: one bad row rejects the file with its number and reason; nothing saved."""
        good = self._good_rows()
        bad = [
            "Зайцев",
            "Илья",
            "Олегович",
            datetime(2015, 1, 9),
            "М",
            "7В",
            datetime(2026, 9, 1),
            None,
            None,
            None,
        ]
        counts = self._counts()
        with self.assertRaises(UserError) as catcher:
            self._import(self._xlsx([good[0], good[1], bad, good[2]]))
        message = str(catcher.exception)
        self.assertIn("Row 4", message)
        self.assertIn("7В", message)
        self.assertNotIn("Row 2", message)
        self.assertNotIn("Row 5", message)
        self.assertEqual(self._counts(), counts, "all or nothing")

        # personal data without consent is an error of the row too (P 1.11)
        no_consent = ["Зайцев", "Илья", "Олегович", datetime(2015, 1, 9), "М", "5А", None, None, None, None]
        with self.assertRaisesRegex(UserError, r"Row 2: .*consent"):
            self._import(self._xlsx([no_consent]))
        self.assertEqual(self._counts(), counts)

    def test_import_duplicates(self):
        """SETUP-5: a student already in the school, or twice in the file, is an error."""
        counts = self._counts()
        existing = ["Петрова", "Мария", "Сергеевна", None, "Ж", "5А", None, None, None, None]
        with self.assertRaisesRegex(UserError, r"Row 3: Петрова Мария Сергеевна is already a student"):
            self._import(self._xlsx([self._good_rows()[0], existing]))
        twice = self._good_rows()[1]
        with self.assertRaisesRegex(UserError, r"Row 3: duplicate of row 2"):
            self._import(self._xlsx([twice, twice]))
        self.assertEqual(self._counts(), counts)

    def test_import_good_file(self):
        """SETUP-5: students enrolled in their class, guardians linked; XLSX and CSV (';')."""
        counts = self._counts()
        action = self._import(self._xlsx(self._good_rows()))
        students = self.env["school.student"].search(action["domain"])
        self.assertEqual(len(students), 3)
        novikov = students.filtered(lambda s: s.last_name == "Новиков")
        self.assertEqual(novikov.name, "Новиков Андрей Петрович")
        self.assertEqual(novikov.class_id, self.class_5a)
        self.assertEqual(novikov.birthdate, date(2015, 3, 1))
        self.assertEqual(novikov.consent_date, date(2026, 9, 1))
        self.assertEqual(novikov.gender, "male")
        self.assertEqual(novikov.enrollment_ids.date_start, TODAY)
        self.assertRecordValues(
            novikov.guardian_link_ids,
            [{"relation": "mother", "guardian_phone": "+7 900 111-11-11", "consent_date": date(2026, 9, 1)}],
        )
        self.assertEqual(novikov.guardian_link_ids.guardian_id.name, "Новикова Мария Ивановна")
        orlova = students.filtered(lambda s: s.last_name == "Орлова")
        self.assertEqual((orlova.class_id, orlova.gender), (self.class_5b, "female"))
        self.assertEqual(orlova.guardian_link_ids.relation, "father")
        belov = students.filtered(lambda s: s.last_name == "Белов")
        self.assertEqual(belov.class_id, self.class_1a)
        self.assertFalse(belov.guardian_link_ids)
        after = self._counts()
        self.assertEqual(after["school.student"], counts["school.student"] + 3)
        self.assertEqual(after["school.enrollment"], counts["school.enrollment"] + 3)
        self.assertEqual(after["school.guardian.link"], counts["school.guardian.link"] + 2)

        csv_text = (
            ";".join(IMPORT_HEADER) + "\n"
            "Ершова;Ева;Максимовна;12.02.2015;Ж;5Б;01.09.2026;Ершов Максим Ильич;отец;+7 900 333-33-33\n"
        )
        action = self._import(csv_text.encode("utf-8-sig"), filename="contingent.csv")
        ershova = self.env["school.student"].search(action["domain"])
        self.assertRecordValues(
            ershova,
            [{"name": "Ершова Ева Максимовна", "class_id": self.class_5b.id, "birthdate": date(2015, 2, 12)}],
        )
        self.assertEqual(ershova.guardian_link_ids.guardian_id.phone, "+7 900 333-33-33")

    def test_import_admin_only(self):
        """ROLE-1: only the e-journal administrator imports the contingent."""
        wizard = self._contingent_wizard(self._xlsx(self._good_rows()), "contingent.xlsx")
        with self.assertRaises(UserError):
            wizard.with_user(self.class_teacher).action_import()
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self.env["school.contingent.import.wizard"].with_user(self.class_teacher).create(
                {"file": base64.b64encode(b"x"), "filename": "contingent.csv"}
            )

    # ------------------------------------------------------------------
    # SETUP-8: movement and year rollover
    # ------------------------------------------------------------------
    def test_transfer_between_classes(self):
        """SETUP-8: the order closes the old membership, opens the new one; marks stay put."""
        lesson = self._lesson(self.class_5a, self.subject_math, self.class_teacher, TODAY - timedelta(days=1))
        mark = self._mark(lesson, self.student_ivanov, 5)
        wizard = (
            self.env["school.movement.wizard"]
            .with_user(self.user_ej_admin)
            .create(
                {
                    "movement_type": "transfer",
                    "student_ids": [Command.set(self.student_ivanov.ids)],
                    "to_class_id": self.class_5b.id,
                    "date": TODAY,
                    "order_number": "45-у",
                    "order_date": TODAY,
                    "reason": "Заявление родителей",
                }
            )
        )
        with self.assertRaises(UserError):
            wizard.with_user(self.class_teacher).action_apply()
        wizard.action_apply()

        self.env.invalidate_all()
        self.assertRecordValues(
            self.student_ivanov.enrollment_ids.sorted("date_start"),
            [
                {
                    "class_id": self.class_5a.id,
                    "date_start": self.year_start,
                    "date_end": TODAY - timedelta(days=1),
                },
                {"class_id": self.class_5b.id, "date_start": TODAY, "date_end": False},
            ],
        )
        self.assertEqual(self.student_ivanov.class_id, self.class_5b)
        self.assertRecordValues(
            self.student_ivanov.movement_ids,
            [
                {
                    "movement_type": "transfer",
                    "date": TODAY,
                    "from_class_id": self.class_5a.id,
                    "to_class_id": self.class_5b.id,
                    "order_number": "45-у",
                }
            ],
        )
        self.assertNotIn(self.student_ivanov, self.subgroup_5a_english.student_ids)
        self.assertEqual(mark.class_id, self.class_5a, "the mark stays with the class it was made in")
        self.assertIn(mark, self.env["school.mark"].search([("class_id", "=", self.class_5a.id)]))
        self.assertTrue(self.student_ivanov._in_class_on(self.class_5a, lesson.date))

    def _small_school_for_rollover(self):
        """Add grades 9 and 11 to the school's 1А, 5А, 5Б and 10А."""
        class_9a, class_11a = self.env["school.class"].create(
            [
                {"grade": 9, "letter": "А", "year_id": self.year.id, "class_teacher_id": self.teacher.id},
                {"grade": 11, "letter": "А", "year_id": self.year.id},
            ]
        )
        stays = self._create_student("Девятов", "Денис", "Денисович", class_9a)
        leaves = self._create_student("Уходов", "Ушан", "Ушанович", class_9a)
        graduate = self._create_student("Выпускникова", "Вера", "Витальевна", class_11a)
        return class_9a, class_11a, stays, leaves, graduate

    def _rollover(self, **vals):
        wizard = (
            self.env["school.year.rollover.wizard"]
            .with_user(self.user_ej_admin)
            .create(dict({"year_id": self.year.id, "order_number": "99-о"}, **vals))
        )
        wizard.action_rollover()
        self.env.invalidate_all()
        return self.env["school.academic.year"].search(
            [("name", "=", "2027/2028"), ("company_id", "=", self.school.id)]
        )

    def test_year_rollover(self):
        """SETUP-8 (S admin 18): a new year, every class a grade up, graduates leave."""
        class_9a, class_11a, stays, leaves, graduate = self._small_school_for_rollover()
        wizard = (
            self.env["school.year.rollover.wizard"]
            .with_user(self.user_ej_admin)
            .create({"year_id": self.year.id, "order_number": "99-о"})
        )
        with self.assertRaises(UserError):
            wizard.with_user(self.class_teacher).action_rollover()

        new_year = self._rollover(grade9_leaver_ids=[Command.set(leaves.ids)])

        self.assertEqual(len(new_year), 1)
        self.assertEqual((new_year.date_start, new_year.date_end), (date(2027, 9, 1), date(2028, 8, 31)))
        self.assertEqual(
            len(new_year.period_ids.filtered(lambda p: p.period_type == "quarter")), 4, "periods generated"
        )
        new_classes = self.env["school.class"].search([("year_id", "=", new_year.id)])
        self.assertCountEqual(new_classes.mapped("name"), ["2А", "6А", "6Б", "10А", "11А"])
        by_name = {c.name: c for c in new_classes}
        self.assertEqual(by_name["6А"].class_teacher_id, self.class_teacher)
        self.assertEqual(by_name["10А"].class_teacher_id, self.teacher)

        # every student one grade up from the first day of the new year
        for student, new_class in (
            (self.student_ivanov, "6А"),
            (self.student_petrov, "6Б"),
            (self.student_volkova, "2А"),
            (self.student_smirnov, "11А"),
            (stays, "10А"),
        ):
            with self.subTest(student=student.name):
                self.assertEqual(student.class_id, by_name[new_class])
                self.assertEqual(student.state, "studying")
                self.assertEqual(
                    student.enrollment_ids.sorted("date_start").mapped("date_end"), [self.year_end, False]
                )
        # grade 11 and the grade 9 leavers graduate by the order
        for student, old_class in ((graduate, class_11a), (leaves, class_9a)):
            with self.subTest(student=student.name):
                self.assertEqual(student.state, "graduated")
                self.assertFalse(student.class_id)
                self.assertRecordValues(
                    student.movement_ids,
                    [
                        {
                            "movement_type": "graduation",
                            "from_class_id": old_class.id,
                            "order_number": "99-о",
                            "date": self.year_end,
                        }
                    ],
                )

        # subgroups and teacher load carried over
        group = by_name["6А"].subgroup_ids
        self.assertRecordValues(
            group,
            [
                {
                    "name": "Группа 1",
                    "subject_id": self.subject_english.id,
                    "teacher_id": self.teacher_english.id,
                }
            ],
        )
        self.assertEqual(group.student_ids, self.student_ivanov | self.student_petrova)
        self.assertCountEqual(
            [
                (a.teacher_id, a.subject_id, a.subgroup_id, a.hours_per_week)
                for a in by_name["6А"].assignment_ids
            ],
            [
                (self.class_teacher, self.subject_math, self.env["school.subgroup"], 5),
                (self.teacher_english, self.subject_english, group, 3),
            ],
        )
        self.assertEqual(by_name["6Б"].assignment_ids.teacher_id, self.teacher)
        self.assertEqual(by_name["11А"].assignment_ids.teacher_id, self.psychologist)

    def test_year_rollover_without_carry_over(self):
        """SETUP-8: subgroups and teacher load stay behind unless ticked."""
        new_year = self._rollover(carry_subgroups=False, carry_assignments=False)
        new_classes = self.env["school.class"].search([("year_id", "=", new_year.id)])
        self.assertEqual(len(new_classes), 4)
        self.assertFalse(new_classes.subgroup_ids)
        self.assertFalse(new_classes.assignment_ids)
        self.assertEqual(self.student_ivanov.class_id.name, "6А")

    # ------------------------------------------------------------------
    # ROLE-9: the inspector reads everything and writes nothing
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_inspector_reads_never_writes(self):
        """ROLE-9: unlimited read access, any write refused."""
        mark = self._mark(self.lesson_5b, self.student_petrov, 4)
        self.env.invalidate_all()
        env = self.env(user=self.user_inspector)
        self.assertEqual(env["school.student"].search([("company_id", "=", self.school.id)]), self.students)
        self.assertIn(self.lesson_5a, env["school.lesson"].search([]))
        self.assertEqual(env["school.mark"].browse(mark.id).value, 4)
        self.assertEqual(
            env["school.journal.log"]
            .search([("model", "=", "school.mark"), ("res_id", "=", mark.id)])
            .new_value[:7],
            "value=4",
        )
        self.assertTrue(env["school.guardian.link"].search([("student_id", "=", self.student_petrova.id)]))

        attempts = [
            (
                "student write",
                lambda: env["school.student"].browse(self.student_petrov.id).write({"gender": "male"}),
            ),
            ("student create", lambda: env["school.student"].create({"last_name": "А", "first_name": "Б"})),
            (
                "lesson write",
                lambda: env["school.lesson"].browse(self.lesson_5b.id).write({"topic": "Дроби"}),
            ),
            (
                "lesson create",
                lambda: env["school.lesson"].create(
                    {
                        "class_id": self.class_5b.id,
                        "subject_id": self.subject_math.id,
                        "teacher_id": self.teacher.id,
                    }
                ),
            ),
            ("mark write", lambda: env["school.mark"].browse(mark.id).write({"value": 5})),
            (
                "mark create",
                lambda: env["school.mark"].create(
                    {
                        "lesson_id": self.lesson_5b.id,
                        "student_id": self.student_kuznetsova.id,
                        "value": 5,
                        "work_type_id": self.work_type_answer.id,
                    }
                ),
            ),
            ("mark unlink", lambda: env["school.mark"].browse(mark.id).unlink()),
            (
                "compromise notice",
                lambda: env["school.compromise.notice"].create(
                    {"user_id": self.teacher.id, "reported_by": "И."}
                ),
            ),
            ("credentials", lambda: env["school.credential.wizard"].create({"target": "users"})),
            ("movement", lambda: env["school.movement.wizard"].create({"order_number": "1"})),
        ]
        for label, attempt in attempts:
            with self.subTest(label), self.assertRaises(AccessError):
                attempt()


@tagged("post_install", "-at_install")
class TestAccountsHttp(AccountsCommon, HttpCase):
    """First login with an issued password goes to the password change (SEC-1, P 3.3)."""

    def _new_session(self):
        """An anonymous session whose cookie the server's answers replace (as in web's TestWebLogin)."""
        self.authenticate(None, None)
        self.opener.cookies.clear()
        self.opener.cookies.set("session_id", self.session.sid, domain=HOST, path="/")

    def _post_new_password(self, old, new, csrf_token):
        """Post the password form of /my/security (the new password typed twice)."""
        return self.url_open(
            "/my/security",
            data={"op": "password", "old": old, "new1": new, "new2": new, "csrf_token": csrf_token},
        )

    def _login(self, login, password):
        """Post the login form in a fresh session; return the path it redirects to."""
        self._new_session()
        response = self.url_open(
            "/web/login",
            data={"login": login, "password": password, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303, "logged in")
        return urlsplit(response.headers["Location"]).path

    def test_compromise_notice_screen_shows_the_changes(self):
        """SEC-2, REP-11: the confirmed notice's form, as the administrator opens it, lists the
        invalid operations with their changes as the log's "Change" column reads them."""
        day = fields.Date.today()
        while day.weekday() > 4:
            day -= timedelta(days=1)
        lesson = self._lesson(self.class_5b, self.subject_math, self.teacher, day)
        notice_at = fields.Datetime.now() - timedelta(hours=1)
        self._mark(lesson, self.student_kuznetsova, 5, user=self.teacher, comment="Устно; у доски")
        notice = self._compromise_notice(notice_at - timedelta(hours=1), notice_at)
        notice.with_user(self.user_ej_admin).action_confirm()
        self.assertEqual(notice.invalid_count, 1)
        self.assertIn("Устно; у доски", notice.invalid_log_ids.change_description)
        self.user_ej_admin.lang = "ru_RU"
        self.start_tour(
            f"/odoo/action-school_ejournal.school_compromise_notice_action/{notice.id}",
            "school_compromise_notice_tour",
            login=self.user_ej_admin.login,
        )

    def test_first_login_changes_password(self):
        """SEC-1 (P 3.3): a student's issued password leads to the password change page; the
        policy refuses a short one; once changed, the login goes to the portal home."""
        action = self._issue(
            self.user_ej_admin, class_ids=[Command.set(self.class_5a.ids)], target="students"
        )
        notice = next(n for n in action["data"]["notices"] if n["name"] == self.student_sidorov.name)
        user = self.student_sidorov.user_id
        self.env.flush_all()

        self.assertEqual(self._login(notice["login"], notice["password"]), "/my/security")
        page = self.url_open("/my/security")
        self.assertEqual(page.status_code, 200)
        csrf_token = re.search(r'name="csrf_token" value="([^"]+)"', page.text).group(1)

        # too short a password is refused by the policy (auth_password_policy)
        page = self._post_new_password(notice["password"], "short12", csrf_token)
        self.assertEqual(page.status_code, 200)
        self.env.invalidate_all()
        self.assertTrue(user.school_temp_password)

        page = self._post_new_password(notice["password"], "Своё-надёжное-1", csrf_token)
        self.assertEqual(page.status_code, 200)
        self.env.invalidate_all()
        self.assertFalse(user.school_temp_password)

        # the next login goes to the portal home, and the issued password no longer works
        self.assertEqual(self._login(notice["login"], "Своё-надёжное-1"), "/my")
        self._new_session()
        response = self.url_open(
            "/web/login",
            data={
                "login": notice["login"],
                "password": notice["password"],
                "csrf_token": http.Request.csrf_token(self),
            },
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 200, "the login form again: wrong password")

    def test_temporary_password_holds_every_page_and_call(self):
        """SEC-1 (P 3.3): another address typed after signing in with a temporary password
        does not get round its change: a page leads to the change, a call is refused; once
        changed, the pages open. A session opened through Госуслуги used no password and is
        not held."""
        action = self._issue(self.user_ej_admin, target="users", user_ids=[Command.set(self.teacher.ids)])
        password = action["data"]["notices"][0]["password"]
        self.env.flush_all()
        self.assertEqual(self._login(self.teacher.login, password), "/my/security")
        for path in ("/odoo", "/odoo/action-school_ejournal.school_journal_grid_action", "/my", "/web"):
            response = self.url_open(path, allow_redirects=False)
            self.assertEqual(response.status_code, 303, path)
            self.assertEqual(urlsplit(response.headers["Location"]).path, "/my/security", path)
        self.assertEqual(self.url_open("/my/security").status_code, 200)
        call = {"model": "school.lesson", "method": "search_read", "args": [[]], "kwargs": {"limit": 1}}
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.make_jsonrpc_request("/web/dataset/call_kw/school.lesson/search_read", call)
        response = self.url_open(
            "/web/dataset/call_kw/school.lesson/search_read",
            json.dumps({"jsonrpc": "2.0", "method": "call", "id": 1, "params": call}),
            headers={"Content-Type": "application/json"},
        )
        self.assertIn("/my/security", response.json()["error"]["data"]["message"])
        self.assertNotIn("result", response.json())
        # a session of Госуслуги is not held
        session = http.root.session_store.get(self.opener.cookies["session_id"])
        session["school_oidc"] = True
        http.root.session_store.save(session)
        self.assertEqual(self.url_open("/odoo", allow_redirects=False).status_code, 200)
        self.assertIsInstance(
            self.make_jsonrpc_request("/web/dataset/call_kw/school.lesson/search_read", call), list
        )
        # changed, the password no longer holds the pages
        self.teacher._change_password("Long-enough-1")
        self.env.flush_all()
        self.assertEqual(self._login(self.teacher.login, "Long-enough-1"), "/odoo")
        self.assertEqual(self.url_open("/odoo", allow_redirects=False).status_code, 200)
        self.assertIsInstance(
            self.make_jsonrpc_request("/web/dataset/call_kw/school.lesson/search_read", call), list
        )

    def test_printed_forms(self):
        """REP-11: the credentials notice (Appendix 2) and the compromise act (Appendix 1) as PDF.

        Rendered here, with the clock running: wkhtmltopdf fetches the report assets from the
        test server, and stalled under the frozen clock of TestAccounts.
        """
        action = self._issue(self.user_ej_admin, class_ids=[Command.set(self.class_5a.ids)], target="both")
        self.assertTrue(self._pdf(CREDENTIALS_REPORT, data=action["data"]).startswith(b"%PDF"))

        now = fields.Datetime.now()
        lesson = self._lesson(
            self.class_5b, self.subject_math, self.teacher, fields.Date.context_today(self.teacher)
        )
        self._mark(lesson, self.student_petrov, 5)
        notice = self._compromise_notice(now - timedelta(hours=2), now - timedelta(hours=1))
        notice.action_confirm()
        self.assertEqual(notice.invalid_count, 1)
        self.assertTrue(self._pdf(COMPROMISE_REPORT, notice.ids).startswith(b"%PDF"))

    def test_staff_first_login(self):
        """SEC-1: a staff member re-issued a password changes it first, then works in /odoo."""
        action = self._issue(self.user_ej_admin, target="users", user_ids=[Command.set(self.teacher.ids)])
        password = action["data"]["notices"][0]["password"]
        self.env.flush_all()
        self.assertEqual(self._login(self.teacher.login, password), "/my/security")
        self.teacher._change_password("Long-enough-1")
        self.env.flush_all()
        self.assertEqual(self._login(self.teacher.login, "Long-enough-1"), "/odoo")
