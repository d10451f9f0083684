"""Bad ``since`` values of the state portals' feed (issue 11 item 10, issue 17): a date at
the edge of the calendar that its time zone moves out of it is a bad request (400), as any
other text that is no ISO 8601 date, never a server error."""

from datetime import datetime

from odoo.tests import TransactionCase, tagged

from ..models.school_feed import parse_since


@tagged("post_install", "-at_install")
class TestInputFeed(TransactionCase):
    def test_since_out_of_the_calendar(self):
        for bad in (
            "0001-01-01T00:00:00+05:00",
            "9999-12-31T23:00:00-05:00",
            "вчера",
            "2026-13-01",
            "2026-02-31",
        ):
            with self.subTest(since=bad), self.assertRaises(ValueError):
                parse_since(bad)
        self.assertEqual(parse_since("2026-09-01T03:00:00+03:00"), datetime(2026, 9, 1))
        self.assertEqual(parse_since(" 2026-09-01 "), datetime(2026, 9, 1))
        self.assertIsNone(parse_since(""))
