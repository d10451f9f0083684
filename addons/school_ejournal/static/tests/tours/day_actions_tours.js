import { registry } from "@web/core/registry";

/**
 * The day round (SEC-3): each role is offered the actions it may use and no other, and the
 * actions it is offered work. Run by tests/test_day_actions.py as the role, in Russian.
 *
 * - Readers of the directories (ROLE-2, ROLE-3, ROLE-9): no "Archive" / "Unarchive" in the
 *   action menu of a list or a form (the server refused it).
 * - A teacher (ROLE-5) imports topics into the own calendar-thematic plan only (PLAN-2).
 * - "Held" is offered to who gives the lesson, the substitute included (P 4.4), not to the
 *   class teacher (ROLE-4) on a colleague's lesson of the own class.
 * - A disputed mark is answered by the teacher of its lesson only (S 5.1).
 * - The administrator (ROLE-1) opens "Record Movement" from its menu (it failed with a
 *   client error) and from the students' list with the selection filled in (SETUP-8).
 */
const IMPORT = ".o_form_statusbar button[name='action_open_import_wizard']";
const EXPORT = ".o_form_statusbar button[name='action_export_xlsx']";
const HELD = ".o_form_statusbar button[name='action_mark_done']";
const ANSWER = ".o_form_statusbar button[name='action_answer']";
const CORRECT = ".o_form_statusbar button[name='action_request_correction']";
const STUDENTS = ".modal .o_form_view .o_field_widget[name='student_ids']";
const ERROR = ".o_error_dialog";
const DISPUTE_OPEN = ".o_form_view:has(.o_arrow_button_current[data-value='open'])";

/** A step checking, once ``trigger`` shows, which of ``expected``'s selectors are present. */
function offered(content, trigger, expected) {
    return {
        content,
        trigger,
        run: () => {
            for (const [selector, present] of Object.entries(expected)) {
                if (Boolean(document.querySelector(selector)) !== present) {
                    throw new Error(`${content}: ${selector} present ${!present}, expected ${present}`);
                }
            }
        },
    };
}

/** Open the action menu when there is one, then refuse an archive item in it. */
function noArchive(where, ready) {
    return [
        {
            content: `${where}: open the action menu, if any`,
            trigger: ready,
            run: () => {
                const toggle = document.querySelector(".o_control_panel .o_cp_action_menus .dropdown-toggle");
                document.body.dataset.ejActions = toggle ? "open" : "none";
                toggle?.click();
            },
        },
        offered(`${where}: no archive`, "body[data-ej-actions='none'], .o-dropdown--menu", {
            ".o-dropdown--menu .oi-archive": false,
            ".o-dropdown--menu .oi-unarchive": false,
        }),
    ];
}

const DAY_TOURS = {
    school_day_readonly_actions_tour: () => [
        { trigger: ".o_list_view .o_data_row .o_list_record_selector input", run: "click" },
        ...noArchive("The list", ".o_control_panel .o_list_selection_box"),
        { trigger: ".o_list_view .o_data_row .o_data_cell:not(.o_list_record_selector)", run: "click" },
        ...noArchive("The form", ".o_form_view .o_form_sheet"),
    ],
    school_day_plan_own_tour: () => [
        offered("The own plan: export and import", EXPORT, { [IMPORT]: true }),
        { trigger: IMPORT, run: "click" },
        { content: "The import wizard of the plan", trigger: ".modal .o_field_widget[name='file']" },
    ],
    school_day_plan_colleague_tour: () => [offered("A colleague's plan: export only", EXPORT, { [IMPORT]: false })],
    school_day_lesson_held_tour: () => [
        { trigger: HELD, run: "click" },
        offered("The lesson is held", ".o_form_view:has(.o_arrow_button_current[data-value='done'])", {
            [HELD]: false,
        }),
    ],
    school_day_lesson_no_held_tour: () => [
        offered("No Held on a colleague's lesson", ".o_form_view .o_statusbar_status", { [HELD]: false }),
    ],
    school_day_dispute_teacher_tour: () => [
        offered("The lesson's teacher answers", DISPUTE_OPEN, {
            [ANSWER]: true,
            [CORRECT]: true,
        }),
    ],
    school_day_dispute_colleague_tour: () => [
        offered("No answer on a colleague's mark", DISPUTE_OPEN, {
            [ANSWER]: false,
            [CORRECT]: false,
        }),
    ],
    school_day_movement_menu_tour: () => [
        {
            content: "The menu Record Movement",
            trigger: ".o_main_navbar",
            run: () => {
                const menus = odoo.__WOWL_DEBUG__.root.env.services.menu;
                menus.selectMenu(menus.getAll().find((m) => m.xmlid === "school_ejournal.school_movement_wizard_menu"));
            },
        },
        offered("The wizard opens empty", STUDENTS, { [`${STUDENTS} .o_tag`]: false, [ERROR]: false }),
    ],
    school_day_movement_selection_tour: () => [
        { trigger: ".o_list_view .o_data_row .o_list_record_selector input", run: "click" },
        { trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle", run: "click" },
        { trigger: ".o-dropdown--menu .o-dropdown-item:contains('Оформить движение')", run: "click" },
        offered("The selected student is filled in", `${STUDENTS} .o_tag`, { [ERROR]: false }),
    ],
};

for (const [name, steps] of Object.entries(DAY_TOURS)) {
    registry.category("web_tour.tours").add(name, { steps });
}
