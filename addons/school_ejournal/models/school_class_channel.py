from odoo import _, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Command

from . import school_access


class SchoolClass(models.Model):
    """The chat of a class for its teachers and guardians, in Odoo's Discuss (COMM-1)."""

    _inherit = "school.class"

    discuss_channel_id = fields.Many2one(
        "discuss.channel", string="Class Chat", readonly=True, copy=False, ondelete="set null"
    )

    def _get_channel_partners(self):
        """Teachers of the class and guardians in force who have an e-diary login."""
        self.ensure_one()
        today = fields.Date.context_today(self)
        staff = (
            self.class_teacher_id | self.assignment_ids.teacher_id | self.subgroup_ids.teacher_id
        ).partner_id
        links = self.env["school.guardian.link"].search([("student_id.class_id", "=", self.id)])
        guardians = links.filtered(
            lambda link: link._is_in_force(today) and not link.electronic_access_refused
        ).guardian_id.filtered(lambda partner: partner.with_context(active_test=False).user_ids)
        return staff | guardians

    def _check_channel_rights(self):
        self.check_access("read")
        user = self.env.user
        if (
            self.env.su
            or user.has_group("school_ejournal.group_school_admin")
            or user.has_group("school_ejournal.group_school_deputy")
        ):
            return
        if any(school_class.class_teacher_id != user for school_class in self):
            raise AccessError(_("Only the class teacher or the administration manage the class chat."))

    def action_sync_discuss_channel(self):
        """Create the class chat, or bring its members up to date.

        Guardians whose link ended, or who lost their login, leave the chat; staff members
        added by hand stay.
        """
        school_access.check_staff(self.env)
        self._check_channel_rights()
        for school_class in self.sudo():
            partners = school_class._get_channel_partners()
            channel = school_class.discuss_channel_id
            if not channel:
                school_class.discuss_channel_id = (
                    self.env["discuss.channel"]
                    .sudo()
                    .create(
                        {
                            "name": _("Class %s: teachers and parents", school_class.name),
                            "channel_type": "group",
                            "description": _(
                                "Chat of the class teacher, the teachers and the parents of %s.",
                                school_class.name,
                            ),
                            "channel_member_ids": [Command.create({"partner_id": p.id}) for p in partners],
                        }
                    )
                )
                continue
            channel.add_members(
                partner_ids=(partners - channel.channel_member_ids.partner_id).ids,
                post_joined_message=False,
            )
            channel.channel_member_ids.filtered(
                lambda member: member.partner_id
                and member.partner_id not in partners
                and not member.partner_id.with_context(active_test=False).user_ids.filtered(
                    lambda u: u._is_internal()
                )
            ).unlink()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": _("The class chat is up to date: find it in Discuss."),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }
