import logging

from odoo import SUPERUSER_ID, _, api, fields, models
from odoo.exceptions import AccessError, UserError

from .school_report_columns import report_count

_logger = logging.getLogger(__name__)

# findings kept in the record of a run beyond their count
MAX_FINDINGS = 500


class SchoolChainVerification(models.Model):
    """One run of the integrity verification of a school (issue 12, JOUR-7, ARCH-2, ARCH-3).

    Every night from cron and on demand: the school's chains (streamed in batches) against
    themselves and their anchors, the second medium, and the journal's current values against
    the change log. It writes nothing but this record; on failure the e-journal administrator
    and the deputy get an activity and a message.
    """

    _name = "school.chain.verification"
    _description = "Integrity Verification"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "started_at desc, id desc"
    _rec_name = "started_at"

    company_id = fields.Many2one("res.company", readonly=True, required=True, index=True)
    trigger = fields.Selection(
        [("cron", "Nightly"), ("manual", "On demand")], string="Run", readonly=True, required=True
    )
    user_id = fields.Many2one("res.users", string="Run by", readonly=True)
    started_at = fields.Datetime(string="Started", readonly=True, required=True)
    finished_at = fields.Datetime(string="Finished", readonly=True)
    state = fields.Selection(
        [("ok", "Intact"), ("failed", "Problems found")], string="Outcome", readonly=True, required=True
    )
    log_first = fields.Integer(string="Log from No.", readonly=True)
    log_last = fields.Integer(string="Log to No.", readonly=True)
    log_count = report_count("Log entries")
    archive_count = report_count("Archive entries")
    anchor_count = report_count("Anchors")
    finding_count = report_count("Problems")
    first_problem = fields.Char(string="First problem", readonly=True)
    findings = fields.Text(string="Problems found", readonly=True)

    # ------------------------------------------------------------------
    @api.model
    def _verify_school(self, company, values, findings):
        """Fill ``values`` and ``findings`` (texts) for one school; extended by the reports."""
        Log = self.env["school.journal.log"].sudo()
        Anchor = self.env["school.chain.anchor"].sudo()
        anchors = Anchor._anchors_of(Log._name, company.id)
        result = Log._verify_company(company.id, anchors)
        values.update(
            log_first=result["first"],
            log_last=result["last"],
            log_count=result["count"],
            anchor_count=values.get("anchor_count", 0) + len(anchors),
        )
        findings += [
            self.env._("Change log No. %(number)s: %(problem)s", number=number, problem=problem)
            for number, problem in result["findings"]
        ]
        second_dir = Anchor._check_second_dir(company)
        if second_dir:
            findings.append(second_dir)
        findings += Log._reconcile(company.id)

    @api.model
    def _run(self, companies, trigger, user=None):
        """Verify each school; returns the records of the runs."""
        runs = self.browse()
        for company in companies:
            started = fields.Datetime.now()
            values, findings = {}, []
            try:
                self._verify_school(company, values, findings)
            except UserError as error:
                # a missing or wrong key: the run fails and says why
                findings.insert(0, str(error.args[0]))
            runs |= self.create(
                dict(
                    values,
                    company_id=company.id,
                    trigger=trigger,
                    user_id=user.id if user else False,
                    started_at=started,
                    finished_at=fields.Datetime.now(),
                    state="failed" if findings else "ok",
                    finding_count=len(findings),
                    first_problem=(findings[0][:250] if findings else False),
                    findings="\n".join(findings[:MAX_FINDINGS]) or False,
                )
            )
        runs.filtered(lambda run: run.state == "failed")._notify_failure()
        return runs

    def _notify_failure(self):
        """An activity and a message (e-mail) to the e-journal administrators and deputies."""
        groups = self.env.ref("school_ejournal.group_school_admin") | self.env.ref(
            "school_ejournal.group_school_deputy"
        )
        for run in self:
            users = groups.users.filtered(lambda u, run=run: run.company_id in u.company_ids and u.active)
            summary = _("The journal's integrity verification found problems")
            for user in users:
                run.activity_schedule(
                    "mail.mail_activity_data_todo", user_id=user.id, summary=summary, note=run.first_problem
                )
            run.message_post(
                body=_(
                    "The integrity verification of %(school)s found %(count)s problem(s). "
                    "The first: %(first)s",
                    school=run.company_id.name,
                    count=run.finding_count,
                    first=run.first_problem,
                ),
                partner_ids=users.partner_id.ids,
                message_type="comment",
                subtype_xmlid="mail.mt_comment",
            )

    def _notification(self):
        failed = self.filtered(lambda run: run.state == "failed")
        if failed:
            message = _(
                "%(count)s problem(s) found. The first: %(first)s",
                count=sum(failed.mapped("finding_count")),
                first=failed[0].first_problem,
            )
        else:
            message = _(
                "The change log and the archive are intact: %(log)s log entries and %(archive)s "
                "archive entries verified.",
                log=sum(self.mapped("log_count")),
                archive=sum(self.mapped("archive_count")),
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "title": _("Integrity verification"),
                "message": message,
                "type": "danger" if failed else "success",
                "sticky": bool(failed),
            },
        }

    @api.model
    def action_run_now(self):
        """Button of the school administration: verify the current school now."""
        return self._run_manual(_("The integrity verification is run by the school administration."))

    @api.model
    def _run_manual(self, refusal):
        """Verify the current school now, for those who read every journal: the school
        administration (P 3.3: it keeps the data's integrity under control) and the inspector
        (S 1.12: unlimited access to the journals, their integrity included; ROLE-9 writes
        nothing of them). Anybody else is refused with ``refusal`` (AccessError).

        The run is the system's record, not its runner's (JOUR-7, ARCH-2): written, with its
        message and the administration's activities, by the superuser account (OdooBot) in a
        context of the runner's language only (no note of its creation), so that no context
        of the call (defaults, skipped activities or tracking) shapes it, and the runner,
        named in ``user_id`` only, is neither author nor creator of anything of it: nothing
        of the run is his to change or delete, be he the administration's member whose
        activity it raises."""
        if not self.env.user.has_group("school_ejournal.group_school_reader"):
            raise AccessError(refusal)
        company, user = self.env.company, self.env.user
        # the run's record is its own trace: no note of its creation, no follower
        context = {"lang": self.env.lang, "mail_create_nolog": True, "mail_create_nosubscribe": True}
        system = self.with_env(self.env(user=SUPERUSER_ID, context=context))
        return system._run(company, "manual", user=user)._notification()

    @api.model
    def _cron_nightly(self):
        """Anchor the head of every chain of every school, then verify every school."""
        # the schools: companies with classes or a change log
        companies = (
            self.env["res.company"]
            .browse(
                {company.id for [company] in self.env["school.class"].sudo()._read_group([], ["company_id"])}
                | {
                    company.id
                    for [company] in self.env["school.journal.log"].sudo()._read_group([], ["company_id"])
                }
            )
            .sudo()
        )
        self.env["school.chain.anchor"].sudo()._anchor(companies, "nightly")
        # the findings and the message to the administration in each school's language, not in
        # the scheduler's (OdooBot's English)
        runs = self.browse()
        for company in companies:
            runs |= (
                self.sudo().with_context(lang=company.partner_id.lang or self.env.lang)._run(company, "cron")
            )
        return runs

    @api.model
    def _dashboard_state(self, company):
        """What the control dashboard shows: the outcome of the school's last run."""
        last = self.sudo().search([("company_id", "=", company.id)], limit=1)
        return {
            "state": last.state or False,
            "checked_at": fields.Datetime.to_string(last.started_at) if last else False,
            "problem_count": last.finding_count if last else 0,
            "first_problem": last.first_problem or False,
        }
