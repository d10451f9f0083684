"""A Russian school meets no English: the screens, menus, labels and mails of every addon.

``scripts/i18n.sh --check`` proves ``ru.po`` complete for what the extractor finds. These
tests read the product as a Russian user gets it (language ru_RU, Odoo's own Russian
translation loaded as ``scripts/test.sh`` loads it) and list every English word met: menus
and the views of their actions (``get_views``), the labels of the fields shown, every
selection label of our models, the names of actions, crons, reports, groups, the mail
templates, the file names of printed documents, and the OWL templates of the web client
(their texts and ``_t`` strings must reach the web client translated, and the attributes
OWL does not translate, such as ``aria-label``, are given by the component through ``_t``).
Proper names and abbreviations Russian keeps in Latin letters (PDF, XLSX, SMS, e-mail, URL,
OpenID...) are allowed, see ``russian_text.ALLOWED_WORDS``.
"""

import glob
import os
import re

from lxml import etree

from odoo.modules.module import get_module_path
from odoo.tests import TransactionCase, tagged

from .russian_text import LANG, OUR_MODULES, EnglishFinder, english_words, template_strings, visible_fields

# attributes OWL translates when it compiles a template (owl.js TRANSLATABLE_ATTRS and the
# web client's translatableAttributes); any other attribute is shown as written
OWL_TRANSLATED_ATTRIBUTES = ("label", "title", "placeholder", "alt", "data-tooltip")
OWL_READ_ATTRIBUTES = ("aria-label", "aria-placeholder", "aria-roledescription", "aria-valuetext")
# selection fields whose labels are proper names in every language
PROPER_NAME_SELECTIONS = ("tz", "lang")


@tagged("post_install", "-at_install")
class TestRussianScreens(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        lang = cls.env["res.lang"]._lang_get(LANG)
        if not lang or not lang.active:
            raise AssertionError("ru_RU is not installed: run the tests with --load-language=ru_RU")
        cls.env = cls.env(context=dict(cls.env.context, lang=LANG))
        cls.modules = cls.env["ir.module.module"].search(
            [("name", "in", OUR_MODULES), ("state", "=", "installed")]
        )
        cls.module_names = cls.modules.mapped("name")

    def _records(self, model):
        """The records of ``model`` that our addons' data files create."""
        data = self.env["ir.model.data"].search([("module", "in", self.module_names), ("model", "=", model)])
        return self.env[model].browse(data.mapped("res_id")).exists()

    def assertNoEnglish(self, finder, what):
        self.assertFalse(
            finder.leaks, f"English met by a Russian user in {what}:\n" + "\n".join(finder.leaks)
        )

    # ------------------------------------------------------------------
    # Odoo's own Russian translation is loaded
    # ------------------------------------------------------------------
    def test_odoo_russian_loaded(self):
        """base, web, mail and portal speak Russian in this database (their terms loaded with
        the language): what our screens show of Odoo's own is translated."""
        self.assertEqual(self.env.ref("base.menu_administration").name, "Настройки")
        self.assertEqual(self.env["ir.model"]._get("res.partner").name, "Контакты")
        self.assertEqual(self.env["ir.model"]._get("mail.message").name, "Сообщение")
        self.assertEqual(self.env.ref("mail.menu_root_discuss").name, "Общение")
        self.assertTrue(self.env["ir.model"]._get("portal.wizard").name)
        self.assertFalse(english_words(self.env["ir.model"]._get("portal.wizard").name))
        # the web client's terms: served from web's ru.po now that the language is installed
        terms, lang_params = self.env["ir.http"].get_translations_for_webclient(
            ["web", "mail", "portal"], LANG
        )
        self.assertEqual(lang_params["code"], LANG)
        for module in ("web", "mail", "portal"):
            self.assertGreater(
                len(terms[module]["messages"]), 20, f"{module}'s Russian terms of the web client"
            )

    # ------------------------------------------------------------------
    # Menus, actions and their views
    # ------------------------------------------------------------------
    def _window_actions(self):
        menus = self._records("ir.ui.menu")
        actions = self._records("ir.actions.act_window")
        for menu in menus:
            if menu.action and menu.action._name == "ir.actions.act_window":
                actions |= menu.action
        return menus, actions

    def _action_views(self, action):
        views = [(view.view_id.id, view.view_mode) for view in action.view_ids]
        modes = {mode for _view, mode in views}
        for mode in (action.view_mode or "list,form").split(","):
            if mode not in modes:
                views.append((action.view_id.id if action.view_id.type == mode else False, mode))
        views.append((action.search_view_id.id, "search"))
        return views

    def _our_parts(self, root):
        """The parts of a view that are ours: the whole view, but of the settings (Odoo's
        page of every application's settings) the blocks of our applications only."""
        if root.find(".//app") is not None:
            return [app for app in root.iter("app") if app.get("name") in self.module_names]
        return [root]

    def test_menus_actions_and_views(self):
        """Every menu of our addons, every window action (its name, help, views, the labels,
        help texts and selection labels of the fields its views show) is Russian."""
        finder = EnglishFinder()
        menus, actions = self._window_actions()
        self.assertGreater(len(menus), 20)
        for menu in menus:
            finder.check(f"menu {menu.get_external_id()[menu.id]}", menu.name)
        for action in actions:
            xmlid = action.get_external_id()[action.id] or action.name
            finder.check(f"action {xmlid}", action.name)
            if action.help:
                finder.check_arch(f"action {xmlid} help", f"<div>{action.help}</div>")
            result = self.env[action.res_model].get_views(self._action_views(action), {"toolbar": True})
            shown = {}
            for view_type, view in result["views"].items():
                root = etree.fromstring(view["arch"])
                if view_type == "search" and not view.get("id"):
                    root.attrib.pop("string", None)  # the generated search view's title is not shown
                for part in self._our_parts(root):
                    finder.check_arch(f"{action.res_model} {view_type} of {xmlid}", part)
                    # the fields of an inner view belong to its comodel: the outer level only
                    shown.setdefault(action.res_model, set()).update(visible_fields(part))
                for kind in ("print", "action"):
                    for item in view.get("toolbar", {}).get(kind, []):
                        finder.check(f"{action.res_model} toolbar", item.get("name"))
            for model, fields in shown.items():
                descriptions = self.env[model].fields_get(list(fields), ["string", "help", "selection"])
                for name, description in descriptions.items():
                    finder.check(f"{model}.{name} label", description.get("string"))
                    finder.check(f"{model}.{name} help", description.get("help"))
                    if name not in PROPER_NAME_SELECTIONS:
                        for _key, label in description.get("selection") or []:
                            finder.check(f"{model}.{name} selection", label)
        self.assertNoEnglish(finder, "the menus and the views of their actions")

    def test_action_and_data_names(self):
        """The names a user meets of our other data: client and server actions, crons,
        reports and their printed files, groups, models and their fields."""
        finder = EnglishFinder()
        for model in ("ir.actions.client", "ir.actions.server", "ir.cron", "ir.actions.report", "res.groups"):
            for record in self._records(model):
                finder.check(f"{model} {record.get_external_id()[record.id]}", record.display_name)
        for report in self._records("ir.actions.report"):
            # the printed file's name: the string literals of its expression
            finder.check(
                f"file name of {report.report_name}",
                template_strings(f"{{{{ {report.print_report_name or ''} }}}}"),
            )
        for model in self._records("ir.model"):
            finder.check(f"model {model.model}", model.name)
        for field in self._records("ir.model.fields"):
            finder.check(f"field {field.model}.{field.name}", field.field_description)
        self.assertNoEnglish(finder, "the names of actions, crons, reports, groups, models and fields")

    def test_selection_labels(self):
        """Every selection field of our addons, its own or inherited (the activity state of a
        model with activities, whose labels Odoo translates for its own models only), gives
        Russian labels."""
        finder = EnglishFinder()
        fields = self._records("ir.model.fields").filtered(
            lambda f: f.ttype == "selection" and f.name not in PROPER_NAME_SELECTIONS and f.model in self.env
        )
        self.assertGreater(len(fields), 40)
        for field in fields:
            description = self.env[field.model].fields_get([field.name], ["selection"])[field.name]
            for _key, label in description["selection"]:
                finder.check(f"{field.model}.{field.name}", label)
        self.assertNoEnglish(finder, "the selection labels")

    # ------------------------------------------------------------------
    # Mails and printed documents' file names
    # ------------------------------------------------------------------
    def test_mail_templates(self):
        """A mail of our templates written to a Russian reader: subject and body, the
        fallbacks of their placeholders included; the template's name and description."""
        finder = EnglishFinder()
        templates = self._records("mail.template")
        self.assertTrue(templates)
        for template in templates:
            xmlid = template.get_external_id()[template.id]
            finder.check(f"{xmlid} name", template.name)
            finder.check(f"{xmlid} description", template.description)
            finder.check(f"{xmlid} subject", template_strings(template.subject))
            finder.check_arch(f"{xmlid} body", f"<div>{template_strings(template.body_html)}</div>")
        self.assertNoEnglish(finder, "the mail templates")

    def test_qweb_templates(self):
        """The fixed text of our QWeb templates (printed forms, the e-diary's pages, mail
        layouts) as stored for a Russian reader: translated, the examples inside ``t-out``
        and the like left out (they are replaced when the template is rendered)."""
        finder = EnglishFinder()
        views = self._records("ir.ui.view").filtered(lambda v: v.type == "qweb")
        self.assertGreater(len(views), 10)
        for view in views:
            finder.check_arch(f"template {view.key}", view.arch_db)
        self.assertNoEnglish(finder, "the QWeb templates")

    # ------------------------------------------------------------------
    # OWL templates of the web client
    # ------------------------------------------------------------------
    def _owl_templates(self):
        for module in self.module_names:
            for path in sorted(
                glob.glob(os.path.join(get_module_path(module), "static/src/**/*.xml"), recursive=True)
            ):
                yield module, path

    def _served_terms(self, module):
        """The terms of ``module`` the web client gets translated (``/web/webclient/translations``)."""
        terms = self.env["ir.http"].get_translations_for_webclient([module], LANG)[0][module]["messages"]
        return {term["id"] for term in terms if term["string"]}

    def test_owl_templates_reach_the_translation(self):
        """Every text and translated attribute of our OWL templates is served to the web
        client translated (extracted into the addon's .pot, translated in ru.po);
        an attribute OWL leaves as written (``aria-label``) holds no English: it is bound
        (``t-att-aria-label``) to a string the component translates with ``_t``."""
        problems = []
        templates = list(self._owl_templates())
        self.assertTrue(templates)
        for module, path in templates:
            served = self._served_terms(module)
            name = os.path.relpath(path, get_module_path(module))
            for node in etree.parse(path).iter():
                if not isinstance(node.tag, str):
                    continue
                texts = [node.text, node.tail] + [node.get(attr) for attr in OWL_TRANSLATED_ATTRIBUTES]
                for text in texts:
                    term = (text or "").strip()
                    if not english_words(term):
                        continue
                    if term not in served:
                        problems.append(f"{module}/{name}:{node.sourceline} not translated: {term!r}")
                for attr in OWL_READ_ATTRIBUTES:
                    if english_words(node.get(attr)):
                        problems.append(
                            f"{module}/{name}:{node.sourceline} {attr} left in English: {node.get(attr)!r}"
                        )
        self.assertFalse(problems, "OWL templates showing English to a Russian user:\n" + "\n".join(problems))

    def test_javascript_strings_reach_the_translation(self):
        """Every ``_t("...")`` of our web client code is served to it translated."""
        problems = []
        for module in self.module_names:
            served = self._served_terms(module)
            pattern = os.path.join(get_module_path(module), "static/src/**/*.js")
            for path in sorted(glob.glob(pattern, recursive=True)):
                with open(path, encoding="utf-8") as handle:
                    source = handle.read()
                for term in re.findall(r"\b_t\(\s*\"((?:[^\"\\]|\\.)*)\"", source):
                    term = term.replace('\\"', '"')
                    if english_words(term) and term not in served:
                        problems.append(f"{os.path.relpath(path, get_module_path(module))}: {term!r}")
        self.assertFalse(problems, "Strings of the web client left in English:\n" + "\n".join(problems))
