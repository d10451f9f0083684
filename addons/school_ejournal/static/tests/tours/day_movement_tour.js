import { registry } from "@web/core/registry";

/**
 * The e-journal administrator (ROLE-1) records a student movement from the menu "Record
 * Movement", which has no selection (the web client failed there on the action's
 * ``active_ids``: an "Oops!" dialog), and from the action menu of the students' list, where
 * the selected student is filled in (SETUP-8, P 4.3).
 */
const STUDENTS = ".modal .o_form_view .o_field_widget[name='student_ids']";

function assertNoError() {
    if (document.querySelector(".o_error_dialog")) {
        throw new Error(`Error dialog: ${document.querySelector(".o_error_dialog").innerText}`);
    }
}

registry.category("web_tour.tours").add("school_day_movement_menu_tour", {
    steps: () => [
        {
            content: "Open the menu Record Movement",
            trigger: ".o_main_navbar",
            run: () => {
                const menus = odoo.__WOWL_DEBUG__.root.env.services.menu;
                const menu = menus.getAll().find((m) => m.xmlid === "school_ejournal.school_movement_wizard_menu");
                menus.selectMenu(menu);
            },
        },
        {
            content: "The wizard opens empty, without an error",
            trigger: `${STUDENTS}`,
            run: () => {
                assertNoError();
                if (document.querySelector(`${STUDENTS} .o_tag`)) {
                    throw new Error("Students are filled in without a selection");
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("school_day_movement_selection_tour", {
    steps: () => [
        {
            content: "Select the first student of the list",
            trigger: ".o_list_view .o_data_row .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the action menu",
            trigger: ".o_control_panel .o_cp_action_menus .dropdown-toggle",
            run: "click",
        },
        {
            content: "Record Movement",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains('Оформить движение')",
            run: "click",
        },
        {
            content: "The selected student is filled in",
            trigger: `${STUDENTS} .o_tag`,
            run: assertNoError,
        },
    ],
});
