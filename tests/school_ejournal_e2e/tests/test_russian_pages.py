"""Odoo's own modules speak Russian too, the portal footer included (issue 13).

``scripts/test.sh`` and ``scripts/demo.sh`` install the addons with ``--load-language=ru_RU``:
every installed module, Odoo's own ones included, gets the Russian of its ``i18n/ru.po``.
Where Odoo's Russian leaves a string of a page in English ("Powered by %s%s" of the portal
footer), the school's file translates it.
"""

import os

import polib

from odoo.modules.module import get_module_path
from odoo.tests import HttpCase, tagged

from odoo.addons.school_ejournal_reports.tests.common import ReportsCommon

FIELD_LABEL = "model:ir.model.fields,field_description:"


@tagged("post_install", "-at_install")
class TestRussianPages(ReportsCommon, HttpCase):
    def test_portal_footer_in_russian(self):
        self.user_parent.lang = "ru_RU"
        self.authenticate(self.user_parent.login, self.user_parent.login)
        for url in ("/my", "/my/diary", f"/my/diary/{self.student_petrova.id}"):
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn("o_brand_promotion", response.text, f"{url}: the footer is shown")
            self.assertNotIn("Powered by", response.text, url)
            self.assertIn("Работает на", response.text, url)

    def test_every_installed_module_has_its_russian(self):
        """Every installed module with a Russian file has its field labels in Russian."""
        self.assertTrue(self.env["res.lang"]._lang_get("ru_RU").active, "Russian is installed")
        modules = self.env["ir.module.module"].search([("state", "=", "installed")])
        Fields = self.env["ir.model.fields"].with_context(lang="ru_RU")
        checked, missing = [], []
        for module in modules:
            path = get_module_path(module.name, display_warning=False)
            po_path = path and os.path.join(path, "i18n", "ru.po")
            if not po_path or not os.path.exists(po_path):
                continue
            for entry in polib.pofile(po_path):
                if not entry.msgstr or entry.msgstr == entry.msgid:
                    continue
                xmlids = [
                    comment[len(FIELD_LABEL) :]
                    for comment, _line in entry.occurrences
                    if comment.startswith(FIELD_LABEL)
                ]
                field = xmlids and self.env.ref(xmlids[0], raise_if_not_found=False)
                if not field:
                    continue
                # a label may be translated by several modules: any Russian will do
                label = Fields.browse(field.id).field_description
                checked.append(module.name)
                if label == entry.msgid or not any("А" <= ch <= "я" for ch in label):
                    missing.append(f"{module.name}: {xmlids[0]} {label!r}")
                break
        self.assertFalse(missing, "Modules without their Russian:\n" + "\n".join(missing))
        for name in ("base", "web", "mail", "portal", "school_ejournal"):
            if name in modules.mapped("name"):
                self.assertIn(name, checked)
