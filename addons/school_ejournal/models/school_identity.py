"""The identity of journal records (issue 11, items 2 and 3): after creation, a lesson keeps
its class, subject and subgroup, a period mark its student, subject, class and period."""

from odoo import models


def identity_changes(records, vals, names, derived):
    """Whether ``vals`` would change one of the many2one fields ``names`` of ``records`` or
    write one of the ``derived`` fields (related or computed from them)."""
    if derived & set(vals):
        return True
    for name in names:
        if name not in vals:
            continue
        new_id = vals[name]
        if isinstance(new_id, models.BaseModel):
            new_id = new_id.id
        if any(record.sudo()[name].id != (new_id or False) for record in records):
            return True
    return False
