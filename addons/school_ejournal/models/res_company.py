from odoo import fields, models

from .school_grading_policy import EDIT_WINDOWS, MARK_SCALES


class ResCompany(models.Model):
    """A school is a company: it holds the defaults of new grading policies and the settings of
    the e-diary notifications (PORT-3)."""

    _inherit = "res.company"

    school_mark_scale = fields.Selection(MARK_SCALES, string="Mark Scale", default="2_5")
    school_edit_window = fields.Selection(EDIT_WINDOWS, string="Mark Edit Window", default="2w")
    school_min_marks = fields.Integer(string="Minimum Marks per Period", default=3)
    school_threshold_5 = fields.Float(string="Average for Mark 5", default=4.6, digits=(3, 2))
    school_threshold_4 = fields.Float(string="Average for Mark 4", default=3.6, digits=(3, 2))
    school_threshold_3 = fields.Float(string="Average for Mark 3", default=2.6, digits=(3, 2))
    school_half_from_grade = fields.Integer(
        string="Halves from Grade",
        default=10,
        help="Classes of this grade and above are assessed by halves instead of quarters.",
    )
    school_primary_mark_days = fields.Integer(string="Days to Enter Marks, Grades 1-4", default=3)
    school_basic_mark_days = fields.Integer(string="Days to Enter Marks, Grades 5-11", default=7)
    school_homework_hours = fields.Integer(
        string="Hours to Enter Homework", default=2, help="After the class's last lesson of the day."
    )

    # notifications of the e-diary (PORT-3)
    school_absence_alert_threshold = fields.Integer(
        string="Missed Lessons per Week before an Alert",
        default=5,
        help="The class teacher and the guardians are alerted when a student misses more "
        "lessons than this in one week.",
    )
    school_notification_moderation = fields.Boolean(
        string="Class Teacher Releases Notifications",
        help="Notifications to guardians wait until the class teacher releases them.",
    )
