"""Letters between a family and the school (SEC-5, COMM-1, P 2.10, P 3.5, P 4.3).

A guardian's or a student's letter to the class teacher from the e-diary reaches the class
teacher only and is read by its author, the class teacher, the deputy director and the
director; not by the child's other guardian, the child, nor the other teachers of the class,
over the ORM, the e-diary's page or the chatter's JSON-RPC routes; nor are its files and
whom it reached.
"""

from odoo import http
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, DiaryFixtures


@tagged("post_install", "-at_install")
class TestFamilyLetters(DiaryFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Maria's second guardian with a login; Ivan (a student with a login) has a mother too
        cls.parent_father2 = cls._new_mail_user("dn_father2", "parent", "Петров Олег Сергеевич")
        cls.parent_ivan = cls._new_mail_user("dn_ivan_mother", "parent", "Иванова Анна Петровна")
        cls.user_deputy = cls._new_mail_user("dn_deputy", "deputy", "Завучева Зоя Петровна")
        cls._link_guardians(
            [
                (cls.child_maria, cls.parent_father2.partner_id, "father"),
                (cls.child_ivan, cls.parent_ivan.partner_id, "mother"),
            ],
            date_start=cls.year.date_start,
        )

    def _write(self, user, child, body):
        self.authenticate(user.login, user.login)
        response = self.url_open(
            f"/my/diary/{child.id}/message",
            data={"body": body, "csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertEqual(response.status_code, 303)
        return self.env["mail.message"].search([("body", "ilike", body)])

    def _readers(self, message, users):
        readable = {}
        for user in users:
            found = (
                self.env["mail.message"]
                .with_user(user)
                .search([("model", "=", "school.student"), ("res_id", "=", message.res_id)])
            )
            readable[user.login] = message in found
        return readable

    def _rpc_text(self, route, params):
        """The answer of a JSON-RPC route as text; a refusal answers nothing."""
        try:
            with mute_logger(*MUTE_ACCESS, "odoo.http"):
                return str(self.make_jsonrpc_request(route, params))
        except JsonRpcException as refused:
            self.assertIn("AccessError", str(refused))
            return ""

    def test_letter_stays_between_guardian_and_school(self):
        # the other guardian wrote first: he follows the child's card
        self._write(self.parent_father2, self.child_maria, "Вопрос отца о кружке")
        letter = self._write(self.parent_mother, self.child_maria, "Личное: Маша у психолога")
        self.assertEqual(len(letter), 1)
        self.assertFalse(
            self.env["mail.notification"].search(
                [
                    ("mail_message_id", "=", letter.id),
                    ("res_partner_id", "=", self.parent_father2.partner_id.id),
                ]
            ),
            "the letter reaches the class teacher only",
        )
        readers = self._readers(
            letter,
            self.parent_mother
            | self.parent_father2
            | self.class_teacher
            | self.teacher_russian
            | self.user_deputy,
        )
        self.assertEqual(
            readers,
            {
                "dn_mother": True,
                "dn_father2": False,
                "dn_class_teacher": True,
                "dn_teacher_russian": False,
                "dn_deputy": True,
            },
        )
        # nor whom it reached
        for user in (self.parent_father2, self.teacher_russian):
            self.assertFalse(
                self.env["mail.notification"].with_user(user).search([("mail_message_id", "=", letter.id)])
            )
        self.assertTrue(
            self.env["mail.notification"]
            .with_user(self.class_teacher)
            .search([("mail_message_id", "=", letter.id)])
        )
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            letter.with_user(self.teacher_russian).read(["body"])
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            letter.with_user(self.parent_father2).read(["body"])
        # the e-diary's page of the other guardian and the thread's messages over JSON-RPC
        self.authenticate("dn_father2", "dn_father2")
        page = self.url_open(f"/my/diary/{self.child_maria.id}/message")
        self.assertIn("Вопрос отца о кружке", page.text)
        self.assertNotIn("Маша у психолога", page.text)
        self.authenticate("dn_teacher_russian", "dn_teacher_russian")
        result = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "school.student", "thread_id": self.child_maria.id}
        )
        self.assertNotIn("Маша у психолога", str(result))
        # the class teacher's answer to the mother reaches her
        answer = self.child_maria.sudo().message_post(
            body="Ответ маме",
            author_id=self.class_teacher.partner_id.id,
            partner_ids=self.parent_mother.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        self.assertTrue(self._readers(answer, self.parent_mother)["dn_mother"])
        self.assertFalse(self._readers(answer, self.teacher_russian)["dn_teacher_russian"])

    def test_class_teacher_answers_one_guardian(self):
        """Both guardians follow the child's card (each wrote once): the class teacher's
        answer naming the mother reaches her only; a message naming nobody of the family
        reaches both, as Odoo's followers do."""
        self._write(self.parent_father2, self.child_maria, "Отец: вопрос о кружке")
        self._write(self.parent_mother, self.child_maria, "Мама: вопрос о здоровье")
        card = self.child_maria.with_user(self.class_teacher).with_context(mail_notrack=False)
        answer = card.message_post(
            body="Ответ маме о здоровье",
            partner_ids=self.parent_mother.partner_id.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        notified = self.env["mail.notification"].search([("mail_message_id", "=", answer.id)]).res_partner_id
        self.assertIn(self.parent_mother.partner_id, notified)
        self.assertNotIn(self.parent_father2.partner_id, notified)
        self.assertEqual(
            self._readers(answer, self.parent_mother | self.parent_father2),
            {"dn_mother": True, "dn_father2": False},
        )
        to_family = card.message_post(
            body="Собрание в пятницу", message_type="comment", subtype_xmlid="mail.mt_comment"
        )
        notified = (
            self.env["mail.notification"].search([("mail_message_id", "=", to_family.id)]).res_partner_id
        )
        self.assertGreaterEqual(notified, self.parent_mother.partner_id | self.parent_father2.partner_id)

    def test_child_does_not_read_the_parents_letter(self):
        letter = self._write(self.parent_ivan, self.child_ivan, "Ваня плохо спит")
        readers = self._readers(letter, self.user_student | self.parent_ivan | self.class_teacher)
        self.assertEqual(readers, {"dn_student": False, "dn_ivan_mother": True, "dn_class_teacher": True})

    def test_letter_files_and_thread_data_over_json_rpc(self):
        """The class teacher writes to the mother with a file: the other guardian and a subject
        teacher of the class get neither the letter nor its file over the chatter's
        JSON-RPC routes and the ORM; the mother and the class teacher do."""
        attachment = self.env["ir.attachment"].create(
            {
                "name": "Справка_для_мамы.pdf",
                "raw": b"%PDF-1.4 letter",
                "res_model": "school.student",
                "res_id": self.child_maria.id,
            }
        )
        self.child_maria.sudo().message_post(
            body="Справка во вложении",
            author_id=self.class_teacher.partner_id.id,
            partner_ids=self.parent_mother.partner_id.ids,
            attachment_ids=attachment.ids,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
        )
        Attachment = self.env["ir.attachment"]
        domain = [("res_model", "=", "school.student"), ("res_id", "=", self.child_maria.id)]
        self.assertNotIn(attachment, Attachment.with_user(self.teacher_russian).search(domain))
        self.assertIn(attachment, Attachment.with_user(self.class_teacher).search(domain))
        self.assertIn(attachment, Attachment.with_user(self.user_deputy).search(domain))
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            attachment.with_user(self.teacher_russian).read(["name", "datas"])
        params = {
            "thread_model": "school.student",
            "thread_id": self.child_maria.id,
            "request_list": ["followers", "attachments", "activities", "suggestedRecipients"],
        }
        for login in ("dn_father2", "dn_teacher_russian"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                text = self._rpc_text("/mail/thread/data", params) + self._rpc_text(
                    "/mail/thread/messages",
                    {"thread_model": "school.student", "thread_id": self.child_maria.id},
                )
                self.assertNotIn("Справка", text)
                self.assertNotIn("dn_mother@example.com", text)
        self.authenticate("dn_mother", "dn_mother")
        messages = self.make_jsonrpc_request(
            "/mail/thread/messages", {"thread_model": "school.student", "thread_id": self.child_maria.id}
        )
        self.assertIn("Справка во вложении", str(messages))


@tagged("post_install", "-at_install")
class TestComposerRecipientsScreen(DiaryFixtures, HttpCase):
    """A message written in the browser on the follow-up of a child's unsatisfactory period
    mark, which the child's guardians follow (SEC-5, P 3.5, P 4.3, P 4.4): the composer's
    recipients show the family's e-mails to the deputy director, who keeps every family's
    contact, and only their names to the subject teacher who writes the follow-up."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_deputy = cls._new_mail_user("dn_deputy_composer", "deputy", "Завучева Зоя Петровна")
        period_mark = cls._period_mark(cls.child_maria, cls.subject_russian, cls.class_5a, cls.term, value=2)
        Followup = cls.env["school.followup"]
        cls.followup = Followup.search([("period_mark_id", "=", period_mark.id)]) or Followup.create(
            {"period_mark_id": period_mark.id, "teacher_id": cls.teacher_russian.id, "reason": "mark_2"}
        )
        # the period mark was set by the fixtures' superuser: the follow-up is the subject teacher's
        cls.followup.teacher_id = cls.teacher_russian
        cls.followup.message_subscribe(partner_ids=cls.guardian_father.ids)

    def _open_followup(self, user, tour):
        # the father follows the follow-up: the composer names him among the recipients
        self.assertIn(self.guardian_father, self.followup.message_partner_ids)
        self.start_tour(
            f"/odoo/action-school_ejournal.school_followup_action/{self.followup.id}",
            tour,
            login=user.login,
        )

    def test_the_subject_teacher_sees_no_family_email(self):
        self.assertEqual(self.followup.teacher_id, self.teacher_russian)
        self._open_followup(self.teacher_russian, "school_composer_recipients_hidden_tour")

    def test_the_deputy_sees_the_family_email(self):
        self._open_followup(self.user_deputy, "school_composer_recipients_shown_tour")
