"""The Russian translation of the demo addon: loaded and complete (issue 16, as school_ejournal's).

The demo's strings left school_ejournal's ``i18n/ru.po`` with the demo code; this addon's own
``i18n/ru.po`` carries them, and ``scripts/i18n.sh`` refreshes it.
"""

import polib

from odoo.tests import tagged
from odoo.tools.misc import file_path

from odoo.addons.school_ejournal.tests.test_translations import LANG, TranslationsCase


@tagged("post_install", "-at_install")
class TestDemoTranslations(TranslationsCase):
    module = "school_ejournal_demo"

    def test_wizard_and_menu_are_russian(self):
        """The back-office entry of the demo speaks Russian."""
        action = self.env.ref("school_ejournal_demo.school_demo_wizard_action").with_context(lang=LANG)
        self.assertEqual(action.name, "Создать демонстрационную школу")
        menu = self.env.ref("school_ejournal_demo.school_demo_wizard_menu").with_context(lang=LANG)
        self.assertEqual(menu.name, "Создать демонстрационную школу")
        field = self.env["school.demo.wizard"].with_context(lang=LANG).fields_get(["seed"], ["string"])
        self.assertEqual(field["seed"]["string"], "Начальное значение генератора")

    def test_po_complete(self):
        """Every msgid has a Russian msgstr with the same placeholders; nothing is fuzzy."""
        po = self._pofile()
        self.assertEqual(po.metadata.get("Language"), LANG)
        self.assertPoComplete(po, 10)
        self.assertFalse(self._mismatched_placeholders(po))

    def test_po_follows_template(self):
        """ru.po holds exactly the msgids of the template (merged by scripts/i18n.sh)."""
        self.assertPoFollowsTemplate()

    def test_production_po_has_no_demo_string(self):
        """The production addon's translation no longer names the demo's code or records."""
        po = polib.pofile(file_path("school_ejournal/i18n/ru.po"))
        demo = [e.msgid for e in po for occurrence, _line in e.occurrences if "school_demo" in occurrence]
        self.assertFalse(demo)
