from odoo import api, models, tools
from odoo.http import request


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _get_default_lang(cls):
        """The site's default language, as ``http_routing`` finds it, without its two queries
        of ``ir.default`` at every request of a page of the e-diary (issue 15: the routes
        with ``website=True`` ask it first thing). The code is cached; every change of
        ``ir.default`` or ``res.lang`` clears the registry's caches."""
        lang_code = request.env["ir.http"]._school_default_lang_code()
        if lang_code:
            return request.env["res.lang"]._get_data(code=lang_code)
        return next(iter(request.env["res.lang"]._get_active_by("code").values()))

    @api.model
    @tools.ormcache()
    def _school_default_lang_code(self):
        """The default language of contacts (``ir.default`` of ``res.partner.lang``), or False."""
        return self.env["ir.default"].sudo()._get("res.partner", "lang") or False

    def session_info(self):
        """Staff of the school open on their daily screen, not on Discuss (issue 13), and
        their screens colour the marks with the school's colours.

        A user without a home action of their own lands on the control dashboard (deputy,
        director) or on the journal (teachers, the e-journal administrator, the inspector).
        """
        info = super().session_info()
        user = self.env.user
        if not user._is_internal():
            return info
        # the school's colours of the marks by value, for the grid (issue 13)
        info["school_mark_colors"] = self.env.company._school_mark_colors()
        if info.get("home_action_id"):
            return info
        xmlid = False
        if user.has_group("school_ejournal.group_school_deputy") or user.has_group(
            "school_ejournal.group_school_director"
        ):
            xmlid = "school_ejournal.school_control_dashboard_action"
        elif user.has_group("school_ejournal.group_school_teacher") or user.has_group(
            "school_ejournal.group_school_reader"
        ):
            xmlid = "school_ejournal.school_journal_grid_action"
        action = xmlid and self.env.ref(xmlid, raise_if_not_found=False)
        if action:
            info["home_action_id"] = action.id
        return info
