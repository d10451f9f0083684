"""Roles against the wizards with other people's ids (SEC-1, SEC-3, ROLE-1, ROLE-4, SETUP-8).

A wizard is its author's: nobody else reads it or runs it by its (sequential) id. A wizard
filled by RPC with records of another school refuses before anything is changed or issued:
the administrator of school 2 issues no password of school 1, moves no student of it, closes
none of its periods, rolls none of its years over.
"""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, TODAY, SchoolCommon


@tagged("post_install", "-at_install")
class TestProbeWizards(SchoolCommon):
    def test_credentials_of_another_school_refused(self):
        """SEC-1, ROLE-1: school 2's administrator puts school 1's class in the credential
        wizard: no account is created, no password set, nothing logged."""
        Log = self.env["school.account.log"]
        logged = Log.search_count([])
        users = self.env["res.users"].with_context(active_test=False).search_count([])
        for target in ("students", "guardians", "both"):
            with self.subTest(target=target), self.assertAccessRefused():
                self.env["school.credential.wizard"].with_user(self.user_ej_admin_2).create(
                    {"target": target, "class_ids": [Command.set(self.class_5a.ids)], "reissue": True}
                ).action_issue()
        # and a class teacher, another class than the own one
        with self.assertAccessRefused():
            self.env["school.credential.wizard"].with_user(self.class_teacher).create(
                {"target": "students", "class_ids": [Command.set(self.class_5b.ids)], "reissue": True}
            ).action_issue()
        self.assertEqual(Log.search_count([]), logged)
        self.assertEqual(self.env["res.users"].with_context(active_test=False).search_count([]), users)

    def test_wizard_of_another_user_is_not_read(self):
        """A wizard's fields and actions are its author's only, whatever the reader's role."""
        credential = (
            self.env["school.credential.wizard"]
            .with_user(self.class_teacher)
            .create({"target": "students", "class_ids": [Command.set(self.class_5a.ids)]})
        )
        generate = self.env["school.lesson.generate.wizard"].with_user(self.user_deputy).create({})
        close = (
            self.env["school.period.close.wizard"]
            .with_user(self.user_ej_admin)
            .create({"period_ids": [Command.set(self.quarters[:1].ids)]})
        )
        for wizard, others in (
            (credential, (self.user_ej_admin, self.user_ej_admin_2)),
            (generate, (self.user_ej_admin,)),
            (close, (self.user_ej_admin_2,)),
        ):
            for user in others:
                with self.subTest(model=wizard._name, user=user.login):
                    with self.assertAccessRefused():
                        wizard.with_user(user).read(["create_uid"])
                    self.assertFalse(wizard.with_user(user).search([("id", "=", wizard.id)]))
        self.assertEqual(credential.with_user(self.class_teacher).class_ids, self.class_5a)

    def test_other_school_records_in_wizards_refused(self):
        """ROLE-1: school 2's administrator moves no student of school 1, closes none of its
        periods, rolls none of its years over."""
        admin_2 = self.user_ej_admin_2
        enrollments = self.student_ivanov.enrollment_ids
        with self.assertRaises(UserError), mute_logger(*MUTE_ACCESS):
            self.env["school.movement.wizard"].with_user(admin_2).create(
                {
                    "movement_type": "transfer",
                    "student_ids": [Command.set(self.student_ivanov.ids)],
                    "to_class_id": self.class_2_5a.id,
                    "date": TODAY,
                    "order_number": "1",
                }
            ).action_apply()
        self.assertEqual(self.student_ivanov.enrollment_ids, enrollments)
        self.assertEqual(self.student_ivanov.class_id, self.class_5a)

        period = self.quarters[-1]
        with self.assertRaises(UserError), mute_logger(*MUTE_ACCESS):
            self.env["school.period.close.wizard"].with_user(admin_2).create(
                {"period_ids": [Command.set(period.ids)]}
            ).action_confirm()
        self.assertFalse(period.is_closed)

        years = self.env["school.academic.year"].search_count([])
        with self.assertRaises(UserError), mute_logger(*MUTE_ACCESS):
            self.env["school.year.rollover.wizard"].with_user(admin_2).create(
                {"year_id": self.year.id, "order_number": "2"}
            ).action_rollover()
        self.assertEqual(self.env["school.academic.year"].search_count([]), years)

    def test_wizard_filled_with_another_school_records_refused(self):
        """SEC-3: a wizard is read back by its author, and the names of the records it points
        to are answered as the superuser: school 2's administrator fills none with a year or
        a class of school 1 (created or changed), so reads none of their names through it."""
        admin_2 = self.user_ej_admin_2
        Rollover = self.env["school.year.rollover.wizard"].with_user(admin_2)
        with self.assertAccessRefused():
            Rollover.create({"year_id": self.year.id, "order_number": "2"})
        Movement = self.env["school.movement.wizard"].with_user(admin_2)
        values = {
            "movement_type": "arrival",
            "student_ids": [Command.set(self.student_2.ids)],
            "date": TODAY,
            "order_number": "3",
        }
        with self.assertAccessRefused():
            Movement.create(dict(values, to_class_id=self.class_5a.id))
        wizard = Movement.create(dict(values, to_class_id=self.class_2_5a.id))
        with self.assertAccessRefused():
            wizard.write({"to_class_id": self.class_5b.id})
        self.assertEqual(wizard.read(["to_class_id"])[0]["to_class_id"][0], self.class_2_5a.id)

    def test_reset_password_button_issues_the_account_only(self):
        """SEC-1, ROLE-1: the button "Issue Temporary Password" of an account prints the
        notice of that account (it issued nothing: the wizard it opened covered classes);
        a class teacher (ROLE-4) issues nothing with it, nor another school's administrator."""
        Log = self.env["school.account.log"]
        action = self.teacher.with_user(self.user_ej_admin).action_school_reset_password()
        notices = action["data"]["notices"]
        self.assertEqual([notice["login"] for notice in notices], [self.teacher.login])
        self.assertTrue(notices[0]["password"])
        self.assertEqual(
            Log.search([("user_id", "=", self.teacher.id), ("action", "=", "password")]).actor_id,
            self.user_ej_admin,
        )
        logged = Log.search_count([])
        for user in (self.class_teacher, self.user_ej_admin_2):
            with self.subTest(user=user.login), self.assertAccessRefused():
                self.teacher.with_user(user).action_school_reset_password()
        self.assertEqual(Log.search_count([]), logged)
