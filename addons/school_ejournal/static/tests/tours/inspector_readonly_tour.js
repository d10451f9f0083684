import { registry } from "@web/core/registry";

/**
 * The inspector (ROLE-9) browses the lessons and the change log and is offered no button
 * that writes: no "New", no "Held", no editable cell (issue 13).
 */
function assertNone(selector, what) {
    const found = document.querySelector(selector);
    if (found) {
        throw new Error(`The inspector is offered ${what}: ${found.outerHTML.slice(0, 200)}`);
    }
}

registry.category("web_tour.tours").add("school_inspector_readonly_tour", {
    steps: () => [
        {
            content: "The lessons are listed",
            trigger: ".o_list_view .o_data_row",
        },
        {
            content: "No 'New' button on the list",
            trigger: ".o_control_panel",
            run: () => assertNone(".o_list_button_add", "a 'New' button"),
        },
        {
            content: "Open a lesson",
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "The lesson's form",
            trigger: ".o_form_view .o_form_readonly, .o_form_view .o_form_editable",
        },
        {
            content: "No write button on the form",
            trigger: ".o_form_view",
            run: () => {
                assertNone("button[name='action_mark_done']", "the 'Held' button");
                assertNone("button[name='action_cancel']", "the 'Cancel Lesson' button");
                assertNone(".o_form_button_create", "a 'New' button");
                if (document.querySelector(".o_form_view .o_form_editable")) {
                    throw new Error("The lesson's form is editable for the inspector");
                }
            },
        },
    ],
});
