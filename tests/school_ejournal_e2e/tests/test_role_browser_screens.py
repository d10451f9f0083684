"""Every screen of every role opens in the browser without an error (ROLE-1..9, SEC-3).

``test_role_screens`` replays over JSON-RPC what the web client asks when a menu item is
clicked; screens still broke in the browser for roles whose every RPC passed (a view that
reads a field the role may not read, a widget of a page of a form). Here each role's user of
the small school of the reports tests (``ReportsCommon``) opens, in headless Chromium, every
menu item the user sees (``ir.ui.menu._visible_menu_ids``, as the web client's menus), each
view type of its action as the first view, the form of the first record with every page of
the form and the buttons that only open another screen, and the new-record form where the
user is offered "New" (discarded). The walk is ``static/tests/role_screens_walk.js``; any
error dialog (access, server or client error), danger notification or failed RPC fails the
test, with the menu path in the message.

The students and the parents (ROLE-7, ROLE-8) have no back office: each of their pages of the
e-diary under ``/my``, found by following the links from ``/my`` and ``/my/diary``, is opened
in the browser and must render without an error.
"""

import json
import re
from datetime import date, datetime
from urllib.parse import urlsplit

from odoo.tests import HttpCase, tagged

from odoo.addons.school_ejournal_reports.tests.common import ReportsCommon

WALK = "odoo.loader.modules.get('@school_ejournal_e2e/../tests/role_screens_walk').walkScreens(%s)"
# links of the portal pages: the e-diary's pages and the portal home that leads to them
# Odoo's menu items that leave the web client (a new tab on odoo.com)
EXTERNAL_MENUS = {"base.menu_theme_store", "base.menu_third_party"}
PORTAL_LINK = re.compile(r"""href=["'](/my(?:/diary[^"'#]*)?)["']""")


PORTAL_WALK = """(async (urls) => {
    const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
    for (const url of urls) {
        console.log(`Portal page: ${url}`);
        const frame = document.createElement("iframe");
        frame.style.width = "1280px";
        frame.style.height = "800px";
        const loaded = new Promise((resolve) => frame.addEventListener("load", resolve, { once: true }));
        frame.src = url;
        document.body.appendChild(frame);
        await loaded;
        const start = Date.now();
        while (!frame.contentWindow.odoo?.__WOWL_DEBUG__ && Date.now() - start < 20000) {
            await sleep(50);
        }
        await sleep(300);
        const page = frame.contentDocument;
        const error = page.querySelector(".o_error_dialog, .o_notification_bar.bg-danger");
        if (!frame.contentWindow.odoo?.__WOWL_DEBUG__) {
            console.error(`${url}: the page did not start`);
        } else if (error) {
            console.error(`${url}: ${error.innerText}`);
        } else if (!page.querySelector("#wrap")) {
            console.error(`${url}: no page`);
        }
        frame.remove();
    }
    console.log("test successful");
})(%s)"""


@tagged("post_install", "-at_install")
class TestRoleBrowserScreens(ReportsCommon, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff = (
            cls.user_ej_admin
            | cls.user_director
            | cls.user_deputy
            | cls.class_teacher
            | cls.teacher
            | cls.teacher_english
            | cls.psychologist
            | cls.user_inspector
        )
        (cls.staff | cls.user_student | cls.user_parent).write({"lang": "ru_RU"})
        # the subject teacher of 5Б (a mark and an absence) and the psychologist of 10А (a course
        # without marks) have a lesson this week, so that their screens list a record to open
        lesson = cls._lesson(
            cls.class_5b, cls.subject_math, cls.teacher, date(2026, 11, 16), lesson_number=1, topic="Дроби"
        )
        cls._marks(lesson, {cls.student_petrov: 4})
        cls._absences(lesson, {cls.student_kuznetsova: "ill"})
        lesson = cls._lesson(
            cls.class_10a,
            cls.subject_psychology,
            cls.psychologist,
            date(2026, 11, 17),
            lesson_number=2,
            topic="Стресс и его причины",
        )
        cls._absences(lesson, {cls.student_smirnov: "late"})
        cls._setup_screen_records()

    @classmethod
    def _setup_screen_records(cls):
        """One record in each screen the journal of ``ReportsCommon`` leaves empty, so that the
        walk opens its form: a substitution, a correction request, a dispute, a consent, an
        event, a notification, a plan, an approval, an inspection, a digest, a verification."""
        cls._journal_lesson(
            date(2026, 11, 18),
            4,
            "Погода",
            subject=cls.subject_english,
            teacher=cls.teacher,
            subgroup_id=cls.subgroup_5a_english.id,
            planned_teacher_id=cls.teacher_english.id,
            substitution_reason="Болезнь учителя",
        )
        sidorov_mark = cls.math_3.mark_ids.filtered(lambda m: m.student_id == cls.student_sidorov)
        cls.env["school.correction.request"].create(
            cls._correction_vals(sidorov_mark, 4, "Ошибка ввода", requested_by_id=cls.class_teacher.id)
        )
        ivanov_mark = cls.math_7.mark_ids.filtered(lambda m: m.student_id == cls.student_ivanov)
        cls.env["school.mark.dispute"].with_user(cls.user_student).file_dispute(ivanov_mark.id, "Я отвечал")
        cls.env["school.consent"].create(
            {
                "partner_id": cls.user_parent.partner_id.id,
                "holder_type": "guardian",
                "student_id": cls.student_petrova.id,
                "document_ref": "№ 12",
                "company_id": cls.school.id,
            }
        )
        cls.env["school.event"].create(
            {
                "name": "Родительское собрание",
                "date_start": datetime(2026, 11, 20, 15),
                "company_id": cls.school.id,
            }
        )
        cls.env["school.notification"].create(
            {
                "name": "Новые оценки",
                "kind": "marks",
                "partner_id": cls.user_parent.partner_id.id,
                "class_id": cls.class_5a.id,
                "state": "draft",
            }
        )
        cls.env["school.plan"].create(
            {
                "name": "КТП математика 5А",
                "year_id": cls.year.id,
                "subject_id": cls.subject_math.id,
                "grade": 5,
                "class_id": cls.class_5a.id,
            }
        )
        cls.env["school.approval"].with_user(cls.user_deputy).create(
            {"kind": "curriculum", "year_id": cls.year.id, "class_id": cls.class_5a.id}
        )
        cls.env["school.inspection"].create(
            {
                "class_id": cls.class_5a.id,
                "teacher_id": cls.class_teacher.id,
                "findings": "Нет темы урока 19.10",
                "fix_deadline": date(2026, 11, 25),
            }
        )
        cls.env["school.teacher.nudge"].create({"teacher_id": cls.class_teacher.id})
        cls.env["school.chain.verification"]._run(cls.school, "manual", user=cls.user_ej_admin)

    def _menu_actions(self, user):
        """The menu items with an action that the user sees in the web client's menus, one
        per action, in menu order."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(False)
        items, seen = [], set()

        def visit(menu_id, path):
            menu = menus[menu_id]
            path = f"{path}/{menu['name']}" if path else menu["name"]
            action = menu.get("action")
            if action and menu["xmlid"] not in EXTERNAL_MENUS:
                action_id = int(action.split(",")[1])
                if action_id not in seen:
                    seen.add(action_id)
                    items.append({"menu": path, "action_id": action_id})
            for child_id in menu["children"]:
                visit(child_id, path)

        for root_id in menus["root"]["children"]:
            visit(root_id, "")
        return items

    def _walk(self, user):
        actions = self._menu_actions(user)
        self.assertTrue(actions, f"{user.login} sees no menu item")
        plan = {"role": user.login, "actions": actions}
        messages = []

        def collect(message):
            messages.append(message)
            return False  # go on: every broken screen of the role in one run

        try:
            self.browser_js(
                "/odoo",
                WALK % json.dumps(plan, ensure_ascii=False),
                "odoo.isReady === true",
                login=user.login,
                timeout=900,
                error_checker=collect,
            )
        except AssertionError:
            if not messages:
                raise
        problems = [m.split("\n")[0] for m in messages if m.startswith("Screen problem: ")]
        self.assertFalse(messages, "\n".join(problems or messages))

    def test_ej_admin(self):
        self._walk(self.user_ej_admin)

    def test_director(self):
        self._walk(self.user_director)

    def test_deputy(self):
        self._walk(self.user_deputy)

    def test_class_teacher(self):
        self._walk(self.class_teacher)

    def test_teacher(self):
        self._walk(self.teacher)

    def test_subgroup_teacher(self):
        self._walk(self.teacher_english)

    def test_psychologist(self):
        self._walk(self.psychologist)

    def test_inspector(self):
        self._walk(self.user_inspector)

    # ------------------------------------------------------------------
    # ROLE-7, ROLE-8: the pages of the e-diary
    # ------------------------------------------------------------------
    def _portal_pages(self, user):
        """Every page under /my reached by links from /my and /my/diary, as the user: one URL
        per path (the weeks of the diary link each other without end)."""
        self.authenticate(user.login, user.login)
        todo, pages = ["/my", "/my/diary"], {}
        while todo:
            url = todo.pop(0)
            if urlsplit(url).path in {urlsplit(page).path for page in pages}:
                continue
            response = self.url_open(url)
            pages[url] = response
            self.assertEqual(response.status_code, 200, f"{user.login}: {url}")
            path = urlsplit(response.url).path
            if path != urlsplit(url).path and not path.startswith("/my"):
                self.fail(f"{user.login}: {url} leads to {response.url}")
            for link in PORTAL_LINK.findall(response.text):
                link = link.replace("&amp;", "&")
                if link not in pages and link not in todo:
                    todo.append(link)
        return sorted(pages)

    def _open_portal_pages(self, user, expected):
        pages = self._portal_pages(user)
        for part in expected:
            self.assertTrue(any(part in page for page in pages), f"{user.login} does not reach {part}")
        # one browser for all pages: each page in turn in a frame of the first one; the errors
        # of a frame reach the test like those of the page
        self.browser_js(
            "/my",
            PORTAL_WALK % json.dumps(pages),
            "document.readyState === 'complete' && Boolean(odoo.__WOWL_DEBUG__)",
            login=user.login,
            timeout=300,
        )
        return pages

    def test_student_pages(self):
        student = self.student_ivanov
        self._open_portal_pages(
            self.user_student,
            [f"/my/diary/{student.id}", f"/my/diary/{student.id}/marks", f"/my/diary/{student.id}/events"],
        )

    def test_parent_pages(self):
        student = self.student_petrova
        self._open_portal_pages(
            self.user_parent,
            [
                f"/my/diary/{student.id}",
                f"/my/diary/{student.id}/marks",
                f"/my/diary/{student.id}/attendance",
                f"/my/diary/{student.id}/events",
                f"/my/diary/{student.id}/message",
            ],
        )
