import { registry } from "@web/core/registry";

/**
 * A role without the right to write a directory (the inspector, the director, the deputy:
 * ROLE-2, ROLE-3, ROLE-9) is offered no "Archive" or "Unarchive" in the action menu of its
 * list or of its form: the web client offered them and the server then refused (SEC-3).
 */
async function waitFor(find, what) {
    for (let i = 0; i < 100; i++) {
        const element = find();
        if (element) {
            return element;
        }
        await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`Not found: ${what}`);
}

/** Open the action menu (if any) and refuse an archive item in it. */
async function assertNoArchive(where) {
    const toggle = document.querySelector(".o_control_panel .o_cp_action_menus .dropdown-toggle");
    if (!toggle) {
        return;
    }
    toggle.click();
    const menu = await waitFor(() => document.querySelector(".o-dropdown--menu"), "the action menu");
    const archive = menu.querySelector(".oi-archive, .oi-unarchive");
    if (archive) {
        throw new Error(`${where}: the action menu offers "${archive.parentElement.innerText.trim()}"`);
    }
    toggle.click();
}

registry.category("web_tour.tours").add("school_day_readonly_actions_tour", {
    steps: () => [
        {
            content: "Select the first record of the list",
            trigger: ".o_list_view .o_data_row .o_list_record_selector input",
            run: "click",
        },
        {
            content: "No archive in the list's action menu",
            trigger: ".o_control_panel .o_list_selection_box",
            run: () => assertNoArchive("The list"),
        },
        {
            content: "Open the first record",
            trigger: ".o_list_view .o_data_row .o_data_cell:not(.o_list_record_selector)",
            run: "click",
        },
        {
            content: "No archive in the form's action menu",
            trigger: ".o_form_view .o_form_sheet",
            run: () => assertNoArchive("The form"),
        },
    ],
});
