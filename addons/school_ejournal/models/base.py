from odoo import _, api, models
from odoo.exceptions import AccessError

from . import school_access, school_rule_sql


class Base(models.AbstractModel):
    _inherit = "base"

    @api.model
    def fields_get(self, allfields=None, attributes=None):
        """The field ``active`` of a school model is read-only for a user without the right to
        write the model.

        The web client offers "Archive" and "Unarchive" in the action menu of every model with
        an editable ``active`` field; the inspector (ROLE-9), the director and the deputy
        (ROLE-2, ROLE-3: no edits of the directories) were offered them on classes,
        students, subjects, rooms and years and then refused with an access error. A button
        a role may not use is hidden from it (SEC-3).
        """
        res = super().fields_get(allfields, attributes)
        active = res.get("active")
        if (
            active
            and active.get("readonly") is False
            and self._name.startswith("school.")
            and not self._school_may_archive()
        ):
            res["active"] = dict(active, readonly=True)
        return res

    @api.model
    def _apply_ir_rules(self, query, mode="read"):
        """The record rules of a school model compiled once per user, domain and data read,
        not at every search (issue 15: a third of the journal grid's time); see
        ``school_rule_sql``. A domain that reads other data when compiled is compiled by Odoo
        as before."""
        if self.env.su or not self._name.startswith("school."):
            return super()._apply_ir_rules(query, mode)
        domain = self.env["ir.rule"]._compute_domain(self._name, mode)
        if not domain:
            return None
        if not school_rule_sql.apply_rules(self, query, mode, domain):
            return super()._apply_ir_rules(query, mode)
        return None

    @api.model
    def _search(self, domain, *args, **kwargs):
        """A parent or a student searches no school model by a field of the staff's.

        A field restricted to the staff (``groups``) is not read by a portal user, but Odoo
        matches a condition on an x2many by ids on the relation's table, past the rules of the
        comodel: ``[("mark_ids", "=", id)]`` on the lessons of the own class, or
        ``[("student_ids", "=", id)]`` on the own child's class, would count the classmates'
        marks, absences and ids (ROLE-7, ROLE-8, SEC-5). Paths through other models pass here
        again for each model they reach.
        """
        if (
            self._name.startswith("school.")
            and not self.env.su
            and not self.env.user._has_group("base.group_user")
        ):
            names = {
                leaf[0].split(".")[0]
                for leaf in domain or ()
                if isinstance(leaf, (list, tuple)) and leaf and isinstance(leaf[0], str)
            }
            self.check_field_access_rights("read", [name for name in names if name in self._fields])
        return super()._search(domain, *args, **kwargs)

    def onchange(self, values, field_names, fields_spec):
        """A parent or a student fills no form of the school's models (ROLE-7, ROLE-8).

        An onchange computes a new record from whatever ids the caller sends and answers the
        names of the records they point to, and the related fields, as the superuser: over
        JSON-RPC a portal user would read any student's name by id, or any mark's value
        through a dispute's ``mark_value``. The e-diary's pages use no onchange.
        """
        if self._name.startswith("school.") and not self.env.su:
            if not self.env.user._has_group("base.group_user"):
                school_access.check_staff(self.env)
            self._school_check_onchange_targets(values)
            # the defaults of the context fill the new record too: ``default_mark_id`` would
            # name another class's mark as the values would
            self._school_check_onchange_targets(
                {
                    key.removeprefix("default_"): value
                    for key, value in self.env.context.items()
                    if key.startswith("default_") and key.removeprefix("default_") not in (values or {})
                }
            )
        return super().onchange(values, field_names, fields_spec)

    @api.model_create_multi
    def create(self, vals_list):
        """A wizard of the school is filled with records its author reads only (SEC-3).

        Its author reads it back, and the names of the records its many-to-one fields point to
        are answered as the superuser, as by an onchange: a class teacher creating the print
        wizard over JSON-RPC with the id of another school's student would read the student's
        name."""
        if self._transient and self._name.startswith("school.") and not self.env.su:
            for vals in vals_list:
                self.browse()._school_check_onchange_targets(vals)
        return super().create(vals_list)

    def read(self, fields=None, load="_classic_read"):
        result = super().read(fields=fields, load=load)
        self._school_rows_read(result)
        return result

    @api.model
    def search_read(self, domain=None, fields=None, offset=0, limit=None, order=None, **read_kwargs):
        result = super().search_read(
            domain=domain, fields=fields, offset=offset, limit=limit, order=order, **read_kwargs
        )
        self._school_rows_read(result)
        return result

    def _school_rows_read(self, rows):
        """What ``read`` and ``search_read`` return to their caller, ``rows`` (maybe none): the
        models whose reads of personal data are logged (SEC-5, P 3.5) log them here (the
        personal-read mixin, the guardian links' contact fields, the followers' e-mails).
        Nothing by default."""

    def write(self, vals):
        if self._transient and self._name.startswith("school.") and not self.env.su:
            self._school_check_onchange_targets(vals)
        return super().write(vals)

    def _school_check_onchange_targets(self, values):
        """Refuse an onchange whose values point to a record the caller may not read (SEC-3).

        The new record's related and computed fields are read as the superuser, and the names
        of the records its many-to-one fields point to are answered: a teacher sending the id of
        another class's mark to a dispute form would read its value and its student's name. A
        value the record already holds passes (the form of a readable record sends them all).
        """
        record = self[:1]
        targets = {}
        for name, value in (values or {}).items():
            field = self._fields.get(name)
            if not field or field.type != "many2one" or not isinstance(value, int) or not value:
                continue
            if record.id and record.sudo()[name].id == value:
                continue
            targets.setdefault(field.comodel_name, set()).add(value)
        for model_name, ids in targets.items():
            comodel = self.env[model_name].with_context(active_test=False)
            found = comodel.browse(ids).exists()
            if len(found) != len(ids) or not found.has_access("read"):
                raise AccessError(_("You may not use a record you cannot read in this form."))

    @api.model
    def _school_may_archive(self):
        """Whether the user may archive and restore records of this school model: whoever may
        write it, unless the model says otherwise."""
        return self.browse().has_access("write")
