"""Bad input of a parent on the e-diary's pages (issue 11 item 10, COMM-1): a message to the
class teacher that is spaces only or longer than a message to a teacher is refused with a
clear message on the page, and nothing is posted."""

from odoo.tests import HttpCase, tagged

from . import test_portal
from .common import DiaryFixtures


@tagged("post_install", "-at_install")
class TestInputPortal(DiaryFixtures, HttpCase):
    def test_message_to_class_teacher_length(self):
        self.authenticate("dn_mother", "dn_mother")
        url = f"/my/diary/{self.child_maria.id}/message"
        Message = self.env["mail.message"]
        domain = [("model", "=", "school.student"), ("res_id", "=", self.child_maria.id)]
        count = Message.search_count(domain)
        for body, error in (("я" * 4001, "long"), ("  \n ", "empty")):
            response = test_portal.TestPortal._post(self, url, {"body": body})
            self.assertEqual(response.status_code, 303)
            self.assertTrue(response.headers["Location"].endswith(f"{url}?error={error}"))
        self.assertEqual(Message.search_count(domain), count)
        # one warning, the length's, in the parent's language
        page = self.url_open(f"{url}?error=long")
        self.assertEqual(page.text.count("alert alert-warning"), 1)
        self.assertRegex(page.text, r"(at most|не более) 4000")
        test_portal.TestPortal._post(self, url, {"body": "я" * 4000})
        self.assertEqual(Message.search_count(domain), count + 1)
