"""The Russian translation of the addon is complete: every msgid translated, nothing fuzzy,
the same placeholders on both sides (as school_ejournal's test_translations)."""

from odoo.tests import tagged

from odoo.addons.school_ejournal.tests.test_translations import TranslationsCase


@tagged("post_install", "-at_install")
class TestEsiaTranslations(TranslationsCase):
    module = "school_ejournal_esia"
    load_terms = False

    def test_ru_po_is_complete(self):
        po = self._pofile()
        self.assertPoComplete(po, 20)
        self.assertFalse(self._mismatched_placeholders(po))
