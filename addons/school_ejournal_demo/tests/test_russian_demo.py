"""The demo school is Russian whoever generates it: ``scripts/demo.sh`` runs the generator in
Odoo's shell, whose superuser speaks English; the periods it names and the journal's change
log it writes must read in Russian, as a Russian school's own staff would have written them."""

from datetime import timedelta

from odoo import Command
from odoo.tests import tagged

from odoo.addons.school_ejournal.tests.russian_text import LANG, EnglishFinder
from odoo.addons.school_ejournal.tests.test_journal_wizards import JournalWizardsCommon


@tagged("post_install", "-at_install")
class TestRussianDemo(JournalWizardsCommon):
    def test_demo_school_written_in_russian(self):
        if not self.env["res.lang"]._activate_lang(LANG):
            raise AssertionError("ru_RU is unknown to this database")
        company = self.env["res.company"].create({"name": "Демо-школа (тест)"})
        self.env.user.company_ids = [Command.link(company.id)]
        date_to = min(self.monday + timedelta(days=6), self.today - timedelta(days=1))
        # the shell's environment: English
        env = self.env(
            context=dict(
                self.env.context,
                lang="en_US",
                allowed_company_ids=[company.id],
                school_demo_journal_date_from=self.monday,
                school_demo_journal_date_to=date_to,
            )
        )
        env["school.demo.generator"].generate(classes_per_parallel=1, students_per_class=3, seed=5)
        year = env["school.academic.year"]._get_current(company=company)
        finder = EnglishFinder()
        for period in year.period_ids:
            finder.check("period", period.name)
        log = (
            env["school.journal.log"]
            .with_context(lang=LANG)
            .search([("company_id", "=", company.id)], limit=200)
        )
        self.assertTrue(log, "the demo journal is logged")
        for entry in log:
            finder.check(f"log {entry.sequence}", entry.change_description)
        self.assertFalse(finder.leaks, "English in the demo school:\n" + "\n".join(finder.leaks))
