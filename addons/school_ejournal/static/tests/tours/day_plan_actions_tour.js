import { registry } from "@web/core/registry";

/**
 * A subject teacher (ROLE-5) reads every calendar-thematic plan but changes only own plans:
 * the import of topics from XLSX is offered on the own plan, not on a colleague's, where
 * the server refused it (SEC-3, PLAN-2). The export stays offered on both.
 */
function planSteps(importOffered) {
    return [
        {
            content: "The plan's form with its export",
            trigger: ".o_form_view .o_form_statusbar button[name='action_export_xlsx']",
        },
        {
            content: importOffered ? "The import is offered" : "No import on a colleague's plan",
            trigger: ".o_form_view .o_form_statusbar",
            run: () => {
                const button = document.querySelector(
                    ".o_form_view .o_form_statusbar button[name='action_open_import_wizard']"
                );
                if (Boolean(button) !== importOffered) {
                    throw new Error(`Import offered: ${Boolean(button)}, expected ${importOffered}`);
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("school_day_plan_own_tour", {
    steps: () => [
        ...planSteps(true),
        {
            content: "Open the import",
            trigger: ".o_form_view .o_form_statusbar button[name='action_open_import_wizard']",
            run: "click",
        },
        {
            content: "The import wizard of the plan",
            trigger: ".modal .o_form_view .o_field_widget[name='file']",
        },
    ],
});

registry.category("web_tour.tours").add("school_day_plan_colleague_tour", {
    steps: () => planSteps(false),
});
