"""The lessons' homework files (PORT-1, PORT-2, SEC-3, ROLE-5, ROLE-7, ROLE-8).

The e-diary links a lesson's homework files through its own route, which checks at every
download that the reader may see that lesson in that student's diary now: a guardian whose
link has ended, a student who has left the class, another lesson's or another file's id get
a 404; no access token opens a homework file. The lesson's form and the journal grid's
lesson panel accept as homework files the same files: the teacher's own uploads to that
lesson (to the lesson being created, in the form).
"""

import base64
import json
from datetime import timedelta

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, DiaryFixtures
from .test_generic_paths_access import MUTE_HTTP, GenericPathsFixture


@tagged("post_install", "-at_install")
class TestHomeworkFileDownloads(GenericPathsFixture, HttpCase):
    """``file_5a`` is the homework file of 5А's Math lesson on ``day1``; ``parent_other`` is
    the mother of Petr (5А), ``user_student`` is Ivan (5А), ``parent_ended``'s link to Maria
    ended yesterday."""

    def _get(self, url):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(url, allow_redirects=False)

    def _url(self, student, lesson=None, attachment=None):
        lesson, attachment = lesson or self.lesson_math, attachment or self.file_5a
        return f"/my/diary/{student.id}/homework/{lesson.id}/{attachment.id}"

    def _assert_refused(self, url):
        response = self._get(url)
        self.assertIn(response.status_code, (403, 404), url)
        self.assertNotIn(b"homework", response.content)

    def test_diary_links_the_file_through_its_route(self):
        """The guardian's week page links the file through the diary's route, with no token,
        and the signed-in guardian downloads it there."""
        self.authenticate(self.parent_other.login, self.parent_other.login)
        page = self._get(f"/my/diary/{self.child_petr.id}?date={self.day1}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self._url(self.child_petr), page.text)
        self.assertNotIn("access_token", page.text)
        self.assertNotIn(self.file_5a_token, page.text)
        response = self._get(self._url(self.child_petr))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"5A homework for the class")
        self.assertIn("attachment", response.headers.get("Content-Disposition", ""))
        # the student downloads the own class's file the same way
        self.authenticate(self.user_student.login, self.user_student.login)
        response = self._get(self._url(self.child_ivan))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"5A homework for the class")

    def test_token_given_once_opens_nothing_after_the_link_ends(self):
        """The last session's finding: a homework file's token, once in a guardian's hands,
        opened the file after the guardian link had ended. No token opens a homework file
        now, whoever holds it; the diary's route refuses the guardian once the link ends."""
        # a token as the diary gave them before
        token = self.file_5a.sudo().generate_access_token()[0]
        self.authenticate(self.parent_other.login, self.parent_other.login)
        self.assertEqual(self._get(self._url(self.child_petr)).status_code, 200)
        self._assert_refused(f"/web/content/{self.file_5a.id}?access_token={token}&download=true")
        self._assert_refused(f"/web/content/ir.attachment/{self.file_5a.id}/raw?access_token={token}")
        self.link_petr_other.date_end = self.today - timedelta(days=1)
        self._assert_refused(self._url(self.child_petr))
        self._assert_refused(f"/web/content/{self.file_5a.id}?access_token={token}&download=true")
        # nor when not signed in
        self.logout()
        self._assert_refused(f"/web/content/{self.file_5a.id}?access_token={token}&download=true")

    def test_ended_link_and_probed_ids_are_refused(self):
        """A guardian whose link ended yesterday, another child's diary, another lesson's or
        another file's id: 404 and no data."""
        self.authenticate(self.parent_ended.login, self.parent_ended.login)
        self._assert_refused(self._url(self.child_maria))
        self.authenticate(self.parent_other.login, self.parent_other.login)
        for url in (
            # another child's diary (Maria, 5А; Alexey, 5Б)
            self._url(self.child_maria),
            self._url(self.child_alexey, self.lesson_5b, self.file_5b),
            # another class's lesson and file through the own child's diary
            self._url(self.child_petr, self.lesson_5b, self.file_5b),
            # another class's file through the own class's lesson, and the other way round
            self._url(self.child_petr, self.lesson_math, self.file_5b),
            self._url(self.child_petr, self.lesson_5b, self.file_5a),
            # a file of no lesson, a lesson with no such file
            self._url(self.child_petr, self.lesson_math, self.file_maria),
            self._url(self.child_petr, self.lesson_russian, self.file_5a),
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertEqual(response.status_code, 404)
                self.assertNotIn(b"secret", response.content)
                self.assertNotIn(b"Maria", response.content)
                self.assertNotIn(b"5A homework", response.content)

    def test_student_who_left_the_class(self):
        """ROLE-7: a student transferred to another class no longer downloads the old
        class's homework files."""
        self.authenticate(self.user_student.login, self.user_student.login)
        self.assertEqual(self._get(self._url(self.child_ivan)).status_code, 200)
        self.env["school.movement.wizard"].create(
            {
                "movement_type": "transfer",
                "student_ids": [Command.set(self.child_ivan.ids)],
                "to_class_id": self.class_5b.id,
                "date": max(self.today, self.day2 + timedelta(days=1)),
                "order_number": "12-у",
            }
        ).action_apply()
        self.assertEqual(self.child_ivan.class_id, self.class_5b)
        self._assert_refused(self._url(self.child_ivan))

    def test_subgroup_homework_of_the_other_group(self):
        """JOUR-12: a lesson of a subgroup the child is not in gives no file, though the
        lesson's class is the child's."""
        subgroup = self._create_subgroup(
            self.class_5a, self.subject_russian, self.teacher_russian, self.child_maria, name="Группа 2"
        )
        lesson = self.env["school.lesson"].create(
            self._lesson_vals(
                self.class_5a,
                self.subject_russian,
                self.teacher_russian,
                self.day2,
                lesson_number=5,
                subgroup_id=subgroup.id,
            )
        )
        upload = self.env["ir.attachment"].create(
            {
                "name": "group2.txt",
                "raw": b"group 2 homework",
                "res_model": "school.lesson",
                "res_id": lesson.id,
            }
        )
        lesson.homework_attachment_ids = [Command.link(upload.id)]
        self.authenticate(self.parent_mother.login, self.parent_mother.login)
        response = self._get(self._url(self.child_maria, lesson, upload))
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"group 2 homework")
        self.authenticate(self.parent_other.login, self.parent_other.login)
        response = self._get(self._url(self.child_petr, lesson, upload))
        self.assertEqual(response.status_code, 404)
        self.assertNotIn(b"group 2", response.content)

    def test_staff_reads_the_file_by_the_lesson(self):
        """The staff who read the lesson read its files by their rights, with no token; a
        teacher of another class does not."""
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        response = self._get(f"/web/content/{self.file_5a.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"5A homework for the class")
        self.authenticate(self.teacher_5b.login, self.teacher_5b.login)
        self._assert_refused(f"/web/content/{self.file_5a.id}?download=true")


@tagged("post_install", "-at_install")
class TestHomeworkFilesCheck(DiaryFixtures):
    """One check of the homework files for the lesson's form (create, write) and the grid's
    lesson panel (``save_lesson``): the teacher's own uploads to that lesson only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy = cls._new_mail_user("hw_deputy", "deputy", "Завучева Зинаида Петровна")
        # another lesson of the same teacher, whose upload is not this lesson's file
        cls.other_lesson = cls._lesson(
            cls.class_5a, cls.subject_math, cls.class_teacher, cls.day2, lesson_number=4
        )
        Attachment = cls.env["ir.attachment"].with_user(cls.class_teacher)
        cls.own_upload, cls.no_record, cls.new_lesson_upload, cls.other_lesson_upload = Attachment.create(
            [
                {
                    "name": "own.pdf",
                    "raw": b"%PDF own",
                    "res_model": "school.lesson",
                    "res_id": cls.lesson_math.id,
                },
                {"name": "loose.pdf", "raw": b"%PDF loose"},
                {"name": "new.pdf", "raw": b"%PDF new", "res_model": "school.lesson", "res_id": 0},
                {
                    "name": "other.pdf",
                    "raw": b"%PDF other lesson",
                    "res_model": "school.lesson",
                    "res_id": cls.other_lesson.id,
                },
            ]
        )

    def _form(self):
        return self.env["school.lesson"].with_user(self.class_teacher).browse(self.lesson_math.id)

    def _panel(self, files):
        return (
            self.env["school.journal.grid"]
            .with_user(self.class_teacher)
            .save_lesson(self.lesson_math.id, {"homework_attachment_ids": files.ids})
        )

    def _refused(self, call):
        with self.assertRaises(AccessError), mute_logger(*MUTE_ACCESS):
            call()

    def test_form_and_panel_refuse_the_same_files(self):
        """A file of no record or a leftover upload to a lesson not saved (the panel refused
        them, the form took them), the teacher's upload to another lesson: refused on both
        paths."""
        for attachment in (self.no_record, self.new_lesson_upload, self.other_lesson_upload):
            with self.subTest(file=attachment.name, path="form"):
                self._refused(
                    lambda attachment=attachment: self._form().write(
                        {"homework_attachment_ids": [Command.link(attachment.id)]}
                    )
                )
            with self.subTest(file=attachment.name, path="panel"):
                self._refused(lambda attachment=attachment: self._panel(attachment))
        self.assertFalse(self.lesson_math.homework_attachment_ids)

    def test_form_and_panel_take_the_own_upload(self):
        self._form().write({"homework_attachment_ids": [Command.link(self.own_upload.id)]})
        self.assertEqual(self.lesson_math.homework_attachment_ids, self.own_upload)
        self.lesson_math.homework_attachment_ids = [Command.clear()]
        values = self._panel(self.own_upload)
        self.assertEqual(values["homework_files"], [{"id": self.own_upload.id, "name": "own.pdf"}])
        self.assertEqual(self.lesson_math.homework_attachment_ids, self.own_upload)
        self.assertFalse(self.own_upload.sudo().access_token)

    def test_no_file_of_a_school_record_made_public(self):
        """A public file is served to anybody by its id: a teacher makes no file of a school
        record public, at its upload, later, or by moving a public file onto a lesson."""
        Attachment = self.env["ir.attachment"].with_user(self.class_teacher)
        self._refused(
            lambda: Attachment.create(
                {
                    "name": "open.pdf",
                    "raw": b"%PDF open",
                    "public": True,
                    "res_model": "school.lesson",
                    "res_id": self.lesson_math.id,
                }
            )
        )
        self._refused(lambda: self.own_upload.with_user(self.class_teacher).write({"public": True}))
        self.assertFalse(self.own_upload.sudo().public)
        # a public file of no record (Odoo's own use) stays possible, not on a school record
        loose = Attachment.create({"name": "poster.png", "raw": b"png", "public": True})
        self._refused(lambda: loose.write({"res_model": "school.lesson", "res_id": self.lesson_math.id}))
        self.assertFalse(loose.sudo().res_model)
        # an ordinary upload to the lesson still works, and the system may do what it needs
        self.assertTrue(
            Attachment.create(
                {
                    "name": "ok.pdf",
                    "raw": b"%PDF",
                    "res_model": "school.lesson",
                    "res_id": self.lesson_math.id,
                }
            )
        )
        self.assertTrue(self.own_upload.sudo().write({"public": True}))

    def test_new_lesson_takes_the_upload_of_its_form(self):
        """The form of a new lesson uploads before the lesson exists (no record id): the
        created lesson takes the file and binds it; a file of no record, or of another
        lesson, it refuses."""
        Lesson = self.env["school.lesson"].with_user(self.class_teacher)

        def create(attachment, number):
            return Lesson.create(
                self._lesson_vals(
                    self.class_5a,
                    self.subject_math,
                    self.class_teacher,
                    self.day1,
                    lesson_number=number,
                    homework="№ 5",
                    homework_attachment_ids=[Command.set(attachment.ids)],
                )
            )

        for number, attachment in enumerate((self.no_record, self.other_lesson_upload), start=5):
            with self.subTest(file=attachment.name):
                self._refused(lambda attachment=attachment, number=number: create(attachment, number))
        lesson = create(self.new_lesson_upload, 7)
        self.assertEqual(lesson.homework_attachment_ids, self.new_lesson_upload)
        self.assertRecordValues(self.new_lesson_upload, [{"res_model": "school.lesson", "res_id": lesson.id}])
        # bound to its lesson, the file goes to no other
        self._refused(lambda: self._panel(self.new_lesson_upload))
        # the deputy, who reads the lesson, reads its file
        self.assertEqual(base64.b64decode(self.new_lesson_upload.with_user(self.deputy).datas), b"%PDF new")

    def test_older_files_bound_at_the_update(self):
        """The homework files of older versions, linked unbound and with a token, are bound
        to their lesson and lose the token when the addon is updated."""
        self.new_lesson_upload.sudo().generate_access_token()
        self.env.cr.execute(
            "INSERT INTO ir_attachment_school_lesson_rel (school_lesson_id, ir_attachment_id) "
            "VALUES (%s, %s)",
            (self.lesson_math.id, self.new_lesson_upload.id),
        )
        self.env.invalidate_all()
        self.assertEqual(self.lesson_math.homework_attachment_ids, self.new_lesson_upload)
        self.env["school.lesson"]._bind_all_homework_files()
        self.assertRecordValues(
            self.new_lesson_upload.sudo(),
            [{"res_model": "school.lesson", "res_id": self.lesson_math.id, "access_token": False}],
        )
        self.assertEqual(base64.b64decode(self.new_lesson_upload.with_user(self.deputy).datas), b"%PDF new")


@tagged("post_install", "-at_install")
class TestSchoolRecordFileTokens(GenericPathsFixture, HttpCase):
    """The portal's chatter gives the files of the messages it shows an access token each:
    on a school record, the token opens the file only while the user may read the record
    (SEC-3, ROLE-8, PORT-1)."""

    def _get(self, url):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(url, allow_redirects=False)

    def _json(self, route, params):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(
                route,
                data=json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            )

    def test_chatter_file_token_ends_with_the_guardian_link(self):
        message = self.child_petr.message_post(
            body="Петру: план занятий",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            attachments=[("plan_petr.txt", b"Petr's study plan")],
        )
        attachment = message.attachment_ids
        self.assertEqual((attachment.res_model, attachment.res_id), ("school.student", self.child_petr.id))
        self.authenticate(self.parent_other.login, self.parent_other.login)
        response = self._json(
            "/mail/chatter_fetch", {"thread_model": "school.student", "thread_id": self.child_petr.id}
        )
        self.assertIn("plan_petr.txt", response.text)
        token = attachment.sudo().access_token
        self.assertTrue(token)
        self.assertIn(token, response.text)
        url = f"/web/content/{attachment.id}?access_token={token}&download=true"
        response = self._get(url)
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"Petr's study plan")
        # the link ends: the token no longer opens the file, nor does it for anybody else
        self.link_petr_other.date_end = self.today - timedelta(days=1)
        for login in (self.parent_other.login, self.parent_mother.login, None):
            with self.subTest(user=login):
                if login:
                    self.authenticate(login, login)
                else:
                    self.logout()
                response = self._get(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(b"study plan", response.content)


@tagged("post_install", "-at_install")
class TestClassChatAfterMovement(GenericPathsFixture):
    """COMM-3, ROLE-7, ROLE-8: a student who leaves the class, and the guardians of a student
    who leaves it, leave the class chat with its messages and files when the membership ends,
    not when the class teacher next brings the chat up to date."""

    def test_student_and_guardians_leave_the_old_class_chat(self):
        chat = self.class_5a.discuss_channel_id
        members = chat.channel_member_ids.partner_id
        self.assertIn(self.user_student.partner_id, members)
        self.assertIn(self.parent_other.partner_id, members)
        self.env["school.movement.wizard"].create(
            {
                "movement_type": "transfer",
                "student_ids": [Command.set((self.child_ivan | self.child_petr).ids)],
                "to_class_id": self.class_5b.id,
                "date": self.today,
                "order_number": "13-у",
            }
        ).action_apply()
        members = chat.channel_member_ids.partner_id
        self.assertNotIn(self.user_student.partner_id, members)
        self.assertNotIn(self.parent_other.partner_id, members)
        # Maria's mother and the class's teachers stay
        self.assertIn(self.parent_mother.partner_id, members)
        self.assertIn(self.class_teacher.partner_id, members)
        for user in (self.user_student, self.parent_other):
            with self.subTest(user=user.login):
                self.assertFalse(self.env["discuss.channel"].with_user(user).search([("id", "=", chat.id)]))
