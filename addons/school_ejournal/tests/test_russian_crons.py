"""What the nightly jobs write to a Russian school is Russian.

Odoo runs a scheduled action as its user (OdooBot, English): a text a job writes for
people must be written in their language, the school's. The e-diary's mails to guardians and
the class teacher (new marks, weekly digest, alerts), read as the recipients get them, and
the nightly verification of the change log, whose findings, message and activity reach the
school's administration.
"""

import re
import shutil
import tempfile
from unittest.mock import patch

from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, config

from .common import DiaryFixtures, SchoolJournalCommon
from .russian_text import LANG, EnglishFinder, page_texts


@tagged("post_install", "-at_install")
class TestRussianCrons(SchoolJournalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_languages(LANG)
        cls.school.partner_id.lang = LANG
        # the scheduler's environment: OdooBot's language
        cls.env = cls.env(context=dict(cls.env.context, lang="en_US"))

    def setUp(self):
        super().setUp()
        # a second medium of its own for the anchors the night writes
        second_dir = tempfile.mkdtemp(prefix="ej_ru_cron_")
        self.addCleanup(shutil.rmtree, second_dir, ignore_errors=True)
        if "school_archive_dir" in self.school:
            self.school.sudo().school_archive_dir = False
        self.startPatcher(patch.dict(config.options, {"school_archive_second_dir": second_dir}))

    def test_nightly_verification_speaks_the_schools_language(self):
        mark = self._mark(self.lesson_5a, self.student_anna, 4)
        mark.write({"value": 5})
        entries = self.env["school.journal.log"].search(
            [("company_id", "=", self.school.id)], order="sequence"
        )
        self.env.flush_all()
        self.env.cr.execute(
            SQL("UPDATE school_journal_log SET new_value = 'value=2' WHERE id = %s", entries[-1].id)
        )
        self.env.invalidate_all()
        run = (
            self.env["school.chain.verification"]
            ._cron_nightly()
            .filtered(lambda r: r.company_id == self.school)
        )
        self.assertEqual(run.state, "failed")
        finder = EnglishFinder()
        # a finding quotes the stored values «...» verbatim: data, not the product's words
        finder.check("first problem", re.sub(r"«[^»]*»", "", run.first_problem))
        finder.check("findings", re.sub(r"«[^»]*»", "", run.findings))
        for activity in run.activity_ids:
            finder.check("activity", activity.summary)
        for message in run.message_ids.filtered(lambda m: m.message_type == "comment"):
            finder.check("message", message.body)
        self.assertTrue(run.activity_ids and run.message_ids)
        self.assertFalse(finder.leaks, "English in the night's verification:\n" + "\n".join(finder.leaks))


@tagged("post_install", "-at_install")
class TestRussianMails(DiaryFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._activate_languages(LANG)
        cls.recipients = cls.parent_mother | cls.parent_other | cls.class_teacher
        cls.recipients.write({"lang": LANG})
        for number, period in enumerate(cls.year.period_ids.sorted("date_start"), start=1):
            period.name = f"Период {number}"
        cls.school.school_absence_alert_threshold = 0

    def test_ediary_mails(self):
        """New marks, the weekly digest and the alerts, sent by the scheduler (English):
        each e-mail to a Russian recipient is Russian, subject and body."""
        Notification = self.env["school.notification"].with_context(lang="en_US")
        Notification._cron_notify_marks()
        Notification._cron_weekly_digest(date=self.ref_day)
        Notification._cron_alerts(date=self.ref_day)
        mails = self.env["mail.mail"].search([("recipient_ids", "in", self.recipients.partner_id.ids)])
        self.assertGreaterEqual(len(mails), 4)
        finder = EnglishFinder()
        for mail in mails:
            finder.check(f"subject of mail {mail.id}", mail.subject)
            for where, text in page_texts(f"<div>{mail.body_html}</div>"):
                finder.check(f"mail {mail.id} {where}", text)
        self.assertFalse(finder.leaks, "English in the e-diary's mails:\n" + "\n".join(finder.leaks))
