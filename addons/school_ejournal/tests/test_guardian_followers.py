"""An ended guardian link ends the guardian's following (issue 11 item 13, ROLE-8, COMM-1).

When a link ends (its end date passes, it is archived or deleted) the guardian no longer
follows the student nor the link, and leaves the class chat, unless another link in force
still justifies it.
"""

from datetime import timedelta

from odoo.tests import freeze_time, tagged

from .common import SchoolCommon


@tagged("post_install", "-at_install")
class TestGuardianFollowers(SchoolCommon):
    def _follow(self, links):
        for link in links:
            link.student_id.message_subscribe(partner_ids=link.guardian_id.ids)
            link.message_subscribe(partner_ids=link.guardian_id.ids)

    def _follows(self, record, partner):
        return partner in record.message_partner_ids

    def test_end_date_archive_and_delete_unfollow(self):
        self._follow(self.guardian_links)
        # end date set by the class teacher (P 4.3)
        self.link_sidorov.with_user(self.class_teacher).write({"date_end": self.today - timedelta(days=1)})
        self.assertFalse(self._follows(self.student_sidorov, self.guardian_sidorova))
        self.assertFalse(self._follows(self.link_sidorov, self.guardian_sidorova))
        # archived by the administrator
        self.link_smirnov.with_user(self.user_ej_admin).write({"active": False})
        self.assertFalse(self._follows(self.student_smirnov, self.guardian_smirnova))
        # deleted by the administrator
        self.link_petrova_father.with_user(self.user_ej_admin).unlink()
        self.assertFalse(self._follows(self.student_petrova, self.guardian_father))
        # the other links keep their followers
        self.assertTrue(self._follows(self.student_petrova, self.guardian_mother))
        self.assertTrue(self._follows(self.student_petrov, self.guardian_mother))

    def test_other_link_in_force_keeps_what_it_justifies(self):
        """The mother of two children leaves only the child whose link ended."""
        self._follow(self.link_petrova_mother | self.link_petrov_mother)
        self.link_petrov_mother.date_end = self.today - timedelta(days=1)
        self.assertFalse(self._follows(self.student_petrov, self.guardian_mother))
        self.assertTrue(self._follows(self.student_petrova, self.guardian_mother))

    def test_future_end_date_unfollows_when_it_passes(self):
        self._follow(self.link_sidorov)
        self.link_sidorov.date_end = self.today + timedelta(days=10)
        self.assertTrue(self._follows(self.student_sidorov, self.guardian_sidorova))
        with freeze_time(self.today + timedelta(days=11)):
            self.env["school.guardian.link"]._cron_end_following()
        self.assertFalse(self._follows(self.student_sidorov, self.guardian_sidorova))

    def test_class_chat_member_leaves(self):
        """COMM-1: the guardian leaves the chat of the class where no link of his is in force."""
        self.class_5a.action_sync_discuss_channel()
        self.class_5b.action_sync_discuss_channel()
        chat_5a, chat_5b = self.class_5a.discuss_channel_id, self.class_5b.discuss_channel_id
        self.assertIn(self.guardian_mother, chat_5a.channel_member_ids.partner_id)
        self.link_petrova_mother.write({"active": False})
        self.assertNotIn(self.guardian_mother, chat_5a.channel_member_ids.partner_id)
        self.assertIn(self.guardian_mother, chat_5b.channel_member_ids.partner_id)

    def test_in_force_field_and_rules(self):
        """Issue 16 item 6: ``in_force`` is the one definition of a link in force today that
        the record rules search: an ended or not yet begun link shows the parent nothing."""
        Link = self.env["school.guardian.link"]
        link = self.link_petrov_mother
        self.assertTrue(link.in_force)
        self.assertIn(link, Link.search([("in_force", "=", True)]))
        Student = self.env["school.student"].with_user(self.user_parent)
        self.assertEqual(Student.search([("id", "in", self.student_petrov.ids)]), self.student_petrov)

        link.date_end = self.today - timedelta(days=1)
        link.invalidate_recordset(["in_force"])
        self.assertFalse(link.in_force)
        self.assertNotIn(link, Link.search([("in_force", "=", True)]))
        self.assertIn(link, Link.search([("in_force", "!=", True)]))
        self.env.invalidate_all()
        self.assertFalse(Student.search([("id", "in", self.student_petrov.ids)]))
        self.assertEqual(Student.search([("id", "in", self.student_petrova.ids)]), self.student_petrova)

        link.write({"date_end": False, "date_start": self.today + timedelta(days=3)})
        self.env.invalidate_all()
        self.assertFalse(link.in_force)
        self.assertFalse(Student.search([("id", "in", self.student_petrov.ids)]))
