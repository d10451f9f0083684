import { registry } from "@web/core/registry";

/**
 * The lesson's "Held" button is offered to the teacher who gives the lesson, the substitute
 * included (ROLE-5, P 4.4), who marks it held; not to the class teacher (ROLE-4) on a
 * colleague's lesson in the own class, which the class teacher reads but may not change:
 * the server refused it with an access error (SEC-3).
 */
const HELD = ".o_form_view .o_form_statusbar button[name='action_mark_done']";

registry.category("web_tour.tours").add("school_day_lesson_held_tour", {
    steps: () => [
        {
            content: "The planned lesson offers Held",
            trigger: HELD,
            run: "click",
        },
        {
            content: "The lesson is held: Held is gone, the state is Held",
            trigger: ".o_form_view:has(.o_statusbar_status button.o_arrow_button_current[data-value='done'])",
            run: () => {
                if (document.querySelector(HELD)) {
                    throw new Error("Held is still offered on a held lesson");
                }
            },
        },
    ],
});

registry.category("web_tour.tours").add("school_day_lesson_no_held_tour", {
    steps: () => [
        {
            content: "The lesson's form with its journal grid",
            trigger: ".o_form_view .o_form_statusbar .o_statusbar_buttons button",
        },
        {
            content: "No Held on a colleague's lesson",
            trigger: ".o_form_view .o_statusbar_status",
            run: () => {
                if (document.querySelector(HELD)) {
                    throw new Error("Held is offered on a lesson the user may not change");
                }
            },
        },
    ],
});
