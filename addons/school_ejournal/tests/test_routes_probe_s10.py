"""Odoo's generic HTTP routes applied to the school's records, by staff and by families
(SEC-3, SEC-5, ROLE-4, ROLE-5, ROLE-7, ROLE-8).

``test_generic_paths_access`` and ``test_portal_probe_s9`` probe these routes as a parent and
a student; this module adds what they leave out: the file routes' ``filename_field`` (the
download's name read from any field of the record), the chatter's and the file routes as a
teacher of another class, the printed forms with ids of a class the teacher does not teach,
and the homework files' access tokens.
"""

import json
from urllib.parse import unquote

from odoo import http
from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .test_generic_paths_access import MUTE_HTTP, PHOTO, GenericPathsFixture

SNILS_MARIA = "112-233-445 95"
SNILS_PETR = "123-456-789 64"


@tagged("post_install", "-at_install")
class TestRoutesProbe(GenericPathsFixture, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.child_maria.write({"snils": SNILS_MARIA, "birthdate": "2015-03-14", "consent_date": "2026-09-01"})
        cls.child_petr.write(
            {
                "snils": SNILS_PETR,
                "birthdate": "2015-07-21",
                "consent_date": "2026-09-01",
                "image_1920": PHOTO,
            }
        )

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

    def _answer_text(self, response):
        """The body and the headers of ``response``, the file name decoded."""
        headers = " ".join(f"{key}: {value}" for key, value in response.headers.items())
        return unquote(headers) + " " + response.text

    # ------------------------------------------------------------------
    # the file routes' name of the download
    # ------------------------------------------------------------------
    def test_download_name_reads_no_restricted_nor_personal_field(self):
        """``/web/content`` and ``/web/image`` name the download after ``filename_field``, read
        from the record without the field's groups: a teacher of the class (no personal data
        group) must not read a child's SNILS or birthday there, a parent neither his child's
        (fields of the staff), and the class teacher not without the personal data log
        (SEC-5, P 3.5)."""
        secrets = (SNILS_MARIA, SNILS_PETR, "2015-03-14", "2015-07-21", *self.hidden_phones)
        for user, student in (
            (self.teacher_russian, self.child_maria),
            (self.parent_other, self.child_petr),
            (self.user_student, self.child_ivan),
        ):
            self.authenticate(user.login, user.login)
            for field in ("snils", "birthdate"):
                for url in (
                    f"/web/content/school.student/{student.id}/image_1920?filename_field={field}&download=true",
                    f"/web/image/school.student/{student.id}/image_128?filename_field={field}",
                ):
                    with self.subTest(user=user.login, url=url):
                        response = self._get(url)
                        text = self._answer_text(response)
                        for secret in secrets:
                            self.assertNotIn(secret, text)
        # the class teacher reads the personal data of the class, each reading logged: a
        # download's name is no reading of them
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        for url in (
            f"/web/content/school.student/{self.child_maria.id}/image_1920?filename_field=snils&download=true",
            f"/web/content/res.partner/{self.parent_mother.partner_id.id}/image_1920?filename_field=phone",
            f"/web/image/res.partner/{self.guardian_father.id}/image_128?filename_field=phone",
        ):
            with self.subTest(url=url):
                text = self._answer_text(self._get(url))
                for secret in secrets:
                    self.assertNotIn(secret, text)
        # the legitimate download keeps its name: the child's photo named after the child
        self.authenticate(self.parent_other.login, self.parent_other.login)
        response = self._get(f"/web/content/school.student/{self.child_petr.id}/image_1920?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Сидоров", unquote(response.headers["Content-Disposition"]))

    # ------------------------------------------------------------------
    # a teacher of another class
    # ------------------------------------------------------------------
    def test_teacher_of_another_class_on_chatter_and_files(self):
        """ROLE-5: the teacher of 5Б reads neither the messages nor the files of a 5А lesson
        or of a 5А child's card through the chatter's and the file routes."""
        self.authenticate(self.teacher_5b.login, self.teacher_5b.login)
        absent = ("hw_5a", "повторить дроби", "maria_medical", "справка", "Сидоров", "Петрова Мария")
        for route, params in (
            ("/mail/thread/messages", {"thread_model": "school.lesson", "thread_id": self.lesson_math.id}),
            (
                "/mail/thread/data",
                {
                    "thread_model": "school.lesson",
                    "thread_id": self.lesson_math.id,
                    "request_list": ["followers", "attachments", "activities", "suggestedRecipients"],
                },
            ),
            (
                "/mail/thread/data",
                {
                    "thread_model": "school.period.mark",
                    "thread_id": self.pmark_hidden.id,
                    "request_list": ["followers", "attachments"],
                },
            ),
            (
                "/mail/thread/messages",
                {"thread_model": "school.period.mark", "thread_id": self.pmark_hidden.id},
            ),
        ):
            with self.subTest(route=route, params=params):
                text = self._json(route, params).text
                for secret in absent:
                    self.assertNotIn(secret, text)
        for url in (
            f"/web/content/{self.file_5a.id}",
            f"/web/content/{self.file_maria.id}?download=true",
            f"/web/content/ir.attachment/{self.file_5a.id}/raw",
            f"/web/content/ir.attachment/{self.file_maria.id}/datas",
            f"/web/content/{self.file_5a.id}?access_token=",
            f"/web/content/{self.file_5a.id}?access_token=0",
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(b"5A homework", response.content)
                self.assertNotIn(b"Maria", response.content)
        # the image route answers a placeholder in place of a file refused
        response = self._get(f"/web/image/{self.file_maria.id}")
        self.assertNotIn(b"Maria", response.content)
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(
                "/mail/attachment/zip",
                data={
                    "file_ids": f"{self.file_5a.id},{self.file_maria.id}",
                    "zip_name": "x.zip",
                    "csrf_token": http.Request.csrf_token(self),
                },
            )
        self.assertNotIn(b"5A homework", response.content)
        self.assertNotIn(b"Maria", response.content)
        # the own class's file is his
        response = self._get(f"/web/content/{self.file_5b.id}")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, b"5B homework secret")

    def test_teacher_prints_nothing_of_a_class_not_taught(self):
        """ROLE-5: the guardian digest of a 5А child and the forms of 5А, by their ids in the
        URL, print nothing for the teacher of 5Б."""
        self.authenticate(self.teacher_5b.login, self.teacher_5b.login)
        urls = [
            f"/report/html/school_ejournal.report_guardian_digest/{self.link_maria_mother.id}",
            f"/report/pdf/school_ejournal.report_guardian_digest/{self.link_petr_other.id}",
        ]
        for code in ("class_results", "student_results", "marks_summary", "journal_copy", "student_digest"):
            options = json.dumps(
                {
                    "report_code": code,
                    "class_id": self.class_5a.id,
                    "student_id": self.child_petr.id,
                    "period_id": self.term.id,
                }
            )
            urls.append(f"/report/html/school_ejournal_reports.report_{code}/0?options={options}")
        for url in urls:
            with self.subTest(url=url):
                response = self._get(url)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("Сидоров", response.text)
                self.assertNotIn("Секретный", response.text)

    # ------------------------------------------------------------------
    # the homework files' tokens
    # ------------------------------------------------------------------
    def test_homework_file_tokens_are_the_files_own(self):
        """PORT-1: a homework file gets no token (the diary's route serves it); the token of
        one, given before, opens neither it nor any other file."""
        self.assertFalse(self.file_5b.sudo().access_token)
        self.assertFalse(self.file_maria.sudo().access_token)
        self.authenticate(self.parent_other.login, self.parent_other.login)
        for url in (
            f"/web/content/{self.file_5a.id}?access_token={self.file_5a_token}",
            f"/web/content/{self.file_maria.id}?access_token={self.file_5a_token}",
            f"/web/content/{self.file_5b.id}?access_token={self.file_5a_token[:-1]}",
            f"/web/content/{self.file_5b.id}?access_token={self.file_5a_token.upper()}",
            f"/web/content/ir.attachment/{self.file_maria.id}/raw?access_token={self.file_5a_token}",
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertIn(response.status_code, (403, 404))
                self.assertNotIn(b"secret", response.content)
                self.assertNotIn(b"Maria", response.content)


@tagged("post_install", "-at_install")
class TestRoutesProbeMore(GenericPathsFixture, HttpCase):
    """Discuss's routes on another class's chat, the diary's teachers page with a teacher of
    another class, the inspector's writes through the chatter's routes (ROLE-9)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.inspector = cls._new_mail_user("dn_inspector", "inspector", "Проверкин Пётр Петрович")
        cls.msg_chat_5b = cls.class_5b.discuss_channel_id.message_post(
            body="Чат 5Б: сбор на экскурсию", message_type="comment", subtype_xmlid="mail.mt_comment"
        )

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

    def test_chat_of_another_class(self):
        """COMM-1: a parent of 5А and the teacher of 5Б... of 5А: neither reads the chat of the
        other class, its members nor its files through Discuss's routes."""
        channel_5a, channel_5b = self.class_5a.discuss_channel_id, self.class_5b.discuss_channel_id
        for user, channel, secret in (
            (self.parent_other, channel_5b, "сбор на экскурсию"),
            (self.user_student, channel_5b, "сбор на экскурсию"),
        ):
            self.authenticate(user.login, user.login)
            for route, params in (
                ("/discuss/channel/messages", {"channel_id": channel.id}),
                ("/discuss/channel/attachments", {"channel_id": channel.id}),
                ("/discuss/channel/members", {"channel_id": channel.id, "known_member_ids": []}),
                ("/discuss/channel/pinned_messages", {"channel_id": channel.id}),
                ("/discuss/channel/info", {"channel_id": channel.id}),
                ("/discuss/channel/join", {"channel_id": channel.id}),
            ):
                with self.subTest(user=user.login, route=route):
                    text = self._json(route, params).text
                    self.assertNotIn(secret, text)
                    self.assertNotIn("Петров Алексей", text)
            response = self._get(f"/discuss/channel/{channel.id}")
            self.assertNotIn(secret, response.text)
            self.assertFalse(
                channel.sudo().channel_member_ids.filtered(lambda m, u=user: m.partner_id == u.partner_id)
            )
        self.assertTrue(channel_5a)

    def test_teachers_page_names_only_the_childs_teachers(self):
        """COMM-1: a parent writes to a teacher of the child's class only: the teacher of 5Б is
        no one to write to from Petr's diary."""
        self.authenticate(self.parent_other.login, self.parent_other.login)
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(
                f"/my/diary/{self.child_petr.id}/teachers",
                data={
                    "teacher_id": self.teacher_5b.id,
                    "body": "Здравствуйте",
                    "csrf_token": http.Request.csrf_token(self),
                },
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 404)
        self.assertFalse(
            self.env["discuss.channel"].search(
                [
                    ("channel_type", "=", "chat"),
                    ("channel_member_ids.partner_id", "=", self.teacher_5b.partner_id.id),
                    ("channel_member_ids.partner_id", "=", self.parent_other.partner_id.id),
                ]
            )
        )
        page = self._get(f"/my/diary/{self.child_petr.id}/teachers")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Бэшкин", page.text)

    def test_class_teacher_prints_no_digest_of_another_class(self):
        """ROLE-4: the class teacher of 5А prints the weekly digests of 5А, not of 5Б."""
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        for url in (
            f"/report/html/school_ejournal.report_guardian_digest/{self.link_alexey_mother.id}",
            f"/report/pdf/school_ejournal.report_guardian_digest/{self.link_alexey_mother.id}",
            f"/report/html/school_ejournal.report_guardian_digest/{self.link_petr_other.id},{self.link_alexey_mother.id}",
        ):
            with self.subTest(url=url):
                response = self._get(url)
                self.assertNotEqual(response.status_code, 200)
                self.assertNotIn("Алексей", response.text)
                self.assertNotIn("Старайся", response.text)
        response = self._get(f"/report/html/school_ejournal.report_guardian_digest/{self.link_petr_other.id}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Сидоров", response.text)

    def test_digest_with_odd_dates_and_ids(self):
        """The digest's week comes from the URL's options: a date of a wrong type or out of
        the calendar prints the current week, never a server error; ids that name no link
        print no one."""
        self.authenticate(self.parent_other.login, self.parent_other.login)
        url = f"/report/html/school_ejournal.report_guardian_digest/{self.link_petr_other.id}"
        for date in (123, "abc", "0001-01-01", "9999-12-31", ["2026-09-01"], {"a": 1}):
            with self.subTest(date=date):
                options = json.dumps({"date": date})
                response = self._get(f"{url}?options={options}")
                self.assertEqual(response.status_code, 200)
                self.assertIn("Сидоров", response.text)
        for ids in ("-1", "abc", f"-{self.link_maria_mother.id}", "0"):
            with self.subTest(ids=ids):
                response = self._get(f"/report/html/school_ejournal.report_guardian_digest/{ids}")
                self.assertNotIn("Петрова", response.text)
                self.assertNotIn("Сидоров", response.text)

    def test_inspector_writes_nothing_through_the_chatter(self):
        """ROLE-9: the inspector reads every journal and writes nothing: no message, file or
        reaction on a lesson, a child's card or a mark through the chatter's routes."""
        self.authenticate(self.inspector.login, self.inspector.login)
        for model, record in (
            ("school.lesson", self.lesson_math),
            ("school.student", self.child_maria),
            ("school.mark", self.mark_maria_5),
        ):
            with self.subTest(model=model):
                answer = self._json(
                    "/mail/message/post",
                    {
                        "thread_model": model,
                        "thread_id": record.id,
                        "post_data": {"body": "Проверка пишет", "message_type": "comment"},
                    },
                ).json()
                self.assertIn("error", answer)
                with mute_logger(*MUTE_HTTP):
                    response = self.url_open(
                        "/mail/attachment/upload",
                        data={
                            "thread_id": record.id,
                            "thread_model": model,
                            "csrf_token": http.Request.csrf_token(self),
                        },
                        files={"ufile": ("act.txt", b"inspector's file", "text/plain")},
                    )
                self.assertNotEqual(response.status_code, 200)
        answer = self._json(
            "/mail/message/reaction",
            {"message_id": self.msg_5a.id, "content": "👍", "action": "add"},
        ).json()
        self.assertIn("error", answer)
        self.assertFalse(self.env["mail.message"].search([("body", "ilike", "Проверка пишет")]))
        self.assertFalse(self.env["ir.attachment"].search([("name", "=", "act.txt")]))
        self.assertFalse(self.msg_5a.reaction_ids)
        # the inspector reads the journal's files
        response = self._get(f"/web/content/{self.file_5a.id}")
        self.assertEqual(response.status_code, 200)


@tagged("post_install", "-at_install")
class TestScheduledActionsProbe(GenericPathsFixture, HttpCase):
    """``/web/action/run`` runs any server action by id for a user who may write its model:
    the school's scheduled actions are server actions too, and run every school's nightly
    work (SEC-3)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy = cls._new_mail_user("dn_deputy", "deputy", "Завучева Зоя Захаровна")
        cls.ej_admin = cls._new_mail_user("dn_ej_admin", "admin", "Администраторова Алла Андреевна")
        cls.crons = cls.env["ir.cron"].browse(
            cls.env["ir.model.data"]
            .search([("model", "=", "ir.cron"), ("module", "=like", "school_ejournal%")])
            .mapped("res_id")
        )

    def test_school_scheduled_actions_run_by_no_user(self):
        """The class teacher (who writes guardian links), the deputy (timetable), the
        e-journal administrator, a teacher and a parent start no scheduled action of the
        school by its id: the guardians whose link ended keep following until the night."""
        self.assertGreaterEqual(len(self.crons), 9)
        self.child_maria.message_subscribe(partner_ids=self.parent_ended.partner_id.ids)
        for user in (self.class_teacher, self.deputy, self.ej_admin, self.teacher_5b, self.parent_other):
            self.authenticate(user.login, user.login)
            for cron in self.crons:
                with self.subTest(user=user.login, cron=cron.name):
                    with mute_logger(*MUTE_HTTP, "odoo.addons.base.models.ir_actions"):
                        answer = self.url_open(
                            "/web/action/run",
                            data=json.dumps(
                                {
                                    "id": 0,
                                    "jsonrpc": "2.0",
                                    "method": "call",
                                    "params": {"action_id": cron.ir_actions_server_id.id},
                                }
                            ),
                            headers={"Content-Type": "application/json"},
                        ).json()
                    self.assertEqual(
                        answer.get("error", {}).get("data", {}).get("name"), "odoo.exceptions.AccessError"
                    )
        self.assertIn(self.parent_ended.partner_id, self.child_maria.message_partner_ids)
        # the scheduler runs them as before
        self.env.ref("school_ejournal.ir_cron_school_guardian_link_end_following").method_direct_trigger()
        self.assertNotIn(self.parent_ended.partner_id, self.child_maria.message_partner_ids)


@tagged("post_install", "-at_install")
class TestHomeworkFilesWriteProbe(GenericPathsFixture, HttpCase):
    """A lesson's homework files are the journal's content (PORT-1, JOUR-8, ROLE-3): the
    chatter's and the ORM's routes on the files themselves change them only where the lesson's
    homework could be changed."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.deputy = cls._new_mail_user("dn_deputy", "deputy", "Завучева Зоя Захаровна")

    def _rpc(self, route, params):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(
                route,
                data=json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            ).json()

    def _attempts(self, user):
        """Delete, rewrite and detach 5А's homework file as ``user``: the answers."""
        self.authenticate(user.login, user.login)
        answers = []
        for method, args in (
            ("write", [self.file_5a.ids, {"raw": b"forged".hex()}]),
            ("write", [self.file_5a.ids, {"name": "forged.txt", "datas": "Zm9yZ2Vk"}]),
            ("write", [self.file_5a.ids, {"res_id": self.lesson_russian.id}]),
            ("unlink", [self.file_5a.ids]),
        ):
            answers.append(
                self._rpc(
                    f"/web/dataset/call_kw/ir.attachment/{method}",
                    {"model": "ir.attachment", "method": method, "args": args, "kwargs": {}},
                )
            )
        answers.append(self._rpc("/mail/attachment/delete", {"attachment_id": self.file_5a.id}))
        return answers

    def _assert_refused(self, answers):
        for index, answer in enumerate(answers):
            with self.subTest(attempt=index):
                self.assertIn("error", answer)
        self._assert_file_intact()

    def _assert_file_intact(self):
        self.env.invalidate_all()
        self.assertTrue(self.file_5a.exists())
        self.assertEqual(self.file_5a.raw, b"5A homework for the class")
        self.assertEqual(self.file_5a.name, "hw_5a.txt")
        self.assertEqual(self.file_5a.res_id, self.lesson_math.id)
        self.assertIn(self.file_5a, self.lesson_math.homework_attachment_ids)

    def test_deputy_changes_no_teachers_homework_file(self):
        """ROLE-3: the deputy reads every journal and changes a lesson's content only through
        an approved correction request; a teacher's homework file is content."""
        self._assert_refused(self._attempts(self.deputy))

    def test_no_homework_file_changed_in_a_closed_period(self):
        """JOUR-8: a closed period refuses edits of its lessons, their homework files too."""
        self.lesson_math.period_id.sudo().is_closed = True
        self._assert_refused(self._attempts(self.class_teacher))

    def test_teacher_changes_own_homework_file_in_an_open_period(self):
        """The lesson's teacher keeps replacing and deleting his homework files."""
        self.authenticate(self.class_teacher.login, self.class_teacher.login)
        answer = self._rpc(
            "/web/dataset/call_kw/ir.attachment/write",
            {
                "model": "ir.attachment",
                "method": "write",
                "args": [self.file_5a.ids, {"name": "hw.txt"}],
                "kwargs": {},
            },
        )
        self.assertIs(answer.get("result"), True)
        self.assertNotIn("error", self._rpc("/mail/attachment/delete", {"attachment_id": self.file_5a.id}))
        self.assertFalse(self.file_5a.exists())
        self.assertFalse(self.lesson_math.homework_attachment_ids)
