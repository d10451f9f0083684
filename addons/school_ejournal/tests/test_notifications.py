"""Notifications of the e-diary (PORT-3), printed digests (PORT-4), events and the class
chat (COMM-1, COMM-2).

New marks go out in one e-mail per guardian and run, only to guardians who opted in; the
weekly digest and the alerts on failing forecasts and missed lessons reach the class
teacher and the guardians once; with moderation, the class teacher releases them.
"""

from datetime import datetime, timedelta

from odoo.exceptions import AccessError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from .test_portal import MUTE_ACCESS, DiaryFixtures


@tagged("post_install", "-at_install")
class TestNotifications(DiaryFixtures, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Notification = cls.env["school.notification"]

    def _alerts(self, kind):
        return self.Notification.search([("kind", "=", kind), ("company_id", "=", self.school.id)])

    def _mails_to(self, partner):
        return self.env["mail.mail"].search([("recipient_ids", "in", partner.ids)])

    def _new_mark(self, lesson, student, value, comment=False):
        return self.env["school.mark"].create(self._mark_vals(lesson, student, value, comment=comment))

    # ------------------------------------------------------------------
    # New marks (PORT-3)
    # ------------------------------------------------------------------
    def test_new_marks_batched_per_guardian(self):
        mother = self.parent_mother.partner_id
        self.Notification._cron_notify_marks()
        mails = self._mails_to(mother)
        self.assertEqual(len(mails), 1, "one e-mail for all marks of both children")
        self.assertIn("Молодец", mails.body_html)
        self.assertIn("Старайся, Алексей", mails.body_html)
        self.assertIn("Петров Алексей", mails.body_html)
        self.assertNotIn("Секретный комментарий Сидорова", mails.body_html)
        notification = self.Notification.search([("partner_id", "=", mother.id)])
        self.assertEqual(notification.state, "sent")
        self.assertEqual(
            notification.mark_ids,
            self.mark_maria_5 | self.mark_maria_4 | self.mark_maria_russian | self.mark_alexey,
        )
        other_mails = self._mails_to(self.parent_other.partner_id)
        self.assertEqual(len(other_mails), 1)
        self.assertIn("Секретный комментарий Сидорова", other_mails.body_html)
        self.assertNotIn("Молодец", other_mails.body_html)

        # the next run only has what is new: two new marks, one e-mail to the mother
        self.Notification._cron_notify_marks()
        self.assertEqual(len(self._mails_to(mother)), 1)
        self._new_mark(self.lesson_math, self.child_maria, 5, "Отлично у доски")
        self._new_mark(self.lesson_5b, self.child_alexey, 4, "Лучше")
        self.Notification._cron_notify_marks()
        new_mails = self._mails_to(mother) - mails
        self.assertEqual(len(new_mails), 1)
        self.assertIn("Отлично у доски", new_mails.body_html)
        self.assertIn("Лучше", new_mails.body_html)
        self.assertNotIn("Молодец", new_mails.body_html)
        self.assertEqual(len(self._mails_to(self.parent_other.partner_id)), 1)

    def test_new_marks_only_to_guardians_who_opted_in(self):
        self.Notification._cron_notify_marks()
        # notify_marks off, link ended, electronic access refused: nothing
        self.assertFalse(self._mails_to(self.guardian_father))
        self.assertFalse(self._mails_to(self.parent_ended.partner_id))
        self.assertFalse(self._mails_to(self.guardian_granny))

        (self.link_maria_mother | self.link_alexey_mother).notify_marks = False
        self._new_mark(self.lesson_math, self.child_maria, 5)
        self.Notification._cron_notify_marks()
        self.assertEqual(len(self._mails_to(self.parent_mother.partner_id)), 1, "only the first run's e-mail")

    def test_sms_only_when_the_module_is_there(self):
        self.link_maria_mother.write({"notify_sms": True})
        self.parent_mother.partner_id.phone = "+7 900 111-22-33"
        self.Notification._cron_notify_marks()
        notification = self.Notification.search([("partner_id", "=", self.parent_mother.partner_id.id)])
        self.assertTrue(notification.send_sms)
        self.assertEqual(notification.state, "sent")
        if "sms.sms" in self.env:
            self.assertTrue(
                self.env["sms.sms"].search([("partner_id", "=", self.parent_mother.partner_id.id)])
            )

    # ------------------------------------------------------------------
    # Moderation by the class teacher
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_class_teacher_releases_own_class(self):
        self.school.school_notification_moderation = True
        mother = self.parent_mother.partner_id
        self.Notification._cron_notify_marks()
        self.assertFalse(self._mails_to(mother), "waits for the class teacher")
        waiting = self.Notification.search([("partner_id", "=", mother.id)])
        self.assertEqual(waiting.mapped("state"), ["draft", "draft"])
        self.assertEqual(waiting.class_id, self.class_5a | self.class_5b, "one per class to release")
        own = waiting.filtered(lambda n: n.class_id == self.class_5a)

        as_teacher = self.Notification.with_user(self.class_teacher)
        self.assertEqual(as_teacher.search([("partner_id", "=", mother.id)]), own)
        with self.assertRaises(AccessError):
            (waiting - own).with_user(self.class_teacher).action_release()
        with self.assertRaises(AccessError):
            own.with_user(self.teacher_russian).action_release()
        with self.assertRaises(AccessError):
            own.with_user(self.class_teacher).write({"partner_id": self.parent_other.partner_id.id})

        own.with_user(self.class_teacher).action_release()
        self.assertEqual(own.state, "sent")
        self.assertEqual(own.released_by_id, self.class_teacher)
        mails = self._mails_to(mother)
        self.assertEqual(len(mails), 1)
        self.assertIn("Молодец", mails.body_html)
        self.assertNotIn("Старайся, Алексей", mails.body_html)
        self.assertEqual((waiting - own).state, "draft")

    # ------------------------------------------------------------------
    # Weekly digest and alerts
    # ------------------------------------------------------------------
    def test_weekly_digest(self):
        self.link_petr_other.notify_weekly = False
        self.Notification._cron_weekly_digest(date=self.ref_day)
        mails = self._mails_to(self.parent_mother.partner_id)
        self.assertEqual(len(mails), 1)
        self.assertIn("Петрова Мария", mails.body_html)
        self.assertIn("Петров Алексей", mails.body_html)
        self.assertIn("4.25", mails.body_html)
        self.assertFalse(self._mails_to(self.parent_other.partner_id))
        self.assertFalse(self._mails_to(self.guardian_granny))
        self.Notification._cron_weekly_digest(date=self.ref_day)
        self.assertEqual(len(self._mails_to(self.parent_mother.partner_id)), 1, "once a week")

    def test_alert_failing_forecast(self):
        self.Notification._cron_alerts(date=self.ref_day)
        alerts = self._alerts("alert_failing")
        self.assertEqual(alerts.student_ids, self.child_petr)
        self.assertEqual(
            set(alerts.mapped("partner_id")), {self.class_teacher.partner_id, self.parent_other.partner_id}
        )
        self.assertEqual(alerts.subject_ids, self.subject_math)
        self.assertTrue(self._mails_to(self.class_teacher.partner_id))
        self.assertFalse(self._mails_to(self.guardian_granny), "refused electronic access")
        self.Notification._cron_alerts(date=self.ref_day)
        self.assertEqual(len(self._alerts("alert_failing")), 2, "alerted once")

    def test_alert_missed_lessons(self):
        self.Notification._cron_alerts(date=self.ref_day)
        self.assertFalse(self._alerts("alert_absence"), "1 missed is not more than 5")
        self.school.school_absence_alert_threshold = 0
        self.Notification._cron_alerts(date=self.ref_day)
        alerts = self._alerts("alert_absence")
        self.assertEqual(alerts.student_ids, self.child_petr, "a late is not a missed lesson")
        self.assertEqual(
            set(alerts.mapped("partner_id")), {self.class_teacher.partner_id, self.parent_other.partner_id}
        )
        self.link_petr_other.notify_alerts = False
        self.Notification._cron_alerts(date=self.ref_day)
        self.assertEqual(len(self._alerts("alert_absence")), 2)

    # ------------------------------------------------------------------
    # The printed digest (PORT-4, REP-7)
    # ------------------------------------------------------------------
    def test_digest_data(self):
        week_end = self.week_start + timedelta(days=6)
        data = self.env["school.diary"]._get_digest_data(self.child_maria, self.week_start, week_end)
        self.assertEqual(data["student"], self.child_maria)
        self.assertEqual(
            [(lesson["subject"], lesson["topic"]) for lesson in data["lessons"]],
            [("Математика", "Сложение дробей"), ("Русский язык", "Имя существительное")],
        )
        self.assertEqual(sorted(m["value"] for m in data["marks"]), [3, 4, 5])
        math = next(s for s in data["subjects"] if s["subject"] == "Математика")
        self.assertEqual(math["average"], 4.25)
        self.assertEqual(data["attendance"]["late"], 1)
        self.assertEqual(data["attendance"]["missed"], 0)
        self.assertNotIn("Секретный комментарий Сидорова", str(data["lessons"]))

    def test_class_teacher_prints_digests_of_own_class(self):
        self.assertTrue(self.link_petr_granny.with_user(self.class_teacher).electronic_access_refused)
        html, _format = (
            self.env["ir.actions.report"]
            .with_user(self.class_teacher)
            ._render_qweb_html(
                "school_ejournal.report_guardian_digest",
                self.link_petr_granny.ids,
                data={"date": str(self.ref_day)},
            )
        )
        html = html.decode()
        self.assertIn("Сидоров Пётр", html)
        self.assertIn("Сложение дробей", html)
        self.assertIn("Сидорова Галина Ивановна", html)
        self.assertNotIn("Молодец", html)
        with mute_logger(*MUTE_ACCESS), self.assertRaises(AccessError):
            self.env["ir.actions.report"].with_user(self.teacher_5b)._render_qweb_html(
                "school_ejournal.report_guardian_digest", self.link_petr_granny.ids
            )

    # ------------------------------------------------------------------
    # Events (COMM-2) and the class chat (COMM-1)
    # ------------------------------------------------------------------
    @mute_logger(*MUTE_ACCESS)
    def test_events_by_class(self):
        Event = self.env["school.event"]
        as_other = Event.with_user(self.parent_other).search([])
        self.assertEqual(as_other, self.event_school | self.event_5a)
        as_mother = Event.with_user(self.parent_mother).search([])
        self.assertEqual(as_mother, self.event_school | self.event_5a | self.event_5b)
        self.assertEqual(Event.with_user(self.user_student).search([]), self.event_school | self.event_5a)
        self.assertFalse(Event.with_user(self.parent_ended).search([("class_id", "!=", False)]))

        start = datetime.combine(self.day2, datetime.min.time())
        own = Event.with_user(self.class_teacher).create(
            {"name": "Поход", "date_start": start, "class_id": self.class_5a.id, "company_id": self.school.id}
        )
        self.assertEqual(own.organizer_id, self.class_teacher)
        for user, name, school_class in (
            (self.class_teacher, "Чужой поход", self.class_5b),
            (self.class_teacher, "Общешкольный", None),
            (self.parent_mother, "Родительский", self.class_5a),
        ):
            vals = {"name": name, "date_start": start, "company_id": self.school.id}
            if school_class:
                vals["class_id"] = school_class.id
            with self.subTest(event=name), self.assertRaises(AccessError):
                Event.with_user(user).create(vals)

    @mute_logger(*MUTE_ACCESS)
    def test_class_chat(self):
        self.class_5a.with_user(self.class_teacher).action_sync_discuss_channel()
        channel = self.class_5a.discuss_channel_id
        self.assertEqual(channel.channel_type, "group")
        members = channel.channel_member_ids.partner_id
        self.assertEqual(
            members,
            self.class_teacher.partner_id
            | self.teacher_russian.partner_id
            | self.parent_mother.partner_id
            | self.parent_other.partner_id
            | self.user_student.partner_id,
            "teachers, guardians in force with a login and students with a login (issue 14); "
            "not the ended link, not the refusing granny",
        )
        self.link_petr_other.date_end = self.today - timedelta(days=1)
        self.class_5a.with_user(self.class_teacher).action_sync_discuss_channel()
        self.assertEqual(self.class_5a.discuss_channel_id, channel)
        self.assertNotIn(self.parent_other.partner_id, channel.channel_member_ids.partner_id)
        self.assertIn(self.parent_mother.partner_id, channel.channel_member_ids.partner_id)
        with self.assertRaises(AccessError):
            self.class_5b.with_user(self.class_teacher).action_sync_discuss_channel()
        with self.assertRaises(AccessError):
            self.class_5a.with_user(self.teacher_russian).action_sync_discuss_channel()
