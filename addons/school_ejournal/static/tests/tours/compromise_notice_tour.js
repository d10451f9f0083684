import { registry } from "@web/core/registry";

/**
 * The administrator opens a confirmed compromise notice: its invalid operations show each
 * change as the change log's "Change" column reads it, not the stored texts (SEC-2, REP-11).
 */
registry.category("web_tour.tours").add("school_compromise_notice_tour", {
    steps: () => [
        {
            content: "The invalid operations name the change with its value",
            trigger:
                ".o_form_view .o_field_widget[name='invalid_log_ids'] .o_data_row td[name='change_description']:contains('Устно; у доски')",
        },
        {
            content: "and never the stored text of the log",
            trigger:
                ".o_form_view .o_field_widget[name='invalid_log_ids']:not(:contains('json:')):not(:contains('value='))",
        },
    ],
});
