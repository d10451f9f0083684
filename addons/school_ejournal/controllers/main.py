from odoo.http import request

from odoo.addons.web.controllers.home import Home


class SchoolHome(Home):
    """A temporary password must be changed at first login (SEC-1, P 3.3)."""

    def _login_redirect(self, uid, redirect=None):
        user = request.env["res.users"].sudo().browse(uid)
        if user.exists() and user.school_temp_password:
            return "/my/security"
        return super()._login_redirect(uid, redirect=redirect)
