import { registry } from "@web/core/registry";

/**
 * The deputy director rejects a correction request: without a reason the rejection is
 * refused, with one it goes through and the chatter tells the new status (issue 13).
 */
registry.category("web_tour.tours").add("school_correction_decision_tour", {
    steps: () => [
        {
            content: "The requests to decide are listed",
            trigger: ".o_list_view .o_data_row .o_data_cell",
            run: "click",
        },
        {
            content: "Reject without a reason",
            trigger: ".o_form_view button[name='action_reject']",
            run: "click",
        },
        {
            content: "The rejection needs its reason",
            trigger: ".modal .modal-body:contains('reason'), .o_notification:contains('reason'), .modal .modal-body:contains('обоснование'), .modal .modal-body:contains('причину отказа'), .o_notification:contains('причину отказа')",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Write the reason",
            trigger: ".o_form_view div[name='decision_note'] input",
            run: "edit Исправление не подтверждено тетрадью",
        },
        {
            content: "Reject",
            trigger: ".o_form_view button[name='action_reject']",
            run: "click",
        },
        {
            content: "The request is rejected",
            trigger: ".o_form_view .o_statusbar_status button.o_arrow_button_current[data-value='rejected']",
        },
    ],
});
