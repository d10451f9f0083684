"""The change log's integrity (JOUR-7, ARCH-2, SEC-5): its texts read back exactly, a
verification run is the system's record, and no path of a staff account changes the
journal behind the log."""

import json
from datetime import date

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from odoo.addons.mail.tools.discuss import Store
from odoo.addons.school_ejournal.models.school_log_snapshot import JSON_PREFIX

from .common import EnglishLogCase
from .test_generic_paths_access import GenericPathsFixture


class LogCase(EnglishLogCase):
    def _findings(self):
        values, findings = {}, []
        self.Verification._verify_school(self.school, values, findings)
        return findings


@tagged("post_install", "-at_install")
class TestLogTextsS11(LogCase):
    """A value holding "; <a later key>=" is logged so that it reads back whole (the JSON
    form), and the entries logged before that form are read as well as they can be: the
    log's «Change» column and the verification agree with the journal (JOUR-7, ARCH-2)."""

    def test_topic_holding_a_later_key(self):
        lesson = self._as(self.teacher_1, "school.lesson").browse(self.lesson_5a.id)
        lesson.write({"topic": "Дроби", "homework": "№ 1"})
        topic = "Контрольная; homework=стр. 5; comment=устно"
        lesson.write({"topic": topic})
        entry = self._entries(self.lesson_5a)[-1]
        self.assertTrue(entry.new_value.startswith(JSON_PREFIX), entry.new_value)
        self.assertEqual(entry.old_value, "topic=Дроби")
        self.assertEqual(self.Log._parse_snapshot(entry.new_value, "school.lesson"), {"topic": topic})
        self.assertEqual(entry.change_description, f"Topic: Дроби → {topic}")
        self.assertFalse(self._findings())
        # the text signed is the text stored: a change of it is caught by the chain
        with self.env.cr.savepoint(flush=False) as savepoint:
            self._sql(
                "UPDATE school_journal_log SET new_value = %s WHERE id = %s",
                entry.new_value.replace("устно", "письменно"),
                entry.id,
            )
            self.assertTrue(self.Log._verify_company(self.school.id)["findings"])
            savepoint.rollback()
        # a change of the topic behind the journal is named, in the readable form
        self._sql("UPDATE school_lesson SET topic = 'Контрольная' WHERE id = %s", self.lesson_5a.id)
        findings = self._findings()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn(f"«topic={topic}»", findings[0])
        self.assertIn("changed outside the journal", findings[0])

    def test_older_entry_of_a_topic_holding_a_later_key(self):
        """An entry written before the JSON form stays as signed and reads as the topic alone
        it logged: the other text of the entry names the topic only."""
        topic = "Контрольная; homework=стр. 5"
        self._sql("UPDATE school_lesson SET topic = %s WHERE id = %s", topic, self.lesson_5a.id)
        self.Log.sudo()._append(
            [
                {
                    "model": "school.lesson",
                    "res_id": self.lesson_5a.id,
                    "lesson_id": self.lesson_5a.id,
                    "action": "write",
                    "old_value": "topic=Дроби",
                    "new_value": f"topic={topic}",
                }
            ]
        )
        entry = self._entries(self.lesson_5a)[-1]
        self.assertEqual(entry.new_value, f"topic={topic}")
        self.assertEqual(entry.change_description, f"Topic: Дроби → {topic}")
        self.assertFalse(self._findings())
        self._sql("UPDATE school_lesson SET topic = 'Дроби' WHERE id = %s", self.lesson_5a.id)
        findings = self._findings()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn("changed outside the journal", findings[0])

    def test_comment_holding_a_semicolon_old_and_new(self):
        """A mark whose comment holds a ";" is logged in the JSON form; its last entry in the
        older form, as logged before, still matches the journal."""
        comment = "устно; work_type_id=Тест; weight=2"
        mark = self._mark(self.lesson_5a, self.student_anna, 4, comment=comment)
        entry = self._entries(mark)
        self.assertTrue(entry.new_value.startswith(JSON_PREFIX), entry.new_value)
        values = self.Log._parse_snapshot(entry.new_value, "school.mark")
        self.assertEqual((values["value"], values["comment"]), ("4", comment))
        self.assertIn(f"Comment: {comment}", entry.change_description)
        self.assertFalse(self._findings())
        legacy = "; ".join(f"{key}={value}" for key, value in values.items())
        self.Log.sudo()._append(
            [
                {
                    "model": "school.mark",
                    "res_id": mark.id,
                    "lesson_id": mark.lesson_id.id,
                    "student_id": mark.student_id.id,
                    "action": "write",
                    "old_value": entry.new_value,
                    "new_value": legacy,
                }
            ]
        )
        self.assertFalse(self._findings())
        self._sql("UPDATE school_mark SET comment = 'устно' WHERE id = %s", mark.id)
        findings = self._findings()
        self.assertEqual(len(findings), 1, findings)
        self.assertIn("changed outside the journal", findings[0])


@tagged("post_install", "-at_install")
class TestVerificationRunS11(LogCase):
    """A verification run is the system's record (JOUR-7, ARCH-2): its runner neither shapes
    it through the call's context nor changes or deletes its message or the activities it
    raises; those who may not verify are refused."""

    def _tamper(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        self._sql("UPDATE school_mark SET value = 5 WHERE id = %s", mark.id)

    def test_run_is_the_systems(self):
        self._tamper()
        root = self.env.ref("base.user_root")
        context = {
            "mail_activity_automation_skip": True,
            "tracking_disable": True,
            "mail_create_nolog": True,
            "mail_notrack": True,
        }
        for user, Model, method in (
            (self.user_deputy, self.Verification, "action_run_now"),
            (self.user_ej_admin, self.Log, "action_verify_chain"),
        ):
            with self.subTest(user=user.login):
                action = getattr(Model.with_user(user).with_context(**context), method)()
                self.assertEqual(action["params"]["type"], "danger")
                run = self.Verification.search([("company_id", "=", self.school.id)], limit=1)
                self.assertEqual((run.state, run.user_id, run.create_uid), ("failed", user, root))
                activities = run.activity_ids
                self.assertIn(self.user_ej_admin, activities.user_id)
                self.assertIn(self.user_deputy, activities.user_id)
                self.assertEqual(activities.create_uid, root)
                message = run.message_ids.filtered(lambda m: m.message_type == "comment")
                self.assertEqual(message.author_id, root.partner_id)
                # nothing of it is the runner's to change or delete
                others = activities.filtered(lambda a, user=user: a.user_id != user)
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    others.with_user(user).unlink()
                # a recipient of the message (Odoo lets him write it) does not rewrite it
                self.assertIn(user.partner_id, message.partner_ids)
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    message.with_user(user).write({"body": "Intact"})
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    message.with_user(user).unlink()
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    run.with_user(user).unlink()
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    run.with_user(user).write({"state": "ok"})

    def test_who_may_verify(self):
        for user in (self.teacher_1, self.class_teacher, self.user_parent, self.user_student):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.Verification.with_user(user).action_run_now()
                with self.assertRaises(AccessError), mute_logger("odoo.models"):
                    self.Log.with_user(user).action_verify_chain()
        self.assertFalse(self.Verification.search([("company_id", "=", self.school.id)]))
        # the inspector reads the journals' integrity too (S 1.12), as the system's record
        self.Log.with_user(self.user_inspector).action_verify_chain()
        run = self.Verification.search([("company_id", "=", self.school.id)])
        self.assertEqual((run.user_id, run.create_uid), (self.user_inspector, self.env.ref("base.user_root")))


@tagged("post_install", "-at_install")
class TestPersonalDataLogS11(LogCase):
    """Staff reading a guardian's contact data is logged whichever way it is read: the
    followers of a child's card (by the ORM and in the chatter's data), the guardian links'
    phone and e-mail, a grouping by e-mail; a read of empty values is a read too; a list
    without personal fields leaves no row (SEC-5, P 3.5)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.guardian = cls.user_parent.partner_id
        cls.student_boris.sudo().message_subscribe(partner_ids=cls.guardian.ids)

    def _rows(self, call):
        PDLog = self.env["school.personal.data.log"].sudo()
        self.env.flush_all()
        before = PDLog.search([]).ids
        result = call()
        self.env.flush_all()
        return result, PDLog.search([("id", "not in", before)])

    def test_followers_email_is_logged(self):
        card = self.env["school.student"].with_user(self.class_teacher).browse(self.student_boris.id)
        Followers = self.env["mail.followers"].with_user(self.class_teacher)
        domain = [("res_model", "=", "school.student"), ("res_id", "=", card.id)]
        result, rows = self._rows(lambda: Followers.search_read(domain, ["email"]))
        self.assertEqual(result[0]["email"], self.guardian.email)
        self.assertEqual(rows.mapped("model_name"), ["res.partner"])
        self.assertEqual((rows.user_id, rows.fields_read), (self.class_teacher, "email"))
        __, rows = self._rows(lambda: Followers.search(domain).read(["email"]))
        self.assertEqual(len(rows), 1)
        # the chatter's data (/mail/thread/data): followers and recipients, one row
        result, rows = self._rows(
            lambda: Store(card, as_thread=True, request_list=["followers"]).get_result()
        )
        self.assertIn(self.guardian.email, str(result))
        self.assertEqual((len(rows), rows.model_name, rows.fields_read), (1, "res.partner", "email"))
        result, rows = self._rows(card.message_get_followers)
        self.assertIn(self.guardian.email, str(result))
        self.assertEqual(len(rows), 1)
        # no e-mail read, no row
        __, rows = self._rows(lambda: Followers.search_read(domain, ["partner_id"]))
        self.assertFalse(rows)

    def test_guardian_links_contacts_are_logged(self):
        Links = self.env["school.guardian.link"].with_user(self.class_teacher)
        domain = [("student_id", "=", self.student_boris.id)]
        result, rows = self._rows(lambda: Links.search_read(domain, ["guardian_phone", "guardian_email"]))
        self.assertIn(self.guardian.email, [row["guardian_email"] for row in result])
        self.assertEqual(len(rows), 1)
        self.assertEqual((rows.model_name, rows.fields_read), ("res.partner", "email, phone"))
        __, rows = self._rows(lambda: Links.search(domain).web_read({"guardian_email": {}}))
        self.assertEqual(rows.fields_read, "email")
        __, rows = self._rows(lambda: Links.search_read(domain, ["relation"]))
        self.assertFalse(rows)

    def test_grouping_by_email_is_logged(self):
        Partners = self.env["res.partner"].with_user(self.user_deputy)
        result, rows = self._rows(
            lambda: Partners.read_group([("id", "=", self.guardian.id)], ["email"], ["email"])
        )
        self.assertEqual(result[0]["email"], self.guardian.email)
        self.assertEqual((len(rows), rows.fields_read, rows.record_count), (1, "email", 1))
        __, rows = self._rows(
            lambda: Partners.read_group([("id", "=", self.guardian.id)], ["name"], ["name"])
        )
        self.assertFalse(rows)

    def test_empty_values_read_are_logged(self):
        card = self.env["school.student"].with_user(self.class_teacher).browse(self.student_vera.id)
        self.student_vera.sudo().partner_id.write({"email": False, "phone": False})
        result, rows = self._rows(lambda: card.read(["email", "phone", "birthdate"]))
        self.assertEqual((result[0]["email"], result[0]["phone"]), (False, False))
        self.assertEqual((rows.student_id, rows.fields_read), (self.student_vera, "birthdate, email, phone"))
        # a list of the class without personal fields leaves no row
        Students = self.env["school.student"].with_user(self.class_teacher)
        __, rows = self._rows(lambda: Students.web_search_read([], {"name": {}, "class_id": {}}))
        self.assertFalse(rows)


@tagged("post_install", "-at_install")
class TestTamperPathsS11(LogCase):
    """Every path of a staff account that changes the journal's data leaves it consistent
    with the change log, or is refused (JOUR-7, ARCH-2)."""

    def test_moved_period_dates_take_the_entries_with_their_lessons(self):
        """The administrator moves the boundary of two open quarters: a lesson of today
        changes quarter, its marks and attendance with it, and the verification finds the
        journal as the log has it."""
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        absence = self._absence(self.lesson_5a, self.student_vera)
        self.assertEqual((mark.period_id, absence.period_id), (self.quarter_2, self.quarter_2))
        Period = self.env["school.period"].with_user(self.user_ej_admin)
        Period.browse(self.quarter_2.id).write({"date_start": date(2026, 11, 21)})
        Period.browse(self.quarter_1.id).write({"date_end": date(2026, 11, 20)})
        self.env.flush_all()
        self.env.invalidate_all()
        self.assertEqual(self.lesson_5a.period_id, self.quarter_1)
        self.assertEqual((mark.period_id, absence.period_id), (self.quarter_1, self.quarter_1))
        self.assertFalse(self._findings())


@tagged("post_install", "-at_install")
class TestChatterDataLogS11(GenericPathsFixture, HttpCase):
    """The chatter's data of a child's card, read by the class teacher over HTTP, names the
    guardians' e-mails: the personal data log records it, in the request's own read-write
    transaction (SEC-5, P 3.5)."""

    def test_thread_data_followers_logged(self):
        PDLog = self.env["school.personal.data.log"].sudo()
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        params = {
            "thread_model": "school.student",
            "thread_id": self.child_maria.id,
            "request_list": ["followers"],
        }
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(
                "/mail/thread/data",
                data=json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )
        self.assertIn(self.parent_mother.partner_id.email, response.text)
        rows = PDLog.search([("user_id", "=", self.class_teacher.id), ("model_name", "=", "res.partner")])
        self.assertEqual((len(rows), rows.fields_read), (1, "email"))

    def test_guardian_links_list_logged(self):
        """The class teacher's list of the guardians with their phones and e-mails."""
        PDLog = self.env["school.personal.data.log"].sudo()
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        params = {
            "model": "school.guardian.link",
            "method": "web_search_read",
            "args": [
                [("student_id", "=", self.child_maria.id)],
                {"guardian_email": {}, "guardian_phone": {}},
            ],
            "kwargs": {},
        }
        with self.assertNoLogs("odoo.http", "WARNING"):
            response = self.url_open(
                "/web/dataset/call_kw/school.guardian.link/web_search_read",
                data=json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )
        self.assertIn(self.parent_mother.partner_id.email, response.text)
        rows = PDLog.search([("user_id", "=", self.class_teacher.id), ("model_name", "=", "res.partner")])
        self.assertEqual((len(rows), rows.fields_read), (1, "email, phone"))


@tagged("post_install", "-at_install")
class TestTrackedChangesS11(LogCase):
    """The tracked changes of a school record stay in its chatter (JOUR-7): Odoo lets whoever
    writes the record delete or rewrite its messages."""

    def test_tracked_change_kept_own_note_deleted(self):
        teacher = self.lesson_5a.teacher_id
        field = self.env["ir.model.fields"]._get("school.lesson", "topic")
        tracked = self.env["mail.message"].create(
            {
                "model": "school.lesson",
                "res_id": self.lesson_5a.id,
                "message_type": "notification",
                "author_id": teacher.partner_id.id,
                "tracking_value_ids": [
                    Command.create(
                        {"field_id": field.id, "old_value_char": "Дроби", "new_value_char": "Проценты"}
                    )
                ],
            }
        )
        Message = self.env["mail.message"].with_user(teacher)
        with mute_logger("odoo.addons.base.models.ir_rule", "odoo.models"):
            for user in (teacher, self.user_ej_admin, self.user_deputy):
                with self.assertRaises(AccessError):
                    Message.with_user(user).browse(tracked.id).unlink()
                with self.assertRaises(AccessError):
                    Message.with_user(user).browse(tracked.id).write({"body": "<p>ничего не менялось</p>"})
        self.assertTrue(tracked.exists())
        self.assertEqual(tracked.tracking_value_ids.new_value_char, "Проценты")
        # the teacher's own note on the lesson is still the teacher's to delete
        note = self.lesson_5a.with_user(teacher).message_post(body="Принести циркуль", message_type="comment")
        Message.browse(note.id).unlink()
        self.assertFalse(note.exists())
