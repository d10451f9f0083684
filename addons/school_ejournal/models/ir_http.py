import re

import werkzeug.exceptions

from odoo import _, api, models, tools
from odoo.exceptions import AccessError
from odoo.http import request

# what a user signed in with a temporary password reaches before changing it (SEC-1, P 3.3):
# the password change page and what it loads, the session and the sign-out
TEMPORARY_PASSWORD_PATHS = re.compile(
    r"^(/[a-z]{2}(_[A-Za-z]{2,4})?)?/my/security"
    r"|^/web/(session/|login|assets/|webclient/translations|binary/company_logo|health)"
    r"|^/(websocket|bus/|favicon\.ico)"
)


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

    @classmethod
    def _pre_dispatch(cls, rule, args):
        result = super()._pre_dispatch(rule, args)
        cls._school_check_temporary_password()
        return result

    @classmethod
    def _school_check_temporary_password(cls):
        """A temporary password is changed before anything else is done with it (SEC-1,
        P 3.3): the sign-in form leads to the password change page, and every other page or
        call of a session opened with such a password leads there too (a page) or is refused
        (a call), whatever address the user types. A session opened through Госуслуги
        (``school_oidc``) used no password and is not held."""
        uid = request.session.uid
        if not uid or request.session.get("school_oidc"):
            return
        if TEMPORARY_PASSWORD_PATHS.match(request.httprequest.path):
            return
        if not request.env["res.users"].sudo().browse(uid).school_temp_password:
            return
        if request.dispatcher.routing_type == "http":
            werkzeug.exceptions.abort(request.redirect("/my/security", 303))
        raise AccessError(_("Change the temporary password you were given first: open %s.", "/my/security"))

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
