"""Roles on Odoo's generic paths around the e-journal (SEC-3, SEC-5, ROLE-4, ROLE-5, ROLE-7, ROLE-8).

``test_access_public_methods`` calls every public method of the addons, ``test_access_matrix``
the CRUD of every model, ``test_portal`` the diary's own routes. This module probes what Odoo
itself exposes around the school's models to a parent of one child (``parent_other``, mother
of Petr in 5А), a student (``user_student``, Ivan in 5А) and a teacher who does not teach 5А
(``teacher_5b``): the generic ORM calls over ``call_kw`` (``name_search``, ``read_group``,
``search_count`` with domains through relations, ``web_search_read`` with related paths,
``export_data``, ``fields_get``), the contacts and accounts behind the records
(``res.partner``, ``res.users``), the chatter (``mail.message``, ``mail.followers``,
``mail.activity``, ``message_post``), the files (``ir.attachment``, ``/web/content``,
``/web/image``), the reports (``/report/pdf|html``), the exports (``/web/export/csv``) and the
diary's routes with another child's ids. Each probe asserts the refusal or the empty answer
concretely, and the legitimate use next to it where there is one.
"""

import base64
import json
from contextlib import contextmanager

from odoo import Command, http
from odoo.api import call_kw
from odoo.exceptions import UserError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, DiaryFixtures

MUTE_HTTP = (*MUTE_ACCESS, "odoo.http", "werkzeug", "odoo.addons.web.controllers.export")
# a 1x1 PNG: the photo of a child another parent must never download
PHOTO = base64.b64encode(
    bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c6360f8cf00000301010018dd8db00000000049454e44ae426082"
    )
)


class GenericPathsFixture(DiaryFixtures):
    """The diary's school plus what the chatter and the files of other children hold."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=False))
        # a staff note on another child's card, a message on another class's lesson, a
        # message on the own class's lesson (the legitimate read)
        cls.msg_maria = cls.child_maria.message_post(
            body="Мария: справка от врача", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        cls.msg_5b = cls.lesson_5b.message_post(
            body="5Б: контрольная перенесена", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        cls.msg_5a = cls.lesson_math.message_post(
            body="5А: повторить дроби", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        # the guardians follow their children's cards (COMM-1)
        cls.child_maria.message_subscribe(partner_ids=cls.parent_mother.partner_id.ids)
        cls.child_alexey.message_subscribe(partner_ids=cls.parent_mother.partner_id.ids)
        cls.child_petr.message_subscribe(partner_ids=cls.parent_other.partner_id.ids)
        Attachment = cls.env["ir.attachment"]
        cls.file_5b, cls.file_5a, cls.file_maria = Attachment.create(
            [
                {
                    "name": "hw_5b.txt",
                    "raw": b"5B homework secret",
                    "res_model": "school.lesson",
                    "res_id": cls.lesson_5b.id,
                },
                {
                    "name": "hw_5a.txt",
                    "raw": b"5A homework for the class",
                    "res_model": "school.lesson",
                    "res_id": cls.lesson_math.id,
                },
                {
                    "name": "maria_medical.txt",
                    "raw": b"Maria medical certificate",
                    "res_model": "school.student",
                    "res_id": cls.child_maria.id,
                },
            ]
        )
        cls.lesson_5b.homework_attachment_ids = [Command.link(cls.file_5b.id)]
        cls.lesson_math.homework_attachment_ids = [Command.link(cls.file_5a.id)]
        # a token of the file as the diary gave them before session 11: it opens nothing
        # (the diary's route serves the homework files, test_homework_files_s11)
        cls.file_5a_token = cls.file_5a.sudo().generate_access_token()[0]
        cls.child_maria.image_1920 = PHOTO
        # contacts a parent or another class's teacher must not read
        cls.parent_mother.partner_id.phone = "+7 900 111-22-33"
        cls.parent_other.partner_id.phone = "+7 900 444-55-66"
        cls.guardian_father.phone = "+7 900 777-88-99"
        # a period mark of the own child not yet set, hence not published (FINAL-3), with a note
        cls.pmark_hidden = cls._period_mark(cls.child_petr, cls.subject_russian, cls.class_5a, cls.term)
        cls.msg_pmark_hidden = cls.pmark_hidden.message_post(
            body="Петру: итоговая под вопросом", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        # the chats of both classes (COMM-1)
        (cls.class_5a | cls.class_5b).action_sync_discuss_channel()
        cls.others = cls.child_maria | cls.child_alexey | cls.child_ivan
        cls.hidden_emails = {
            cls.parent_mother.partner_id.email,
            cls.guardian_father.email,
            cls.guardian_granny.email,
            cls.parent_ended.partner_id.email,
        }
        cls.hidden_phones = {cls.parent_mother.partner_id.phone, cls.guardian_father.phone}


@tagged("post_install", "-at_install")
class TestGenericOrmPaths(GenericPathsFixture):
    """The ORM's generic methods over ``call_kw`` (the JSON-RPC path of /web/dataset/call_kw)."""

    def _call(self, user, model, method, *args, **kwargs):
        self.env.invalidate_all()
        return call_kw(self.env[model].with_user(user), method, list(args), kwargs)

    @contextmanager
    def _refused(self):
        with mute_logger(*MUTE_ACCESS), self.assertRaises(UserError) as catcher:
            yield catcher

    # ------------------------------------------------------------------
    # search, name_search, search_count, read_group
    # ------------------------------------------------------------------
    def test_name_search_and_counts_see_own_children_only(self):
        cases = (
            (self.parent_other, self.child_petr),
            (self.user_student, self.child_ivan),
            (self.teacher_5b, self.child_alexey),
        )
        for user, own in cases:
            with self.subTest(user=user.login):
                found = self._call(user, "school.student", "name_search", "", limit=100)
                self.assertEqual([row[0] for row in found], own.ids)
                self.assertEqual(self._call(user, "school.student", "search_count", []), 1)
                for other in (self.child_maria | self.child_alexey | self.child_ivan | self.child_petr) - own:
                    self.assertFalse(self._call(user, "school.student", "name_search", other.last_name))
                    self.assertEqual(
                        self._call(user, "school.mark", "search_count", [("student_id", "=", other.id)]), 0
                    )

    def test_read_group_groups_own_child_only(self):
        cases = (
            (self.parent_other, self.child_petr, 1),
            (self.user_student, self.child_ivan, 1),
            (self.teacher_5b, self.child_alexey, 1),
        )
        for user, own, count in cases:
            with self.subTest(user=user.login):
                groups = self._call(
                    user, "school.mark", "read_group", [], ["value:count"], ["student_id"], lazy=False
                )
                self.assertEqual([(g["student_id"][0], g["__count"]) for g in groups], [(own.id, count)])
                web_groups = self._call(
                    user, "school.mark", "web_read_group", [], ["student_id"], ["student_id"], lazy=False
                )
                self.assertEqual(web_groups["length"], 1)
                self.assertEqual(web_groups["groups"][0]["student_id"][0], own.id)
                grouped = self._call(
                    user, "school.attendance", "read_group", [], ["code"], ["student_id"], lazy=False
                )
                self.assertFalse({g["student_id"][0] for g in grouped} - set(own.ids))

    def test_domains_through_relations_count_nothing_of_other_children(self):
        """A parent reads the lessons of the child's class: a domain on the lesson's marks,
        attendance or class members must not tell what other children got (a count leak)."""
        Lesson, Mark, Class = "school.lesson", "school.mark", "school.class"
        user = self.parent_other
        # the legitimate read: the own child's class and its lessons
        self.assertEqual(self._call(user, Class, "search", []), self.class_5a.ids)
        self.assertEqual(
            set(self._call(user, Lesson, "search", [])), set((self.lesson_math | self.lesson_russian).ids)
        )
        probes = (
            (Lesson, [("mark_ids.student_id", "=", self.child_maria.id)]),
            (Lesson, [("mark_ids.comment", "ilike", "Молодец")]),
            (Lesson, [("attendance_ids.student_id", "=", self.child_maria.id)]),
            (Lesson, [("attendance_ids.code", "=", "late")]),
            (Mark, [("lesson_id.mark_ids.comment", "ilike", "Молодец")]),
            (Mark, [("lesson_id.mark_ids.student_id", "=", self.child_ivan.id)]),
            (Class, [("student_ids.last_name", "=", "Петрова")]),
            (Class, [("student_ids.guardian_link_ids.guardian_id", "=", self.guardian_father.id)]),
            (Class, [("student_ids.user_id.login", "=", self.user_student.login)]),
            ("res.partner", [("school_guardian_link_ids.student_id", "=", self.child_maria.id)]),
            ("res.partner", [("phone", "=", self.guardian_father.phone)]),
        )
        for model, domain in probes:
            with self.subTest(model=model, domain=domain):
                try:
                    count = self._call(user, model, "search_count", domain)
                except UserError:
                    continue  # a field of the staff's: refused
                self.assertEqual(count, 0)

    # ------------------------------------------------------------------
    # read through relations: web_search_read, web_read, export_data
    # ------------------------------------------------------------------
    def test_related_paths_read_no_other_child_nor_guardian(self):
        user = self.parent_other
        spec = {
            "comment": {},
            "student_id": {
                "fields": {
                    "display_name": {},
                    "guardian_link_ids": {"fields": {"guardian_id": {"fields": {"email": {}, "phone": {}}}}},
                }
            },
            "lesson_id": {
                "fields": {
                    "mark_ids": {"fields": {"comment": {}, "student_id": {"fields": {"display_name": {}}}}},
                    "attendance_ids": {"fields": {"student_id": {"fields": {"display_name": {}}}}},
                    "class_id": {"fields": {"student_ids": {"fields": {"display_name": {}, "email": {}}}}},
                }
            },
        }
        own = self._call(user, "school.mark", "web_search_read", [], {"comment": {}})
        self.assertEqual([r["comment"] for r in own["records"]], ["Секретный комментарий Сидорова"])
        for path, sub in spec.items():
            with self.subTest(path=path):
                try:
                    result = self._call(user, "school.mark", "web_search_read", [], {path: sub})
                except UserError:
                    continue  # refused as a whole: nothing read
                self.assertEqual([r["id"] for r in result["records"]], self.mark_petr_2.ids)
                dump = json.dumps(result, ensure_ascii=False)
                for leaked in ("Молодец", "Ивану", "Петрова", "Иванов", *self.hidden_emails):
                    self.assertNotIn(leaked, dump)
                for leaked in self.hidden_phones:
                    self.assertNotIn(leaked, dump)
        # a one2many lists every id whatever the rules: the members of the class and the
        # entries of a lesson are the staff's fields, not even their ids (their number) leak
        for model, record, fname in (
            ("school.class", self.class_5a, "student_ids"),
            ("school.lesson", self.lesson_math, "mark_ids"),
            ("school.lesson", self.lesson_russian, "attendance_ids"),
            ("school.lesson", self.lesson_math, "individual_homework_ids"),
        ):
            with self.subTest(field=fname), self._refused():
                self._call(user, model, "read", record.ids, [fname])
            self.assertNotIn(fname, self._call(user, model, "fields_get", [], ["string"]))
        lesson = self._call(user, "school.lesson", "read", self.lesson_russian.ids, ["topic", "homework"])
        self.assertEqual(lesson[0]["homework"], "Упражнение 45")  # the diary's own read

    def test_export_and_read_of_other_children_refused(self):
        user = self.parent_other
        for model, records, fields in (
            ("school.mark", self.mark_maria_5, ["value", "comment"]),
            ("school.student", self.child_maria, ["name", "email"]),
            ("school.attendance", self.late_maria, ["code"]),
            ("school.guardian.link", self.link_maria_father, ["guardian_id"]),
            ("res.partner", self.guardian_father, ["name", "email"]),
            ("res.partner", self.parent_mother.partner_id, ["name", "email"]),
            ("res.partner", self.guardian_granny, ["name", "email"]),
        ):
            with self.subTest(model=model, fields=fields):
                with self._refused():
                    self._call(user, model, "read", records.ids, fields)
                with self._refused():
                    self.env[model].with_user(user).browse(records.ids).export_data(fields)
        # a portal user exports nothing, not even the own child's marks through a relation
        with self._refused():
            self.env["school.mark"].with_user(user).browse(self.mark_petr_2.ids).export_data(
                ["comment", "lesson_id/mark_ids/comment"]
            )

    def test_access_rights_answer_read_only(self):
        for user in (self.parent_other, self.user_student):
            with self.subTest(user=user.login):
                for model in ("school.mark", "school.student", "school.lesson"):
                    self.assertTrue(
                        self._call(user, model, "check_access_rights", "read", raise_exception=False)
                    )
                    for operation in ("write", "create", "unlink"):
                        self.assertFalse(
                            self._call(user, model, "check_access_rights", operation, raise_exception=False)
                        )

    def test_fields_get_hides_personal_fields(self):
        for user in (self.parent_other, self.user_student, self.teacher_5b):
            with self.subTest(user=user.login):
                described = self._call(user, "school.student", "fields_get", [], ["string"])
                self.assertIn("last_name", described)
                self.assertFalse({"snils", "birthdate"} & set(described))

    # ------------------------------------------------------------------
    # contacts and accounts behind the records
    # ------------------------------------------------------------------
    def test_accounts_of_other_families_not_readable(self):
        """res.users inherits the contact of its partner: a parent, a student or a teacher of
        another class reading the accounts of other parents gets neither their login nor
        their contacts (SEC-5)."""
        for user, other_families in (
            (self.parent_other, self.parent_mother | self.parent_ended),
            (self.user_student, self.parent_mother | self.parent_ended | self.parent_other),
            # the mother of Alexey (5Б) is a guardian of the class taught: visible (ROLE-5)
            (self.teacher_5b, self.parent_other | self.parent_ended),
        ):
            with self.subTest(user=user.login):
                hidden = other_families.partner_id
                found = self._call(
                    user, "res.users", "search_read", [("share", "=", True)], ["login", "email", "phone"]
                )
                self.assertFalse({row["id"] for row in found} & set(other_families.ids))
                dump = json.dumps(found, ensure_ascii=False)
                for leaked in (*hidden.mapped("email"), *filter(None, hidden.mapped("phone"))):
                    self.assertNotIn(leaked, dump)
                for account in other_families:
                    with self._refused():
                        self._call(user, "res.users", "read", account.ids, ["login"])
                    self.assertEqual(
                        self._call(user, "res.users", "search_count", [("login", "=", account.login)]), 0
                    )
                own = self._call(user, "res.users", "read", user.ids, ["login"])
                self.assertEqual(own[0]["login"], user.login)
        # the teacher of 5Б keeps the account of the mother of a 5Б child
        found = self._call(self.teacher_5b, "res.users", "read", self.parent_mother.ids, ["login"])
        self.assertEqual(found[0]["login"], self.parent_mother.login)

    def test_other_guardians_contacts_refused(self):
        for user in (self.parent_other, self.user_student):
            with self.subTest(user=user.login):
                found = self._call(user, "res.partner", "search_read", [], ["email", "phone"])
                dump = json.dumps(found, ensure_ascii=False)
                for leaked in (*self.hidden_emails, *self.hidden_phones):
                    self.assertNotIn(leaked, dump)

    # ------------------------------------------------------------------
    # the chatter
    # ------------------------------------------------------------------
    def test_messages_of_other_children_and_classes_hidden(self):
        for user in (self.parent_other, self.user_student, self.teacher_5b):
            with self.subTest(user=user.login):
                found = self._call(
                    user,
                    "mail.message",
                    "search_read",
                    [("model", "in", ["school.student", "school.lesson"])],
                    ["body", "model", "res_id"],
                )
                ids = {row["id"] for row in found}
                self.assertNotIn(self.msg_maria.id, ids)
                with self._refused():
                    self._call(user, "mail.message", "read", self.msg_maria.ids, ["body"])
                with self._refused():
                    self._call(user, "school.student", "message_post", self.child_maria.ids, body="Привет")
                if user != self.teacher_5b:
                    self.assertNotIn(self.msg_5b.id, ids)
                    self.assertIn(self.msg_5a.id, ids)  # the own class's lesson
                    with self._refused():
                        self._call(user, "mail.message", "read", self.msg_5b.ids, ["body"])
                    # a parent or a student writes nothing in the staff's chatter
                    with self._refused():
                        self._call(user, "school.lesson", "message_post", self.lesson_math.ids, body="Привет")
                else:
                    self.assertNotIn(self.msg_5a.id, ids)
        self.assertEqual(self.child_maria.message_ids.filtered(lambda m: "Привет" in (m.body or "")).ids, [])

    def test_unpublished_period_mark_and_its_chatter_hidden(self):
        """FINAL-3: a period mark not published yet is not the parent's, nor its messages."""
        for user in (self.parent_other, self.user_student):
            with self.subTest(user=user.login):
                domain = [("id", "=", self.pmark_hidden.id)]
                self.assertEqual(self._call(user, "school.period.mark", "search_count", domain), 0)
                with self._refused():
                    self._call(user, "mail.message", "read", self.msg_pmark_hidden.ids, ["body"])
                found = self._call(user, "mail.message", "search", [("model", "=", "school.period.mark")])
                self.assertNotIn(self.msg_pmark_hidden.id, found)

    def test_class_chats_of_other_classes_hidden(self):
        """COMM-1: the chat of a class is its teachers' and guardians', not another class's."""
        chat_5a, chat_5b = self.class_5a.discuss_channel_id, self.class_5b.discuss_channel_id
        self.assertTrue(chat_5a and chat_5b)
        for user, other_chat in (
            (self.parent_other, chat_5b),
            (self.user_student, chat_5b),
            (self.teacher_5b, chat_5a),
        ):
            with self.subTest(user=user.login):
                found = self._call(user, "discuss.channel", "search", [("id", "in", (chat_5a | chat_5b).ids)])
                self.assertNotIn(other_chat.id, found)
                members = self._call(
                    user, "discuss.channel.member", "search", [("channel_id", "=", other_chat.id)]
                )
                self.assertEqual(members, [])

    def test_notifications_and_outgoing_mail_of_others_hidden(self):
        """The notice of a message on a child's card to its guardian (a notification, an
        e-mail) is the guardian's: another class's teacher reads neither."""
        self.child_maria.message_post(
            body="Уведомление маме Марии",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.parent_mother.partner_id.ids,
        )
        notified = self.env["mail.notification"].search(
            [("res_partner_id", "=", self.parent_mother.partner_id.id)]
        )
        self.assertTrue(notified)
        for user in (self.teacher_5b, self.parent_other):
            with self.subTest(user=user.login):
                try:
                    found = self._call(user, "mail.notification", "search", [("id", "in", notified.ids)])
                except UserError:
                    found = []
                self.assertEqual(found, [])
                with self._refused():
                    self._call(user, "mail.mail", "search_read", [], ["body_html", "email_to"])

    def test_chats_with_unreadable_contacts_refused(self):
        """COMM-1, SEC-5: Discuss opens a chat, a group or adds a member by contact id: a
        teacher of another class or a parent brings in nobody whose contact they may not read
        (the chat would show the person's name and reach them); own contacts keep working."""
        chat_5a, chat_5b = self.class_5a.discuss_channel_id, self.class_5b.discuss_channel_id
        mother_other = self.parent_other.partner_id
        with self._refused():
            self._call(self.teacher_5b, "discuss.channel", "channel_get", [mother_other.id])
        with self._refused():
            self._call(self.teacher_5b, "discuss.channel", "create_group", [mother_other.id])
        with self._refused():
            self._call(
                self.teacher_5b, "discuss.channel", "add_members", chat_5b.ids, partner_ids=mother_other.ids
            )
        self.assertNotIn(mother_other, chat_5b.channel_member_ids.partner_id)
        self.assertFalse(
            self.env["discuss.channel"].search(
                [("channel_member_ids.partner_id", "=", mother_other.id), ("id", "not in", chat_5a.ids)]
            )
        )
        # a parent in the chat of the own class adds no stranger to it
        with self._refused():
            self._call(
                self.parent_other,
                "discuss.channel",
                "add_members",
                chat_5a.ids,
                partner_ids=self.guardian_father.ids,
            )
        self.assertNotIn(self.guardian_father, chat_5a.channel_member_ids.partner_id)
        # the mother of a 5Б child is a contact of the 5Б teacher: the chat opens
        info = self._call(
            self.teacher_5b, "discuss.channel", "channel_get", [self.parent_mother.partner_id.id]
        )
        self.assertTrue(info)
        self.assertTrue(
            self.env["discuss.channel"].search(
                [
                    ("channel_type", "=", "chat"),
                    ("channel_member_ids.partner_id", "=", self.parent_mother.partner_id.id),
                    ("channel_member_ids.partner_id", "=", self.teacher_5b.partner_id.id),
                ]
            )
        )

    def test_followers_of_other_children_hidden(self):
        """The followers of a child's card name the child's guardians: a teacher of another
        class learns neither who they are nor their e-mail (SEC-5, ROLE-5)."""
        user = self.teacher_5b
        found = self._call(
            user,
            "mail.followers",
            "search_read",
            [("res_model", "=", "school.student")],
            ["res_id", "partner_id", "name", "email"],
        )
        self.assertFalse({row["res_id"] for row in found} - set(self.child_alexey.ids))
        dump = json.dumps(found, ensure_ascii=False)
        self.assertNotIn(self.parent_other.partner_id.email, dump)
        # the own class's child: its followers stay visible to its teacher
        self.assertIn(self.child_alexey.id, {row["res_id"] for row in found})
        for user in (self.parent_other, self.user_student):
            with self.subTest(user=user.login), self._refused():
                self._call(user, "mail.followers", "search_read", [], ["res_id", "partner_id"])

    def test_activities_of_other_records_hidden(self):
        activity = self.env["mail.activity"].create(
            {
                "res_model_id": self.env["ir.model"]._get_id("school.student"),
                "res_id": self.child_maria.id,
                "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
                "summary": "Позвонить маме Марии",
                "user_id": self.class_teacher.id,
            }
        )
        self.assertFalse(
            self._call(self.teacher_5b, "mail.activity", "search", [("res_model", "=", "school.student")])
        )
        with self._refused():
            self._call(self.teacher_5b, "mail.activity", "read", activity.ids, ["summary"])
        for user in (self.parent_other, self.user_student):
            with self.subTest(user=user.login), self._refused():
                self._call(user, "mail.activity", "search_read", [], ["summary"])

    # ------------------------------------------------------------------
    # attachments
    # ------------------------------------------------------------------
    def test_attachments_of_other_classes_and_children_refused(self):
        # portal users read no attachment over the ORM: the diary serves the files of the own
        # child's lessons through its own route (test_files_of_other_classes_and_children)
        for user in (self.parent_other, self.user_student):
            with self.subTest(user=user.login):
                with self._refused():
                    self._call(user, "ir.attachment", "search", [("res_model", "like", "school.")])
                for attachment in self.file_5b | self.file_maria:
                    with self._refused():
                        self._call(user, "ir.attachment", "read", attachment.ids, ["raw", "access_token"])
        found = self._call(self.teacher_5b, "ir.attachment", "search", [("res_model", "like", "school.")])
        self.assertIn(self.file_5b.id, found)
        self.assertFalse({self.file_5a.id, self.file_maria.id} & set(found))
        with self._refused():
            self._call(self.teacher_5b, "ir.attachment", "read", self.file_maria.ids, ["raw"])


@tagged("post_install", "-at_install")
class TestGenericHttpPaths(GenericPathsFixture, HttpCase):
    """The same roles over HTTP: Odoo's mail, file, report and export routes, JSON-RPC."""

    def _json(self, route, params):
        """The decoded JSON-RPC answer of ``route`` (result or error)."""
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(
                route,
                data=json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )
        self.assertEqual(response.status_code, 200)
        return response.json()

    def _get(self, url):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(url, allow_redirects=False)

    def _assert_refused_urls(self, urls, absent):
        """Each of ``urls`` is refused (no 200) and its answer names none of ``absent``."""
        for url in urls:
            with self.subTest(url=url):
                response = self._get(url)
                self.assertNotEqual(response.status_code, 200)
                for text in absent:
                    self.assertNotIn(text, response.text)

    def test_call_kw_over_http(self):
        self.authenticate(self.parent_other.login, self.parent_other.login)
        answer = self._json(
            "/web/dataset/call_kw/school.mark/search_read",
            {
                "model": "school.mark",
                "method": "search_read",
                "args": [[]],
                "kwargs": {"fields": ["comment", "student_id"]},
            },
        )
        self.assertEqual([row["id"] for row in answer["result"]], self.mark_petr_2.ids)
        answer = self._json(
            "/web/dataset/call_kw/school.mark/read",
            {
                "model": "school.mark",
                "method": "read",
                "args": [self.mark_maria_5.ids, ["comment"]],
                "kwargs": {},
            },
        )
        self.assertEqual(answer["error"]["data"]["name"], "odoo.exceptions.AccessError")
        self.assertNotIn("Молодец", json.dumps(answer, ensure_ascii=False))

    def test_mail_routes_on_other_children(self):
        for user in (self.parent_other, self.user_student, self.teacher_5b):
            with self.subTest(user=user.login):
                self.authenticate(user.login, user.login)
                answer = self._json(
                    "/mail/thread/messages",
                    {"thread_model": "school.student", "thread_id": self.child_maria.id},
                )
                self.assertEqual(answer["result"]["messages"], [])
                self.assertNotIn("справка", json.dumps(answer, ensure_ascii=False))
                answer = self._json(
                    "/mail/thread/data",
                    {
                        "thread_model": "school.student",
                        "thread_id": self.child_maria.id,
                        "request_list": ["followers", "attachments", "activities"],
                    },
                )
                dump = json.dumps(answer, ensure_ascii=False)
                self.assertNotIn("maria_medical", dump)
                self.assertNotIn(self.parent_mother.partner_id.email, dump)
                self.assertNotIn("Петрова Елена", dump)
                answer = self._json(
                    "/mail/message/post",
                    {
                        "thread_model": "school.student",
                        "thread_id": self.child_maria.id,
                        "post_data": {"body": "Чужое сообщение", "message_type": "comment"},
                    },
                )
                self.assertIn("error", answer)
        self.assertFalse(
            self.env["mail.message"].search([("model", "=", "school.student"), ("body", "ilike", "Чужое")])
        )
        # a file uploaded onto another child's card
        self.authenticate(self.parent_other.login, self.parent_other.login)
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(
                "/mail/attachment/upload",
                data={
                    "thread_id": self.child_maria.id,
                    "thread_model": "school.student",
                    "csrf_token": http.Request.csrf_token(self),
                },
                files={"ufile": ("note.txt", b"uploaded by another parent", "text/plain")},
            )
        self.assertNotEqual(response.status_code, 200)
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "note.txt")]))

    def test_files_of_other_classes_and_children(self):
        self.authenticate(self.parent_other.login, self.parent_other.login)
        # the diary's link to the own class's homework file, through the diary's route
        token = self.file_5a_token
        own = self._get(f"/my/diary/{self.child_petr.id}/homework/{self.lesson_math.id}/{self.file_5a.id}")
        self.assertEqual(own.status_code, 200)
        self.assertEqual(own.content, b"5A homework for the class")
        self.assertEqual(self._get(f"/web/content/{self.file_5a.id}").status_code, 404)
        self.assertEqual(self._get(f"/web/content/{self.file_5a.id}?access_token={token}").status_code, 404)
        self.assertEqual(self._get(f"/web/content/{self.file_5b.id}?access_token={token}").status_code, 404)
        for attachment in self.file_5b | self.file_maria:
            response = self._get(f"/web/content/{attachment.id}?download=true")
            self.assertIn(response.status_code, (403, 404))
            self.assertNotIn(b"secret", response.content)
            self.assertNotIn(b"Maria", response.content)
        response = self._get(f"/web/image/school.student/{self.child_maria.id}/image_128")
        self.assertNotEqual(response.content, base64.b64decode(PHOTO))
        response = self._get(f"/web/image/res.partner/{self.child_maria.partner_id.id}/image_1920")
        self.assertNotEqual(response.content, base64.b64decode(PHOTO))
        response = self._get(f"/web/content/school.student/{self.child_maria.id}/image_1920")
        self.assertNotEqual(response.content, base64.b64decode(PHOTO))

    def test_reports_with_other_children_ids(self):
        self.authenticate(self.parent_other.login, self.parent_other.login)
        self._assert_refused_urls(
            (
                f"/report/html/school_ejournal.report_guardian_digest/{self.link_maria_mother.id}",
                f"/report/pdf/school_ejournal.report_guardian_digest/{self.link_alexey_mother.id}",
            ),
            ("Петрова", "Алексей"),
        )
        # the forms of the reports addon: staff only, whatever the ids and parameters
        for code in ("student_results", "class_results"):
            options = json.dumps(
                {"report_code": code, "class_id": self.class_5a.id, "student_id": self.child_maria.id}
            )
            url = f"/report/html/school_ejournal_reports.report_{code}/{self.child_maria.id}"
            response = self._get(f"{url}?options={options}")
            self.assertNotEqual(response.status_code, 200)
            self.assertNotIn("Петрова", response.text)
        # the own child's digest: the parent's own link
        response = self._get(f"/report/html/school_ejournal.report_guardian_digest/{self.link_petr_other.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Сидоров", response.text)

    def test_csv_export_of_other_children(self):
        self.authenticate(self.parent_other.login, self.parent_other.login)
        for model, ids, fields in (
            ("school.mark", self.mark_maria_5.ids, ["value", "comment"]),
            ("school.mark", [], ["comment", "student_id/name"]),
            ("school.student", self.child_maria.ids, ["name", "email"]),
            ("res.users", self.parent_mother.ids, ["login", "email", "phone"]),
        ):
            with self.subTest(model=model, ids=ids):
                with mute_logger(*MUTE_HTTP):
                    response = self.url_open(
                        "/web/export/csv",
                        data={
                            "data": json.dumps(
                                {
                                    "model": model,
                                    "fields": [{"name": f, "label": f} for f in fields],
                                    "ids": ids,
                                    "domain": [],
                                    "import_compat": False,
                                }
                            ),
                            "csrf_token": http.Request.csrf_token(self),
                        },
                    )
                for leaked in ("Молодец", "Петрова", "Иванов", *self.hidden_emails, *self.hidden_phones):
                    self.assertNotIn(leaked, response.text)

    def test_diary_routes_with_other_children_ids(self):
        self.authenticate(self.parent_other.login, self.parent_other.login)
        self._assert_refused_urls(
            (
                f"/my/diary/{self.child_maria.id}/disputes",
                f"/my/diary/{self.child_petr.id}/dispute/{self.mark_maria_5.id}",
                f"/my/diary/{self.child_maria.id}/dispute/{self.mark_maria_5.id}",
                f"/my/diary/{self.child_alexey.id}/teachers",
            ),
            ("Молодец", "Петрова"),
        )
