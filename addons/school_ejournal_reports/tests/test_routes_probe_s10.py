"""The archived journal copies through Odoo's routes on their files (ARCH-1..3, SEC-3).

An archive entry is signed into the school's chain and never changes; its file in the
filestore is attached to it. Odoo lets whoever may write a record change or delete the files
attached to it: the e-journal administrator, who may write archive entries, must still not
replace or delete an archived copy through the chatter's or the ORM's routes on the file.
"""

import json

from odoo.tests import HttpCase, tagged
from odoo.tools import mute_logger

from .common import ReportsCommon

MUTE_HTTP = ("odoo.http", "odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")


@tagged("post_install", "-at_install")
class TestArchiveFileRoutes(ReportsCommon, HttpCase):
    def _rpc(self, route, params):
        with mute_logger(*MUTE_HTTP):
            return self.url_open(
                route,
                data=json.dumps({"id": 0, "jsonrpc": "2.0", "method": "call", "params": params}),
                headers={"Content-Type": "application/json"},
            ).json()

    def test_archived_copy_neither_replaced_nor_deleted(self):
        entry = self.env["school.archive.entry"]._archive_period(self.quarter_1)[:1]
        attachment = entry.attachment_id
        content = attachment.raw
        self.assertTrue(content)
        self.authenticate(self.user_ej_admin.login, self.user_ej_admin.login)
        for method, args in (
            ("write", [attachment.ids, {"datas": "Zm9yZ2Vk"}]),
            ("write", [attachment.ids, {"name": "forged.xlsx"}]),
            ("write", [attachment.ids, {"res_id": False}]),
            ("unlink", [attachment.ids]),
        ):
            with self.subTest(method=method, args=args):
                answer = self._rpc(
                    f"/web/dataset/call_kw/ir.attachment/{method}",
                    {"model": "ir.attachment", "method": method, "args": args, "kwargs": {}},
                )
                self.assertIn("error", answer)
        answer = self._rpc("/mail/attachment/delete", {"attachment_id": attachment.id})
        self.assertIn("error", answer)
        self.env.invalidate_all()
        self.assertEqual(entry.attachment_id, attachment)
        self.assertEqual(attachment.raw, content)
        self.assertEqual(attachment.res_id, entry.id)
        # the administrator still downloads it
        with mute_logger(*MUTE_HTTP):
            response = self.url_open(f"/web/content/{attachment.id}?download=true")
        self.assertEqual(response.status_code, 200)
        self.assertEqual(response.content, content)
