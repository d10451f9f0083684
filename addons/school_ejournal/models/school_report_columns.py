"""The figures of the school's reports and control runs (issue 16 item 6): the counts, the
percentages and the hours that the control dashboard (CTRL-1), the class completeness, the
objectivity, plan coverage and e-diary activity reports and the chain verification show. Their query or their
run fills them, so they are read-only everywhere; one definition each, so that a count, a
share or a number of hours looks and adds up the same in every report."""

from odoo import fields


def report_count(string, **attrs):
    """A count (of lessons, marks, entries...): a whole number, summed in the groups."""
    return fields.Integer(string=string, readonly=True, **attrs)


def report_share(string, **attrs):
    """A percentage, to one decimal; a group shows the average of its rows' percentages."""
    return fields.Float(string=string, digits=(5, 1), readonly=True, aggregator="avg", **attrs)


def report_hours(string=None, **attrs):
    """A number of teaching hours (academic hours, to one decimal), summed in the groups."""
    return fields.Float(string=string, digits=(6, 1), readonly=True, **attrs)
