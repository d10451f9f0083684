import { registry } from "@web/core/registry";

/**
 * The subject teacher fills the period marks of a class with the proposed ones, is asked
 * before another period would drop them, keeps them and saves (FINAL-1): started by tests/test_period_marks.py, which opens the class, subject and
 * period through the URL and checks the period marks in the database afterwards.
 */
registry.category("web_tour.tours").add("school_ejournal_period_marks", {
    steps: () => [
        {
            content: "The grid lists the students with their proposed marks",
            trigger: ".o_ej_pm_table tbody tr:nth-child(3) .o_ej_pm_forecast",
        },
        {
            content: "The student short of marks is named",
            trigger: ".o_ej_pm_short:contains(Сидоров)",
        },
        {
            content: "Fill the proposed marks",
            trigger: ".o_ej_pm_fill",
            run: "click",
        },
        {
            content: "Another period, with the marks not saved yet",
            trigger: ".o_ej_pm_select_period",
            run() {
                const select = this.anchor;
                const other = [...select.options].find((option) => !option.selected);
                if (!other) {
                    throw new Error("The tour needs a second period to choose");
                }
                select.value = other.value;
                select.dispatchEvent(new Event("change"));
            },
        },
        {
            content: "The grid asks first: keep the marks",
            trigger: ".modal-footer button.btn-secondary",
            run: "click",
        },
        {
            content: "The marks are still to be saved, in the same period",
            trigger: ".o_ej_pm_save:enabled",
        },
        {
            content: "Save",
            trigger: ".o_ej_pm_save:enabled",
            run: "click",
        },
        {
            content: "The marks are saved and visible to the families",
            trigger: ".o_ej_pm_table tbody tr:nth-child(3) .fa-eye",
        },
        {
            content: "Nothing left to save",
            trigger: ".o_ej_pm_save:disabled",
        },
    ],
});

/** The deputy director opens the control dashboard (CTRL-1). */
registry.category("web_tour.tours").add("school_ejournal_control_dashboard", {
    steps: () => [
        {
            content: "The figures are shown",
            trigger: ".o_ej_control_dashboard .o_ej_dash_card",
        },
        {
            content: "One line per class",
            trigger: ".o_ej_dash_classes tbody tr:contains(5А)",
            run: "click",
        },
        {
            content: "The class is selected",
            trigger: ".o_ej_control_dashboard .badge:contains(5А)",
        },
    ],
});
