"""The prints offered to each role in the wizard of the official forms are the ones its
builders let it print (SEC-3, REP-6), clicked through in the day round."""

from odoo.exceptions import AccessError
from odoo.tools import mute_logger

from .common import ReportsCommon


class TestDayReportChoices(ReportsCommon):
    def _codes(self, user):
        fields = self.env["school.report.wizard"].with_user(user).fields_get(["report_code"], ["selection"])
        return [code for code, _title in fields["report_code"]["selection"]]

    def test_class_teacher_is_not_offered_the_movement_report(self):
        """The class teacher prints the forms of the own class but is not offered the movement
        report, which the print refuses; the deputy director and the inspector are offered it
        (ROLE-3, ROLE-4, ROLE-9)."""
        codes = self._codes(self.class_teacher)
        self.assertIn("marks_summary", codes)
        self.assertNotIn("movement", codes)
        for user in (self.user_deputy, self.user_inspector, self.user_director):
            self.assertIn("movement", self._codes(user), user.login)
        # the refusal it was offered before stays in place for a forged choice
        wizard = (
            self.env["school.report.wizard"]
            .with_user(self.class_teacher)
            .create({"report_code": "movement", "class_id": self.class_5a.id})
        )
        with self.assertRaises(AccessError), mute_logger("odoo.http"):
            wizard.action_print_pdf()
