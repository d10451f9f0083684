"""The Russian translation of the addon: loaded, used by the UI, complete.

The interface speaks Russian; source strings are English, as Odoo does it. These tests load
``i18n/ru.po`` into the database, read menus, field labels, selection values and a
constraint message in Russian, then check the file itself: every msgid translated, nothing
fuzzy, the same placeholders on both sides. ``scripts/i18n.sh`` refreshes the file.
"""

import re
from collections import Counter
from datetime import date

import polib

from odoo.exceptions import ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools.misc import file_path

LANG = "ru_RU"
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
LATIN_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
# %(name)s, %s, %d, %.2f; {{ expression }} of QWeb and mail templates; {name} of str.format
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_]\w*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]"
    r"|%[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
    r"|\{\{.*?\}\}"
    r"|\{[A-Za-z_][\w.]*\}|\{\d*\}"
)


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


class TranslationsCase(TransactionCase):
    """The base of the translation tests of every addon (no test of its own): ``module``'s
    Russian terms loaded into the database, its ``i18n`` files and their checks."""

    module = "school_ejournal"
    load_terms = True

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        if cls.load_terms:
            if not cls.env["res.lang"]._activate_lang(LANG):
                raise AssertionError("The language ru_RU is unknown to this database")
            cls.env["ir.module.module"]._load_module_terms([cls.module], [LANG], overwrite=True)
        cls.env_ru = cls.env(context=dict(cls.env.context, lang=LANG))

    def _pofile(self, name="ru.po"):
        return polib.pofile(file_path(f"{self.module}/i18n/{name}"))

    @staticmethod
    def _mismatched_placeholders(po):
        """The (msgid, msgstr) pairs of ``po`` whose placeholders differ."""
        return [
            (e.msgid, e.msgstr)
            for e in po.translated_entries()
            if placeholders(e.msgid) != placeholders(e.msgstr)
        ]

    def assertPoComplete(self, po, min_entries):
        """More than ``min_entries`` msgids, every one translated, nothing fuzzy."""
        self.assertGreater(len(po), min_entries)
        untranslated = [e.msgid for e in po.untranslated_entries()]
        self.assertFalse(untranslated, f"Untranslated msgids (run scripts/i18n.sh): {untranslated[:20]}")
        fuzzy = [e.msgid for e in po.fuzzy_entries()]
        self.assertFalse(fuzzy, f"Fuzzy entries: {fuzzy[:20]}")

    def assertPoFollowsTemplate(self):
        """ru.po holds exactly the msgids of the template (merged by scripts/i18n.sh)."""
        pot_ids = {e.msgid for e in self._pofile(f"{self.module}.pot") if not e.obsolete}
        po_ids = {e.msgid for e in self._pofile() if not e.obsolete}
        self.assertFalse(pot_ids - po_ids, "msgids of the template missing in ru.po: run scripts/i18n.sh")
        self.assertFalse(po_ids - pot_ids, "msgids of ru.po no longer in the template: run scripts/i18n.sh")


@tagged("post_install", "-at_install")
class TestTranslations(TranslationsCase):
    def assertRussian(self, text, what):
        self.assertTrue(text and CYRILLIC.search(text), f"{what} is not in Russian: {text!r}")

    # ------------------------------------------------------------------
    # The translation is loaded and used
    # ------------------------------------------------------------------
    def test_root_menu_is_russian(self):
        """The application is called «Электронный журнал» in the main menu."""
        menu = self.env.ref("school_ejournal.school_ejournal_menu_root").with_context(lang=LANG)
        self.assertEqual(menu.name, "Электронный журнал")
        found = self.env_ru["ir.ui.menu"].search([("name", "ilike", "Электрон")])
        self.assertIn(menu, found)
        expected = {
            "school_ejournal_menu_journal": "Журнал",
            "school_ejournal_menu_contingent": "Контингент",
            "school_ejournal_menu_planning": "Планирование",
            "school_ejournal_menu_config": "Настройка",
            "school_class_menu": "Классы",
            "school_teaching_assignment_menu": "Педагогическая нагрузка",
        }
        for xmlid, name in expected.items():
            submenu = self.env.ref(f"school_ejournal.{xmlid}").with_context(lang=LANG)
            self.assertEqual(submenu.name, name, xmlid)

    def test_field_labels_are_russian(self):
        """Field labels carry the school's terminology."""
        expected = {
            ("school.class", "class_teacher_id"): "Классный руководитель",
            ("school.class", "grade"): "Параллель",
            ("school.student", "snils"): "СНИЛС",
            ("school.student", "consent_date"): "Согласие на обработку персональных данных",
            ("school.grading.policy", "edit_window"): "Окно редактирования отметок",
            ("school.period", "is_closed"): "Закрыт для редактирования",
            ("school.curriculum.line", "subject_id"): "Предмет",
        }
        for (model, field), label in expected.items():
            description = self.env_ru[model].fields_get([field], ["string"])[field]["string"]
            self.assertEqual(description, label, f"{model}.{field}")
        string = (
            self.env_ru["school.class"]._fields["class_teacher_id"].get_description(self.env_ru)["string"]
        )
        self.assertEqual(string, "Классный руководитель")

    def _selection(self, model, field):
        return dict(self.env_ru[model].fields_get([field], ["selection"])[field]["selection"])

    def test_selection_values_are_russian(self):
        """Selection values are translated: period types, statuses, edit windows."""
        period_types = self._selection("school.period", "period_type")
        self.assertEqual(period_types["quarter"], "Четверть")
        self.assertEqual(period_types["half"], "Полугодие")
        self.assertEqual(self._selection("school.student", "state")["studying"], "Обучается")
        for key, value in self._selection("school.grading.policy", "edit_window").items():
            self.assertRussian(value, f"Edit window {key}")

    def test_model_names_and_groups_are_russian(self):
        """Model descriptions and the role groups shown in user settings."""
        model = self.env_ru["ir.model"]._get("school.student")
        self.assertEqual(model.name, "Обучающийся")
        group = self.env.ref("school_ejournal.group_school_class_teacher").with_context(lang=LANG)
        self.assertEqual(group.name, "Классный руководитель")

    def test_constraint_message_is_russian(self):
        """A ValidationError raised for a Russian user speaks Russian."""
        with self.assertRaises(ValidationError) as error:
            self.env_ru["school.academic.year"].create(
                {"name": "2030/2031", "date_start": date(2031, 5, 31), "date_end": date(2030, 9, 1)}
            )
        message = str(error.exception)
        self.assertRussian(message, "The constraint message")
        self.assertIn("2030/2031", message, "The placeholder was not filled in")
        self.assertFalse(LATIN_WORD.search(message), f"English words left in {message!r}")

    def test_generated_period_names_are_russian(self):
        """Names made in code (``_()`` at run time) follow the user's language."""
        year = self.env_ru["school.academic.year"].create(
            {"name": "2031/2032", "date_start": date(2031, 9, 1), "date_end": date(2032, 8, 31)}
        )
        year.action_generate_periods()
        self.assertIn("1-я четверть", year.period_ids.mapped("name"))
        self.assertIn("1-е полугодие", year.period_ids.mapped("name"))

    # ------------------------------------------------------------------
    # The file is complete and consistent
    # ------------------------------------------------------------------
    def test_po_header(self):
        po = self._pofile("ru.po")
        self.assertEqual(po.metadata.get("Language"), LANG)
        self.assertTrue(po.metadata.get("Plural-Forms", "").startswith("nplurals=3;"))
        self.assertEqual(po.metadata.get("Content-Type"), "text/plain; charset=UTF-8")

    def test_po_complete(self):
        """Every msgid has a Russian msgstr; nothing is fuzzy."""
        self.assertPoComplete(self._pofile(), 100)

    def test_po_placeholders(self):
        """Placeholders (%s, %(name)s, {…}) are the same in msgid and msgstr."""
        mismatched = self._mismatched_placeholders(self._pofile())
        self.assertFalse(mismatched, f"Placeholders differ: {mismatched[:10]}")

    def test_po_keeps_surrounding_spaces(self):
        """A msgstr keeps the leading and trailing blanks of its msgid (glued fragments)."""
        po = self._pofile("ru.po")

        def edges(text):
            return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]

        changed = [e.msgid for e in po.translated_entries() if edges(e.msgid) != edges(e.msgstr)]
        self.assertFalse(changed, f"Leading or trailing blanks lost: {changed[:10]}")

    def test_po_follows_template(self):
        """ru.po holds exactly the msgids of the template (merged by scripts/i18n.sh)."""
        self.assertPoFollowsTemplate()
