"""The stylesheets compile with their shared SCSS mixin (JOUR-2, JOUR-13, FINAL-1, PORT-1):
the sticky names column of the attendance day and of the period marks' class matrix from one
rule, the attendance day's cells drawing their own borders, and the e-diary's gap between
the marks from Bootstrap's own utility classes, without an ``!important`` of its own."""

import re

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestTidyStylesheets(TransactionCase):
    def _css(self, bundle_name):
        bundle = self.env["ir.qweb"]._get_asset_bundle(bundle_name, js=False)
        css = bundle.css().raw.decode()
        self.assertFalse(bundle.css_errors, bundle.css_errors)
        return re.sub(r"\s+", "", css)

    def test_sticky_names_from_one_mixin(self):
        css = self._css("web.assets_backend")
        for selector in (
            '.o_ej_day_tabletbodyth[scope="row"],.o_ej_day_tabletheadth:first-child{',
            ".o_ej_pm_matrixth:first-child,.o_ej_pm_matrixtd:first-child{",
        ):
            with self.subTest(selector=selector):
                rule = css[css.index(selector) :].split("}", 1)[0]
                self.assertIn("position:sticky", rule)
                self.assertIn("left:0", rule)
        day = css[css.index(".o_ej_day_table{") :].split("}", 1)[0]
        self.assertIn("border-collapse:separate", day)

    def test_diary_gap_from_bootstrap(self):
        css = self._css("web.assets_frontend")
        self.assertRegex(css, r"\.column-gap-2\{column-gap:0?\.5rem!important")
        self.assertNotIn(".o_school_subject_marks", css)
        arch = self.env.ref("school_ejournal.portal_my_diary_marks").arch
        self.assertIn("row-gap-1 column-gap-2 my-1 o_school_subject_marks", arch)
