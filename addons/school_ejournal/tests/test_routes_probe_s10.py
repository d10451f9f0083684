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
        """PORT-1: a homework file's token opens that file only; tokens are random, one per
        file, and none is given to a file that is not a lesson's homework."""
        token_5b = self.file_5b.sudo().access_token
        self.assertTrue(self.file_5a_token and token_5b)
        self.assertNotEqual(self.file_5a_token, token_5b)
        self.assertGreaterEqual(len(self.file_5a_token), 32)
        self.assertFalse(self.file_maria.sudo().access_token)
        self.authenticate(self.parent_other.login, self.parent_other.login)
        for url in (
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
