"""The control dashboard's shares in the reader's number format (CTRL-1): Odoo's own
percentage formatter, in Russian «7,3%»."""

from odoo.tests import HttpCase, tagged

from .common import PeriodMarkCommon


@tagged("post_install", "-at_install")
class TestTidyDashboard(PeriodMarkCommon, HttpCase):
    def test_shares_in_russian(self):
        self.env["res.lang"]._activate_lang("ru_RU")
        self.user_deputy.lang = "ru_RU"
        self.start_tour(
            "/odoo/school-control", "school_ejournal_tidy_dashboard_shares", login=self.user_deputy.login
        )
