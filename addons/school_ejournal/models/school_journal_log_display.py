from odoo import _, api, fields, models


class SchoolJournalLogDisplay(models.Model):
    """The change log as people read it: "Mark: 3 → 4", not "value=3; work_type_id=…" (issue 13).

    The stored ``old_value`` / ``new_value`` stay the canonical text that the hash chain
    covers; this only renders them with the field labels and selection values of the user's
    language.
    """

    _inherit = "school.journal.log"

    change_description = fields.Char(string="Change", compute="_compute_change_description")

    @staticmethod
    def _parse_snapshot(text):
        values = {}
        for part in (text or "").split("; "):
            name, sep, value = part.partition("=")
            if sep:
                values[name.strip()] = value
        return values

    def _display_value(self, field, value, labels_cache=None):
        if field is not None and field.type == "selection" and value:
            # the labels of a field once per computation, not once per value
            cache = labels_cache if labels_cache is not None else {}
            if field not in cache:
                cache[field] = dict(field._description_selection(self.env))
            return cache[field].get(value, value)
        if field is not None and field.type == "boolean":
            return _("yes") if value == "True" else _("no")
        return value

    @api.depends("model", "action", "old_value", "new_value")
    @api.depends_context("lang")
    def _compute_change_description(self):
        labels_cache = {}
        for entry in self:
            Model = self.env.get(entry.model) if entry.model else None
            model_fields = Model._fields if Model is not None else {}
            old = self._parse_snapshot(entry.old_value)
            new = self._parse_snapshot(entry.new_value)
            parts = []
            for name in dict.fromkeys([*old, *new]):
                field = model_fields.get(name)
                label = field._description_string(self.env) if field is not None else name
                before = entry._display_value(field, old.get(name, ""), labels_cache)
                after = entry._display_value(field, new.get(name, ""), labels_cache)
                if entry.action == "write":
                    if before != after:
                        parts.append(f"{label}: {before or '—'} → {after or '—'}")
                elif entry.action == "unlink":
                    if before:
                        parts.append(f"{label}: {before} → —")
                elif after:
                    parts.append(f"{label}: {after}")
            entry.change_description = "; ".join(parts) or (entry.new_value or entry.old_value or "")
