"""Issue 11 items 1, 4 and 9: the period-mark methods hold for every role, the e-journal
administrator administers without Odoo's technical groups, bulk reads of personal data are
logged (SEC-3, SEC-5, ROLE-1, ROLE-4, ROLE-5, ROLE-7, ROLE-8)."""

from datetime import date

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tools import mute_logger

from .common import SchoolCommon

MUTE = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.models")


class TestAdminAccounts(SchoolCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.PeriodMark = cls.env["school.period.mark"]
        cls.q = cls.quarters.filtered(lambda p: p.date_start <= cls.today <= p.date_end) or cls.quarters[0]
        cls.teacher_group = cls.env.ref("school_ejournal.group_school_teacher")
        cls.Log = cls.env["school.account.log"]

    # ------------------------------------------------------------------
    # Item 1: the period-mark grid and forecasts (SEC-3, FINAL-1, FINAL-2)
    # ------------------------------------------------------------------
    @mute_logger(*MUTE)
    def test_portal_users_refused_period_mark_grid(self):
        """A parent and a student get nothing of their own child's class, classmates included."""
        args = (self.class_5a.id, self.subject_math.id, self.q.id)
        for user in (self.user_parent, self.user_student, self.user_portal, self.user_internal):
            for method in ("get_period_mark_grid", "get_class_forecasts"):
                with self.subTest(user=user.login, method=method), self.assertRaises(AccessError):
                    getattr(self.PeriodMark.with_user(user), method)(*args)
        # a teacher of another class does not read it either
        with self.assertRaises(AccessError):
            self.PeriodMark.with_user(self.teacher).get_period_mark_grid(*args)

    @mute_logger(*MUTE)
    def test_action_prepare_only_by_subject_teacher(self):
        """Portal and read-only users create no period-mark row, not even as superuser."""
        args = (self.class_5a.id, self.subject_math.id, self.q.id)
        before = self.PeriodMark.search_count([])
        for user in (
            self.user_parent,
            self.user_student,
            self.user_deputy,
            self.user_director,
            self.user_inspector,
            self.user_ej_admin,
            self.teacher,
        ):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.PeriodMark.with_user(user).action_prepare(*args)
                with self.assertRaises(AccessError):
                    self.PeriodMark.with_user(user).save_period_mark_grid(
                        *args, {str(self.student_petrova.id): 5}
                    )
        self.assertEqual(self.PeriodMark.search_count([]), before, "nothing was written")
        rows = self.PeriodMark.with_user(self.class_teacher).action_prepare(*args)
        self.assertEqual(rows.student_id, self.students_5a)

    @mute_logger(*MUTE)
    def test_grid_of_subgroup_teacher_and_readers(self):
        """The subgroup's teacher sees the subgroup's students only; readers see the class,
        without editing; the class teacher sees the whole class."""
        args = (self.class_5a.id, self.subject_english.id, self.q.id)
        grid = self.PeriodMark.with_user(self.teacher_english).get_period_mark_grid(*args)
        self.assertEqual(
            {row["student_id"] for row in grid["rows"]}, set(self.subgroup_5a_english.student_ids.ids)
        )
        forecasts = self.PeriodMark.with_user(self.teacher_english).get_class_forecasts(*args)
        self.assertLessEqual(set(forecasts), set(self.subgroup_5a_english.student_ids.ids))
        for user in (self.user_deputy, self.user_inspector, self.class_teacher):
            with self.subTest(user=user.login):
                grid = self.PeriodMark.with_user(user).get_period_mark_grid(*args)
                self.assertFalse(grid["editable"])
                self.assertEqual({row["student_id"] for row in grid["rows"]}, set(self.students_5a.ids))

    # ------------------------------------------------------------------
    # Item 4: the administrator without technical rights (ROLE-1)
    # ------------------------------------------------------------------
    def test_admin_holds_no_technical_group(self):
        admin = self.user_ej_admin
        self.assertFalse(admin.has_group("base.group_erp_manager"))
        self.assertFalse(admin.has_group("base.group_system"))
        # the role itself implies none of them
        implied = self.env.ref("school_ejournal.group_school_admin").trans_implied_ids
        self.assertFalse(
            implied & (self.env.ref("base.group_erp_manager") | self.env.ref("base.group_system"))
        )

    @mute_logger(*MUTE)
    def test_nobody_grants_himself_a_group(self):
        admin = self.user_ej_admin
        with self.assertRaises(AccessError):
            admin.with_user(admin).write({"groups_id": [Command.link(self.teacher_group.id)]})
        with self.assertRaises(AccessError):
            admin.with_user(admin).school_set_roles(self.teacher_group.ids)
        for user in (self.teacher, self.user_deputy, self.user_director):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                user.with_user(user).write(
                    {"groups_id": [Command.link(self.env.ref("base.group_system").id)]}
                )
        self.assertFalse(admin.has_group("school_ejournal.group_school_teacher"))
        # nor the technical rights of Odoo
        with self.assertRaises(AccessError):
            self.env["ir.model.access"].with_user(admin).create(
                {
                    "name": "hack",
                    "model_id": self.env.ref("school_ejournal.model_school_mark").id,
                    "group_id": self.env.ref("school_ejournal.group_school_admin").id,
                    "perm_write": True,
                    "perm_create": True,
                }
            )
        with self.assertRaises(AccessError):
            self.env.ref("school_ejournal.school_academic_year_rule_company").with_user(admin).write(
                {"active": False}
            )
        with self.assertRaises(AccessError):
            self.env["ir.rule"].with_user(admin).create(
                {"name": "hack", "model_id": self.env.ref("school_ejournal.model_school_mark").id}
            )

    @mute_logger(*MUTE)
    def test_admin_gives_school_roles_only(self):
        admin = self.user_ej_admin
        system = self.env.ref("base.group_system")
        with self.assertRaises(UserError):
            self.teacher.with_user(admin).school_set_roles((self.teacher_group | system).ids)
        with self.assertRaises(AccessError):
            self.teacher.with_user(admin).write({"groups_id": [Command.link(system.id)]})
        with self.assertRaises(AccessError):
            self.env.ref("base.user_admin").with_user(admin).school_set_roles(self.teacher_group.ids)
        self.assertFalse(self.teacher.has_group("base.group_system"))
        # a school role, logged
        deputy_group = self.env.ref("school_ejournal.group_school_deputy")
        self.teacher.with_user(admin).school_set_roles((self.teacher_group | deputy_group).ids)
        self.assertTrue(self.teacher.has_group("school_ejournal.group_school_deputy"))
        log = self.Log.search([("user_id", "=", self.teacher.id), ("action", "=", "roles")])
        self.assertEqual(log.actor_id, admin)
        # the form's button opens the wizard with the current roles; applying it changes them
        action = self.teacher.with_user(admin).action_school_change_roles()
        wizard = (
            self.env["school.account.wizard"].with_user(admin).with_context(**action["context"]).create({})
        )
        self.assertEqual(wizard.user_ids, self.teacher)
        self.assertEqual(wizard.role_ids, self.teacher_group | deputy_group)
        wizard.role_ids = self.teacher_group
        wizard.action_apply()
        self.assertFalse(self.teacher.has_group("school_ejournal.group_school_deputy"))
        # portal and staff roles do not mix
        with self.assertRaises(UserError):
            self.user_parent.with_user(admin).school_set_roles(self.teacher_group.ids)

    @mute_logger(*MUTE)
    def test_admin_creates_and_deactivates_accounts(self):
        admin = self.user_ej_admin
        Users = self.env["res.users"].with_user(admin)
        user = Users.browse(
            Users.school_create_account("Новая Учительница", "new_teacher", self.teacher_group.ids)
        )
        self.assertTrue(user.sudo().has_group("school_ejournal.group_school_teacher"))
        self.assertFalse(user.sudo().has_group("base.group_erp_manager"))
        self.assertEqual(self.Log.search([("user_id", "=", user.id)]).action, "create")
        with self.assertRaises(UserError):
            Users.school_create_account("Хакер", "hacker", [self.env.ref("base.group_erp_manager").id])
        with self.assertRaises(AccessError):
            self.env["res.users"].with_user(self.user_director).school_create_account(
                "Кто-то", "someone", self.teacher_group.ids
            )
        user.with_user(admin).action_school_deactivate()
        self.assertFalse(user.active)
        user.with_user(admin).action_school_activate()
        self.assertTrue(user.active)
        self.assertEqual(
            set(self.Log.search([("user_id", "=", user.id)]).mapped("action")),
            {"create", "deactivate", "activate"},
        )
        with self.assertRaises(AccessError):
            self.env.ref("base.user_admin").with_user(admin).action_school_deactivate()
        with self.assertRaises(AccessError):
            admin.with_user(admin).action_school_deactivate()
        # the account wizard of the web client goes the same way
        wizard = (
            self.env["school.account.wizard"]
            .with_user(admin)
            .create(
                {
                    "name": "Вторая Учительница",
                    "login": "new_teacher_2",
                    "role_ids": [Command.set(self.teacher_group.ids)],
                }
            )
        )
        action = wizard.action_apply()
        self.assertEqual(self.env["res.users"].browse(action["res_id"]).login, "new_teacher_2")

    @mute_logger(*MUTE)
    def test_admin_resets_passwords_logged(self):
        admin = self.user_ej_admin
        wizard = (
            self.env["school.credential.wizard"]
            .with_user(admin)
            .create({"target": "users", "user_ids": [Command.set(self.teacher.ids)], "reissue": True})
        )
        wizard.action_issue()
        self.assertTrue(self.teacher.school_temp_password)
        self.assertEqual(self.Log.search([("user_id", "=", self.teacher.id)]).action, "password")
        # never the password of Odoo's own administrator
        wizard = (
            self.env["school.credential.wizard"]
            .with_user(admin)
            .create(
                {
                    "target": "users",
                    "user_ids": [Command.set(self.env.ref("base.user_admin").ids)],
                    "reissue": True,
                }
            )
        )
        with self.assertRaises(AccessError):
            wizard.action_issue()

    @mute_logger(*MUTE)
    def test_admin_school_settings(self):
        """The administrator edits the school's settings without Odoo's settings group."""
        admin = self.user_ej_admin
        action = self.env["res.company"].with_user(admin).action_open_school_settings()
        self.assertEqual((action["res_model"], action["res_id"]), ("res.company", self.school.id))
        # the menu's server action and the form load for the administrator in the web client
        menu_action = self.env.ref("school_ejournal.res_company_action_school_settings")
        self.assertEqual(menu_action.with_user(admin).run()["res_id"], self.school.id)
        views = self.env["res.company"].with_user(admin).get_views(action["views"])
        fields = [name for name in views["models"]["res.company"]["fields"] if name.startswith("school_")]
        self.assertIn("school_edit_window", fields)
        # every setting the administrator may write is on the form, the duties' deadlines too
        self.assertEqual(set(fields), self.env["res.company"]._school_settings_fields())
        self.school.with_user(admin).web_read({name: {} for name in fields})
        for model in ("school.account.wizard", "school.account.log", "res.users"):
            self.env[model].with_user(admin).get_views([(False, "form"), (False, "list")])
        self.school.with_user(admin).write(
            {"school_min_marks": 4, "school_edit_window": "1w", "school_forecast_days": 7}
        )
        self.assertEqual((self.school.school_min_marks, self.school.school_forecast_days), (4, 7))
        self.assertTrue(self.Log.search([("action", "=", "settings"), ("actor_id", "=", admin.id)]))
        with self.assertRaises(AccessError):
            self.school.with_user(admin).write({"name": "Другая школа"})
        with self.assertRaises(AccessError):
            self.school_2.with_user(admin).write({"school_min_marks": 5})
        for user in (self.user_director, self.teacher, self.user_parent):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.school.with_user(user).write({"school_min_marks": 2})
        with self.assertRaises(AccessError):
            self.env["res.company"].with_user(self.user_deputy).action_open_school_settings()
        # Odoo's settings stay with Odoo's administrator
        with self.assertRaises(AccessError):
            self.env["res.config.settings"].with_user(admin).create({})

    # ------------------------------------------------------------------
    # Item 9: SEC-5, bulk reads of personal data
    # ------------------------------------------------------------------
    def test_bulk_personal_data_read_logged(self):
        self.students_5a.write({"consent_date": date(2026, 9, 1), "birthdate": date(2015, 4, 1)})
        PersonalLog = self.env["school.personal.data.log"]
        before = PersonalLog.search_count([])
        Student = self.env["school.student"].with_user(self.user_deputy)
        rows = Student.search_read([], ["name", "birthdate", "snils"])
        self.assertGreater(len(rows), 3)
        log = PersonalLog.search([], order="id desc", limit=1)
        self.assertEqual(PersonalLog.search_count([]), before + 1, "one row per call, not per record")
        self.assertEqual(
            (log.user_id, log.model_name, log.record_count, log.fields_read, log.operation),
            (self.user_deputy, "school.student", len(rows), "birthdate, snils", "read"),
        )
        # read() of many records and the web client's list: one row each
        Student.browse(self.students_5a.ids).read(["birthdate"])
        Student.web_search_read([], {"name": {}, "birthdate": {}})
        self.assertEqual(PersonalLog.search_count([]), before + 3)
        self.assertEqual(PersonalLog.search([], order="id desc", limit=1).record_count, len(rows))
        # an export too (the deputy may export once given Odoo's export right)
        self.user_deputy.groups_id = [Command.link(self.env.ref("base.group_allow_export").id)]
        Student.browse(self.students_5a.ids).export_data(["name", "birthdate"])
        log = PersonalLog.search([], order="id desc", limit=1)
        self.assertEqual((log.operation, log.record_count), ("export", 3))
        # names only: nothing to log
        Student.search_read([], ["name"])
        self.assertEqual(PersonalLog.search_count([]), before + 4)
        # a pivot of students by date of birth reads it too
        Student.read_group([("id", "in", self.students_5a.ids)], ["__count"], ["birthdate:month"])
        log = PersonalLog.search([], order="id desc", limit=1)
        self.assertEqual((log.record_count, log.fields_read), (3, "birthdate"))
        before += 1
        # the consent rules still hold: a subject teacher does not read personal data at all
        with mute_logger(*MUTE), self.assertRaises(AccessError):
            self.env["school.student"].with_user(self.teacher).search_read([], ["birthdate"])
        self.assertEqual(PersonalLog.search_count([]), before + 4)

    def test_bulk_guardian_contacts_read_logged(self):
        """SEC-5: the contact data of the school's guardians read in bulk leave one row too."""
        PersonalLog = self.env["school.personal.data.log"]
        before = PersonalLog.search_count([])
        guardians = (
            self.guardian_mother | self.guardian_father | self.guardian_sidorova | self.guardian_smirnova
        )
        outsider = self.env["res.partner"].create({"name": "Поставщик", "phone": "+7 900 111-11-11"})
        rows = (
            self.env["res.partner"]
            .with_user(self.user_deputy)
            .search_read([("id", "in", (guardians | outsider).ids)], ["name", "phone", "email"])
        )
        self.assertEqual(len(rows), 5)
        self.assertEqual(PersonalLog.search_count([]), before + 1)
        log = PersonalLog.search([], order="id desc", limit=1)
        self.assertEqual(
            (log.user_id, log.model_name, log.record_count, log.fields_read),
            (self.user_deputy, "res.partner", 4, "email, phone"),
        )
        # names only, or other contacts only: nothing logged
        self.env["res.partner"].with_user(self.user_deputy).search_read(
            [("id", "in", guardians.ids)], ["name"]
        )
        outsider.with_user(self.user_deputy).read(["phone"])
        self.assertEqual(PersonalLog.search_count([]), before + 1)
