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
        cls._activate_languages("ru_RU", "en_US")
        # the mother reads in Russian, the other guardian in English
        cls.parent_mother.lang = "ru_RU"
        cls.parent_other.lang = "en_US"

    def _badge_titles(self, login, url, xpath):
        """The titles of the marks' badges of the page at ``url`` as ``login`` sees it."""
        self.authenticate(login, login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return [badge.get("title") for badge in html.fromstring(response.text).xpath(xpath)]

    def _assert_page_titles(self, page, xpath, shown_day):
        """On the page ``page`` of a child's diary (a path and query after the child's id), one
        badge a mark, titled with its work type and its date in the reader's format, never
        an ISO date: Maria's marks for her Russian mother (``shown_day`` among them), Pyotr's
        for his English guardian."""
        readers = [
            ("dn_mother", self.child_maria, self.mark_maria_5 | self.mark_maria_4 | self.mark_maria_russian,
             "ru_RU", "%d.%m.%Y"),
            ("dn_other", self.child_petr, self.mark_petr_2, "en_US", "%m/%d/%Y"),
        ]  # fmt: skip
        shown = []
        for login, child, marks, lang, date_format in readers:
            titles = self._badge_titles(login, f"/my/diary/{child.id}{page}", xpath)
            expected = sorted(
                f"{mark.work_type_id.with_context(lang=lang).name}, {mark.date.strftime(date_format)}"
                for mark in marks
            )
            self.assertEqual(sorted(titles), expected)
            for mark in marks:
                self.assertFalse(any(str(mark.date) in title for title in titles), titles)
            shown += titles
        self.assertIn(shown_day.strftime("%d.%m.%Y"), " ".join(shown))

    def test_week_page_titles_in_the_readers_date_format(self):
        self._assert_page_titles(f"?date={self.ref_day}", WEEK_BADGES, self.day1)

    def test_marks_page_titles_in_the_readers_date_format(self):
        self._assert_page_titles(f"/marks?period_id={self.term.id}", MARKS_BADGES, self.day2)
