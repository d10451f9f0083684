"""A Russian parent's e-diary meets no English: every page under /my, Odoo's portal frame
around it (header, menus, footer) and the error pages of our routes, as the browser gets
them over HTTP for a guardian and a student whose language is Russian."""

from lxml import html

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import DiaryFixtures
from .russian_text import LANG, EnglishFinder

# what a browser does not show: code, styles, the head's metadata
HIDDEN_TAGS = ("script", "style", "head", "template", "noscript")
MUTE_ACCESS = ("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model", "odoo.http")


def page_texts(body):
    """(where, text) of what a reader of the HTML page ``body`` sees or hears: the text of the
    body and the attributes shown (title, placeholder, alt, aria-label, the value of a
    button), the head, scripts and styles left out."""
    document = html.fromstring(body)
    for node in document.iter(*HIDDEN_TAGS):
        node.drop_tree()
    for node in document.iter():
        if not isinstance(node.tag, str):
            continue
        for attr in ("title", "placeholder", "alt", "aria-label"):
            if node.get(attr):
                yield f"<{node.tag} {attr}>", node.get(attr)
        if node.tag == "input" and node.get("type") in ("submit", "button") and node.get("value"):
            yield "<input value>", node.get("value")
        for text in (node.text, node.tail):
            if text and text.strip():
                yield f"<{node.tag}>", text


@tagged("post_install", "-at_install")
class TestRussianPortal(DiaryFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        (cls.parent_mother | cls.user_student).write({"lang": LANG})
        # the test school's data in Russian, as a Russian school names it
        for number, period in enumerate(cls.year.period_ids.sorted("date_start"), start=1):
            period.name = f"Период {number}"

    def _read(self, finder, url, status=200):
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, status, url)
        for where, text in page_texts(response.content):
            finder.check(f"{url} {where}", text)
        return response

    def assertNoEnglish(self, finder, who):
        self.assertFalse(finder.leaks, f"English met by {who} in the e-diary:\n" + "\n".join(finder.leaks))

    def test_guardian_pages(self):
        """Every page of a child's e-diary, the portal's home and the child's choice."""
        self.authenticate("dn_mother", "dn_mother")
        finder = EnglishFinder()
        child = self.child_maria
        base = f"/my/diary/{child.id}"
        for url in (
            "/my",
            "/my/diary",
            f"{base}?date={self.ref_day}",
            f"{base}/marks",
            f"{base}/attendance",
            f"{base}/events",
            f"{base}/message",
            f"{base}/message?error=empty",
            f"{base}/message?sent=1",
            f"{base}/disputes",
            f"{base}/teachers",
        ):
            self._read(finder, url)
        self.assertNoEnglish(finder, "a guardian")

    def test_student_pages(self):
        self.authenticate("dn_student", "dn_student")
        finder = EnglishFinder()
        base = f"/my/diary/{self.child_ivan.id}"
        for url in ("/my", f"{base}?date={self.ref_day}", f"{base}/marks", f"{base}/attendance", f"{base}/events"):
            self._read(finder, url)
        self.assertNoEnglish(finder, "a student")

    def test_error_pages(self):
        """Another family's child: the page refused is Russian too."""
        self.authenticate("dn_mother", "dn_mother")
        finder = EnglishFinder()
        with mute_logger(*MUTE_ACCESS):
            self._read(finder, f"/my/diary/{self.child_petr.id}/marks", status=404)
            self._read(finder, "/my/diary/999999999", status=404)
        self.assertNoEnglish(finder, "a guardian refused")
