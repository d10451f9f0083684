"""A guardian and a student over JSON-RPC (SEC-3, SEC-5, ROLE-7, ROLE-8, P 3.10, P 3.5).

Every model a portal user could reach through ``/web/dataset/call_kw`` (search_read,
name_search, read_group with no domain), and the chatter's and Discuss's routes on another
child's card: no other child's name, contact or letter comes back, while the own child's
data does.
"""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import MUTE_ACCESS, DiaryFixtures

MODELS = [
    "school.academic.year",
    "school.period",
    "school.bell.schedule",
    "school.bell",
    "school.subject",
    "school.work.type",
    "school.class",
    "school.student",
    "school.guardian.link",
    "school.timetable.slot",
    "school.lesson",
    "school.mark",
    "school.attendance",
    "school.period.mark",
    "school.event",
    "school.acknowledgement",
    "school.mark.dispute",
    "school.homework.individual",
    "school.followup",
    "mail.message",
    "mail.notification",
    "res.partner",
    "res.users",
    "discuss.channel",
    "discuss.channel.member",
    "res.company",
    "mail.followers",
    "ir.attachment",
    "mail.activity",
    "school.notification",
    "school.consent",
    "school.forecast.risk",
    "school.correction.request",
    "school.journal.log",
    "school.personal.data.log",
    "mail.tracking.value",
    "res.partner.bank",
    "school.diary",
    "school.plan",
    "school.plan.topic",
    "school.enrollment",
    "school.movement",
    "school.subgroup",
    "school.subgroup.member",
    "school.teaching.assignment",
    "school.curriculum.line",
    "mail.scheduled.message",
    "mail.mail",
    "res.users.settings",
    "bus.presence",
    "mail.guest",
    "school.calendar.day",
    "school.inspection",
    "school.approval",
    "school.grading.policy",
]


@tagged("post_install", "-at_install")
class TestFamilyRpcProbe(DiaryFixtures, HttpCase):
    def _answer(self, route, params):
        """The answer as text; a refusal answers nothing."""
        try:
            with mute_logger(*MUTE_ACCESS, "odoo.http"):
                return json.dumps(self.make_jsonrpc_request(route, params), ensure_ascii=False, default=str)
        except Exception:  # noqa: BLE001 - any refusal or error returns no data
            return ""

    def test_no_other_family_over_json_rpc(self):
        self.child_petr.partner_id.write({"email": "petr.child@example.com", "phone": "+7 999 111"})
        self.parent_other.partner_id.write({"phone": "+7 999 222"})
        self.child_petr.sudo().message_post(
            body="СЕКРЕТ ПЕТРА",
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=self.parent_other.partner_id.ids,
        )
        leaks = []
        for login, own, others in (
            (
                "dn_mother",
                "Петрова Мария",
                ["Сидоров", "Иванов Иван", "petr.child", "999", "СЕКРЕТ", "dn_other@", "granny@"],
            ),
            (
                "dn_student",
                "Иванов Иван",
                ["Петрова Мария", "Сидоров", "Петров Алексей", "petr.child", "999", "СЕКРЕТ"]
                + ["dn_mother@", "dn_other@", "father@", "granny@"],
            ),
        ):
            self.authenticate(login, login)
            seen_own = False
            for model in MODELS:
                for method, args, kwargs in (
                    ("search_read", [[]], {"limit": 200}),
                    ("name_search", [""], {"limit": 200}),
                    ("read_group", [[], ["id:count"], []], {}),
                ):
                    text = self._answer(
                        "/web/dataset/call_kw",
                        {"model": model, "method": method, "args": args, "kwargs": kwargs},
                    )
                    seen_own = seen_own or own in text
                    leaks += [(login, model, method, o) for o in others if o in text]
            self.assertTrue(seen_own, f"{login} reads the own child's data")
            channel_id = self.class_5a.discuss_channel_id.id or 0
            for route, params in (
                (
                    "/mail/thread/data",
                    {
                        "thread_model": "school.student",
                        "thread_id": self.child_petr.id,
                        "request_list": ["followers", "attachments", "suggestedRecipients"],
                    },
                ),
                (
                    "/mail/thread/messages",
                    {"thread_model": "school.student", "thread_id": self.child_petr.id},
                ),
                ("/mail/partner/from_email", {"emails": ["petr.child@example.com", "dn_other@example.com"]}),
                ("/mail/data", {"init_messaging": {}, "failures": True, "channels_as_member": True}),
                ("/mail/inbox/messages", {}),
                ("/mail/history/messages", {}),
                ("/mail/starred/messages", {}),
                ("/discuss/channel/members", {"channel_id": channel_id, "known_member_ids": []}),
            ):
                text = self._answer(route, params)
                leaks += [(login, route, o) for o in others if o in text]
        self.assertEqual(leaks, [])
