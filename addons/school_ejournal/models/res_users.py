from odoo import _, api, fields, models


class ResUsers(models.Model):
    """Accounts of the e-journal: temporary passwords and compromise (SEC-1, SEC-2)."""

    _inherit = "res.users"

    school_temp_password = fields.Boolean(
        string="Temporary Password",
        copy=False,
        help="Issued by the administrator; the user must change it at first login.",
    )
    school_credentials_issued_at = fields.Datetime(string="Credentials Issued", copy=False, readonly=True)
    school_compromised_since = fields.Datetime(
        string="Compromised Since",
        copy=False,
        readonly=True,
        help="Notice time of a credentials compromise: logged operations from then on are invalid.",
    )

    def _change_password(self, new_passwd):
        res = super()._change_password(new_passwd)
        self.sudo().write({"school_temp_password": False})
        return res

    @api.model
    def _school_issue_password(self):
        """A readable temporary password: no look-alike characters."""
        import secrets

        alphabet = "abcdefghjkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789"
        return "".join(secrets.choice(alphabet) for _i in range(10))

    def _school_set_temporary_password(self, reinstate=True):
        """Give each user a new temporary password; return {user: password} (never stored in clear).

        With ``reinstate``, new credentials end a compromise (SEC-2): the account is active
        again and its operations from now on are valid; the ones of the compromised period
        stay flagged in the change log.
        """
        passwords = {}
        now = fields.Datetime.now()
        for user in self:
            password = self._school_issue_password()
            vals = {"password": password, "school_temp_password": True, "school_credentials_issued_at": now}
            if reinstate and user.school_compromised_since:
                vals.update(active=True, school_compromised_since=False)
            user.sudo().write(vals)
            passwords[user] = password
        return passwords

    def action_school_reset_password(self):
        """Button: issue a new temporary password and print the credentials notice."""
        wizard = self.env["school.credential.wizard"].create({"user_ids": [fields.Command.set(self.ids)]})
        return wizard.action_issue()

    def _school_login_redirect_needed(self):
        self.ensure_one()
        return self.school_temp_password

    @api.model
    def _school_translit(self, text):
        table = {
            "а": "a",
            "б": "b",
            "в": "v",
            "г": "g",
            "д": "d",
            "е": "e",
            "ё": "e",
            "ж": "zh",
            "з": "z",
            "и": "i",
            "й": "i",
            "к": "k",
            "л": "l",
            "м": "m",
            "н": "n",
            "о": "o",
            "п": "p",
            "р": "r",
            "с": "s",
            "т": "t",
            "у": "u",
            "ф": "f",
            "х": "kh",
            "ц": "ts",
            "ч": "ch",
            "ш": "sh",
            "щ": "shch",
            "ъ": "",
            "ы": "y",
            "ь": "",
            "э": "e",
            "ю": "iu",
            "я": "ia",
        }
        return "".join(table.get(ch, ch) for ch in (text or "").lower() if ch.isalnum() or ch in table)

    @api.model
    def _school_make_login(self, last_name, first_name, middle_name=""):
        """ivanov.ps style login, unique in the database."""
        base = self._school_translit(last_name) or "user"
        initials = self._school_translit((first_name or "")[:1]) + self._school_translit(
            (middle_name or "")[:1]
        )
        login = f"{base}.{initials}" if initials else base
        candidate, n = login, 1
        while self.with_context(active_test=False).sudo().search_count([("login", "=", candidate)]):
            n += 1
            candidate = f"{login}{n}"
        return candidate

    def _school_compromise_message(self):
        return _("The credentials of %s were reported compromised.", self.name)
