from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models, tools
from odoo.exceptions import ValidationError
from odoo.tools import frozendict

from . import school_access

# a typed mark: ASCII digits only ('٥', '²', '５' are not marks), at most two of them
MAX_MARK_DIGITS = 2
DEFAULT_MARK_VALUES = [2, 3, 4, 5]
# what _policy_settings and _policy_spans keep of a policy: a change of them clears the cache
CACHED_FIELDS = {
    "date_from",
    "date_to",
    "company_id",
    "mark_scale",
    "edit_window",
    "weight_ids",
    "threshold_3",
    "threshold_4",
    "threshold_5",
    "min_marks",
    "name",
}

MARK_SCALES = [
    ("2_5", "2 to 5"),
    ("1_5", "1 to 5"),
]
EDIT_WINDOWS = [
    ("unlimited", "Unlimited (until the year ends)"),
    ("1w", "1 week"),
    ("2w", "2 weeks"),
    ("3w", "3 weeks"),
    ("1m", "1 month"),
]
EDIT_WINDOW_DELTAS = {
    "1w": relativedelta(weeks=1),
    "2w": relativedelta(weeks=2),
    "3w": relativedelta(weeks=3),
    "1m": relativedelta(months=1),
}


class SchoolGradingPolicy(models.Model):
    """Grading policy as dated data (JOUR-6, FINAL-2).

    Work-type weights, rounding thresholds of the proposed period mark, the minimum number of
    marks and the mark edit window hold from ``date_from`` to ``date_to``; a report for a past
    period computes with the policy in force then.
    """

    _name = "school.grading.policy"
    _inherit = ["school.dated.validity.mixin"]
    _description = "Grading Policy"
    _validity_fields = ("date_from", "date_to")
    _order = "date_from desc, id desc"
    _check_company_auto = True

    name = fields.Char(required=True)
    date_from = fields.Date(string="Valid From", required=True)
    date_to = fields.Date(string="Valid Until")
    mark_scale = fields.Selection(
        MARK_SCALES, required=True, default=lambda self: self.env.company.school_mark_scale or "2_5"
    )
    edit_window = fields.Selection(
        EDIT_WINDOWS,
        string="Mark Edit Window",
        required=True,
        default=lambda self: self.env.company.school_edit_window or "2w",
    )
    min_marks = fields.Integer(
        string="Minimum Marks per Period", default=lambda self: self.env.company.school_min_marks or 3
    )
    threshold_5 = fields.Float(
        string="Average for 5", digits=(3, 2), default=lambda self: self.env.company.school_threshold_5 or 4.6
    )
    threshold_4 = fields.Float(
        string="Average for 4", digits=(3, 2), default=lambda self: self.env.company.school_threshold_4 or 3.6
    )
    threshold_3 = fields.Float(
        string="Average for 3", digits=(3, 2), default=lambda self: self.env.company.school_threshold_3 or 2.6
    )
    weight_ids = fields.One2many("school.grading.policy.weight", "policy_id", string="Weights", copy=True)
    company_id = fields.Many2one(
        "res.company", required=True, index=True, default=lambda self: self.env.company
    )

    def _date_order_error(self):
        return _("The grading policy %s must end after it starts.", self.name)

    @api.constrains("date_from", "date_to", "company_id")
    def _check_dates(self):
        for policy in self:
            if self.search_count(policy._overlap_domain(["company_id"])):
                raise ValidationError(
                    _(
                        "The grading policy %s overlaps another policy: close the previous one "
                        "with an end date first.",
                        policy.name,
                    )
                )

    @api.constrains("threshold_5", "threshold_4", "threshold_3", "min_marks")
    def _check_thresholds(self):
        for policy in self:
            if not (0 < policy.threshold_3 < policy.threshold_4 < policy.threshold_5 <= 5):
                raise ValidationError(
                    _("Rounding thresholds must grow: mark 3 < mark 4 < mark 5, and not exceed 5.")
                )
            if policy.min_marks < 0:
                raise ValidationError(_("The minimum number of marks cannot be negative."))

    @api.model
    def _get_policy(self, date, company=None):
        """The policy in force on ``date`` for the school."""
        company = company or self.env.company
        return self._get_policy_map([(date, company.id)])[(date, company.id)]

    @api.model
    @tools.ormcache("company_id")
    def _policy_spans(self, company_id):
        """((id, date_from, date_to), ...) of the school's policies, newest first.

        Cached (issue 15): every mark saved asks for the policy of its date several times
        (the scale, the weight, the edit window); the cache is cleared when a policy changes.
        """
        policies = self.sudo().search_fetch([("company_id", "=", company_id)], ["date_from", "date_to"])
        return tuple((p.id, p.date_from, p.date_to) for p in policies)

    @api.model
    @tools.ormcache("policy_id")
    def _policy_settings(self, policy_id):
        """The settings of a policy, ``_read_settings``.

        Cached like the spans (issue 15): the grid, every mark saved and every check of a mark
        read them, the weights in two queries of their own, and every period-mark row made
        reads the rounding thresholds and the minimum; the cache is cleared when a policy or a
        weight changes (here and in school.grading.policy.weight).
        """
        return self.sudo().browse(policy_id)._read_settings(frozendict)

    def _read_settings(self, mapping=dict):
        """{"name", "scale", "edit_window", "weights": {work type id: weight}, "thresholds":
        {mark: lowest average}, "min_marks"} of this policy."""
        return mapping(
            name=self.name,
            scale=self.mark_scale,
            edit_window=self.edit_window,
            weights=mapping({line.work_type_id.id: line.weight for line in self.weight_ids}),
            thresholds=mapping({3: self.threshold_3, 4: self.threshold_4, 5: self.threshold_5}),
            min_marks=self.min_marks,
        )

    def _settings(self):
        """``_policy_settings`` of this policy (read from the record itself while it is new)."""
        self.ensure_one()
        if isinstance(self.id, int):
            return self._policy_settings(self.id)
        return self._read_settings()

    @api.model_create_multi
    def create(self, vals_list):
        records = super().create(vals_list)
        self.env.registry.clear_cache()
        return records

    def write(self, vals):
        res = super().write(vals)
        if CACHED_FIELDS & set(vals):
            self.env.registry.clear_cache()
        return res

    def unlink(self):
        res = super().unlink()
        self.env.registry.clear_cache()
        return res

    @api.model
    def _get_policy_map(self, pairs):
        """{(date, company id): policy in force} for many pairs, read from the cached spans.

        Same answer as a search of the newest policy in force for each pair, without a
        search per mark in batch checks.
        """
        result = {}
        for date, company_id in set(pairs):
            policy_id = next(
                (
                    pid
                    for pid, date_from, date_to in self._policy_spans(company_id or 0)
                    if date and date_from <= date and (not date_to or date_to >= date)
                ),
                None,
            )
            result[(date, company_id)] = self.browse(policy_id) if policy_id else self.browse()
        return result

    def _get_weight(self, work_type):
        """Weight of a work type under this policy; the work type's default otherwise."""
        weights = self._settings()["weights"]
        return weights[work_type.id] if work_type.id in weights else work_type.default_weight

    def _get_mark_values(self):
        low = 1 if self._settings()["scale"] == "1_5" else 2
        return list(range(low, 6))

    def _parse_mark_value(self, text):
        """The mark typed or sent as ``text`` (JOUR-3, JOUR-5; issue 11 item 10).

        A mark is written in ASCII digits; a number is accepted as it is. With a policy
        (one record) the value must be a mark of its scale; without one (an empty recordset,
        the scale is then checked by the mark itself) only its form and size are checked.
        Anything else is refused with a clear message, never a server error.
        """
        big = isinstance(text, int) and abs(text) >= 10**20  # no str() of a huge number
        shown = "…" if big else str(text).strip()
        shown = shown if len(shown) <= 20 else shown[:20] + "…"
        if isinstance(text, float) and text.is_integer():
            text = int(text)
        if isinstance(text, int) and not isinstance(text, bool):
            value = text
        elif isinstance(text, str) and text.strip().isascii() and text.strip().isdigit():
            digits = text.strip()
            # more than two digits is no mark of any scale, and no number to convert
            value = int(digits) if len(digits) <= MAX_MARK_DIGITS else None
        else:
            raise ValidationError(
                _("«%s» is not a mark: type the marks of the scale in the digits 0-9.", shown)
            )
        allowed = self._get_mark_values() if len(self) == 1 else DEFAULT_MARK_VALUES
        if value is None or not 0 < value < 100 or (len(self) == 1 and value not in allowed):
            raise ValidationError(
                _(
                    "%(value)s is not a mark of the school's scale (%(low)s to %(high)s).",
                    value=shown,
                    low=allowed[0],
                    high=allowed[-1],
                )
            )
        return value

    def _edit_deadline(self, lesson_date, year_end):
        """Last day a teacher may still edit a mark of a lesson held on ``lesson_date`` (JOUR-6)."""
        edit_window = self._settings()["edit_window"]
        if edit_window == "unlimited":
            return year_end
        return min(lesson_date + EDIT_WINDOW_DELTAS[edit_window], year_end)

    def _round_average(self, average):
        """Proposed period mark for a weighted average, by the thresholds (FINAL-2)."""
        self.ensure_one()
        if average is None:
            return False
        if average >= self.threshold_5:
            return 5
        if average >= self.threshold_4:
            return 4
        if average >= self.threshold_3:
            return 3
        return 2 if self.mark_scale == "2_5" or average >= 1.5 else 1

    def action_load_work_types(self):
        """Fill the weights with every work type at its default weight."""
        school_access.check_groups(self.env, school_access.GROUP_ADMIN)
        for policy in self:
            missing = self.env["school.work.type"].search([]) - policy.weight_ids.work_type_id
            policy.weight_ids = [
                fields.Command.create({"work_type_id": wt.id, "weight": wt.default_weight}) for wt in missing
            ]

    def _check_marks_allowed(self, school_class, subject, values, period_mark=False):
        """The one home of the checks of a mark or a period mark (issue 16 item 6): grade 1
        gets none (P 3.11), a subject assessed without marks gets none, and each value is a
        mark of this policy's scale (JOUR-3..5). ``self`` is the policy in force on the date
        (an empty recordset: the scale 2-5)."""
        if school_class.grade == 1:
            if period_mark:
                raise ValidationError(_("Grade 1 gets no period marks."))
            raise ValidationError(_("Grade 1 gets no marks: record attendance and topics only."))
        if not subject.is_graded:
            raise ValidationError(_("%s is assessed without marks.", subject.name))
        allowed = self._get_mark_values() if self else [2, 3, 4, 5]
        for value in values:
            if value not in allowed:
                raise ValidationError(
                    _(
                        "%(value)s is not a mark of the school's scale (%(low)s to %(high)s).",
                        value=value,
                        low=allowed[0],
                        high=allowed[-1],
                    )
                )
