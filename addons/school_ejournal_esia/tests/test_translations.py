"""The Russian translation of the addon is complete: every msgid translated, nothing fuzzy,
the same placeholders on both sides (as school_ejournal's test_translations)."""

import polib

from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

from odoo.addons.school_ejournal.tests.test_translations import placeholders


@tagged("post_install", "-at_install")
class TestEsiaTranslations(TransactionCase):
    def test_ru_po_is_complete(self):
        po = polib.pofile(file_path("school_ejournal_esia/i18n/ru.po"))
        self.assertGreater(len(po), 20)
        for entry in po:
            self.assertTrue(entry.msgstr, f"untranslated: {entry.msgid!r}")
            self.assertNotIn("fuzzy", entry.flags, entry.msgid)
            self.assertEqual(placeholders(entry.msgid), placeholders(entry.msgstr), entry.msgid)
