"""The hover title of a mark's badge in the e-diary (PORT-1, PORT-2): the work type and the
mark's date as the reader's language writes dates (04.12.2026 for a Russian guardian,
12/04/2026 for an English one), like the other dates of the week and marks pages, never the
ISO form (2026-12-04). The date comes from the page's one formatter (issue 15)."""

from lxml import html

from odoo.tests import HttpCase, tagged

from .common import DiaryFixtures

# the badges of the marks: of the lessons on the week page, of the subjects on the marks page
WEEK_BADGES = (
    "//li[contains(@class, 'o_school_lesson')]//span[contains(concat(' ', @class, ' '), ' o_school_mark ')]"
)
MARKS_BADGES = "//span[contains(@class, 'o_school_mark_item')]/span[contains(@class, 'o_school_mark')]"


@tagged("post_install", "-at_install")
class TestPortalBadgeTitle(DiaryFixtures, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("ru_RU", "en_US"):
            if not cls.env["res.lang"]._activate_lang(lang):
                raise AssertionError(f"The language {lang} is unknown to this database")
        # the mother reads in Russian, the other guardian in English
        cls.parent_mother.lang = "ru_RU"
        cls.parent_other.lang = "en_US"

    def _badge_titles(self, login, url, xpath):
        """The titles of the marks' badges of the page at ``url`` as ``login`` sees it."""
        self.authenticate(login, login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return [badge.get("title") for badge in html.fromstring(response.text).xpath(xpath)]

    def _expected(self, marks, lang, date_format):
        return sorted(
            f"{mark.work_type_id.with_context(lang=lang).name}, {mark.date.strftime(date_format)}"
            for mark in marks
        )

    def _assert_titles(self, titles, marks, lang, date_format):
        """One badge a mark, titled with its work type and its date in ``date_format``, and
        no title with an ISO date."""
        self.assertEqual(sorted(titles), self._expected(marks, lang, date_format))
        for mark in marks:
            self.assertFalse(any(str(mark.date) in title for title in titles), titles)

    def test_week_page_titles_in_the_readers_date_format(self):
        marks = self.mark_maria_5 | self.mark_maria_4 | self.mark_maria_russian
        titles = self._badge_titles(
            "dn_mother", f"/my/diary/{self.child_maria.id}?date={self.ref_day}", WEEK_BADGES
        )
        self._assert_titles(titles, marks, "ru_RU", "%d.%m.%Y")
        self.assertIn(self.day1.strftime("%d.%m.%Y"), " ".join(titles))

        titles = self._badge_titles(
            "dn_other", f"/my/diary/{self.child_petr.id}?date={self.ref_day}", WEEK_BADGES
        )
        self._assert_titles(titles, self.mark_petr_2, "en_US", "%m/%d/%Y")

    def test_marks_page_titles_in_the_readers_date_format(self):
        marks = self.mark_maria_5 | self.mark_maria_4 | self.mark_maria_russian
        titles = self._badge_titles(
            "dn_mother", f"/my/diary/{self.child_maria.id}/marks?period_id={self.term.id}", MARKS_BADGES
        )
        self._assert_titles(titles, marks, "ru_RU", "%d.%m.%Y")
        self.assertIn(self.day2.strftime("%d.%m.%Y"), " ".join(titles))

        titles = self._badge_titles(
            "dn_other", f"/my/diary/{self.child_petr.id}/marks?period_id={self.term.id}", MARKS_BADGES
        )
        self._assert_titles(titles, self.mark_petr_2, "en_US", "%m/%d/%Y")
