import { registry } from "@web/core/registry";

/**
 * A disputed mark is answered by the teacher of its lesson only (ROLE-5, S 5.1): the class
 * teacher (ROLE-4) reads the disputes of the own class but is not offered "Answer" and
 * "File a Correction Request" on a colleague's mark, which the server refused (SEC-3).
 */
const ANSWER = ".o_form_view .o_form_statusbar button[name='action_answer']";
const CORRECT = ".o_form_view .o_form_statusbar button[name='action_request_correction']";

function disputeSteps(offered) {
    return [
        {
            content: "The dispute's form, awaiting the answer",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='open']",
        },
        {
            content: offered ? "The lesson's teacher may answer" : "No answer on a colleague's mark",
            trigger: ".o_form_view .o_form_sheet",
            run: () => {
                for (const selector of [ANSWER, CORRECT]) {
                    if (Boolean(document.querySelector(selector)) !== offered) {
                        throw new Error(`${selector} offered: ${!offered}, expected ${offered}`);
                    }
                }
            },
        },
    ];
}

registry.category("web_tour.tours").add("school_day_dispute_teacher_tour", {
    steps: () => disputeSteps(true),
});

registry.category("web_tour.tours").add("school_day_dispute_colleague_tour", {
    steps: () => disputeSteps(false),
});
