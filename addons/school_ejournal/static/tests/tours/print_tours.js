import { download } from "@web/core/network/download";
import { registry } from "@web/core/registry";

/**
 * The prints of the e-journal administrator (ROLE-1: credentials and their notice) and of
 * the deputy director (ROLE-3: the summary sheet of marks), clicked through the menus as
 * the users do (issue 13). The download the web client starts is sent as it is and its
 * answer is written on the page: the tour waits for the report's answer, a PDF with the
 * expected text (a test server answers with the report's HTML under the PDF's type: the
 * test then renders the same print with wkhtmltopdf as the same user).
 */

async function waitFor(find, what) {
    for (let i = 0; i < 100; i++) {
        const element = find();
        if (element) {
            return element;
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`Not found: ${what}`);
}

/** Click a menu item of a section of the navbar, in the "more" dropdown if folded there. */
async function clickMenu(sectionXmlid, itemXmlid) {
    const section = document.querySelector(`.o_menu_sections button[data-menu-xmlid='${sectionXmlid}']`);
    const toggle = section || document.querySelector(".o_menu_sections_more button");
    if (!toggle) {
        throw new Error(`No menu section ${sectionXmlid}`);
    }
    toggle.click();
    const item = await waitFor(
        () => document.querySelector(`.o-dropdown--menu [data-menu-xmlid='${itemXmlid}']`),
        itemXmlid
    );
    item.click();
}

/** Catch the next download of the web client: send it as it is, keep the answer. */
function catchDownload() {
    delete document.body.dataset.ejDownload;
    const original = download._download;
    download._download = async (options) => {
        download._download = original;
        const data = new FormData();
        for (const [key, value] of Object.entries(options.data || {})) {
            data.append(key, value);
        }
        data.append("token", "dummy-because-api-expects-one");
        data.append("csrf_token", odoo.csrf_token);
        const response = await fetch(options.url, { method: "POST", body: data });
        const text = await response.text();
        document.body.dataset.ejDownloadText = text;
        document.body.dataset.ejDownload = `${response.status} ${response.headers.get("Content-Type")}`;
    };
}

function pdfSteps(button, expected) {
    return [
        {
            content: "Catch the download of the print",
            trigger: button,
            run: catchDownload,
        },
        {
            content: "Print",
            trigger: button,
            run: "click",
        },
        {
            content: "The server answered the print with the PDF",
            trigger: "body[data-ej-download]",
            timeout: 30000,
            run: () => {
                const answer = document.body.dataset.ejDownload;
                const text = document.body.dataset.ejDownloadText || "";
                if (answer !== "200 application/pdf") {
                    throw new Error(`The print is not a PDF: ${answer} ${text.slice(0, 300)}`);
                }
                if (!text.startsWith("%PDF-") && !text.includes(expected)) {
                    throw new Error(`The print does not show ${expected}: ${text.slice(0, 300)}`);
                }
            },
        },
        {
            content: "No error dialog",
            trigger: "body:not(:has(.o_error_dialog))",
        },
    ];
}

registry.category("web_tour.tours").add("school_credentials_notice_tour", {
    steps: () => [
        {
            content: "The e-journal administrator's start screen",
            trigger: ".o_main_navbar .o_menu_sections",
            run: () =>
                clickMenu("school_ejournal.school_ejournal_menu_accounts", "school_ejournal.school_credential_wizard_menu"),
        },
        {
            content: "The credentials dialog opens",
            trigger: ".modal .o_form_view div[name='class_ids']",
        },
        {
            content: "Re-issuing existing accounts is off by default",
            trigger: ".modal .o_form_view div[name='reissue'] input[type='checkbox']:not(:checked)",
        },
        {
            content: "Choose the class",
            trigger: ".modal .o_form_view div[name='class_ids'] input",
            run: "edit 5А",
        },
        {
            content: "Pick 5А",
            trigger: ".o-autocomplete--dropdown-item a:contains('5А')",
            run: "click",
        },
        {
            content: "The class is chosen",
            trigger: ".modal .o_form_view div[name='class_ids'] .o_tag:contains('5А')",
        },
        ...pdfSteps(".modal button[name='action_issue']", "Сидоров"),
    ],
});

registry.category("web_tour.tours").add("school_summary_sheet_tour", {
    steps: () => [
        {
            content: "The deputy's start screen",
            trigger: ".o_main_navbar .o_menu_sections",
            run: () =>
                clickMenu("school_ejournal_reports.school_ejournal_reports_menu", "school_ejournal_reports.school_report_wizard_menu"),
        },
        {
            content: "The summary sheet is the form offered first",
            trigger: ".modal .o_form_view div[name='report_code'] select, .modal .o_form_view div[name='report_code'] input",
            run: () => {
                const field = document.querySelector(
                    ".modal .o_form_view div[name='report_code'] select, .modal .o_form_view div[name='report_code'] input"
                );
                const label = field.tagName === "SELECT" ? field.selectedOptions[0]?.textContent : field.value;
                if (!/Сводная ведомость/.test(label || "")) {
                    throw new Error(`Another form is offered: ${label}`);
                }
            },
        },
        {
            content: "The current period is filled in",
            trigger: ".modal .o_form_view div[name='period_id'] input",
            run: () => {
                const value = document.querySelector(".modal .o_form_view div[name='period_id'] input").value;
                if (!value.trim()) {
                    throw new Error("The period is not filled in");
                }
                document.body.dataset.ejPeriod = value;
            },
        },
        {
            content: "Choose the class",
            trigger: ".modal .o_form_view div[name='class_id'] input",
            run: "edit 5А",
        },
        {
            content: "Pick 5А",
            trigger: ".o-autocomplete--dropdown-item a:contains('5А')",
            run: "click",
        },
        {
            content: "The class is chosen, the period is still there",
            trigger: ".modal .o_form_view div[name='period_id'] input",
            run: () => {
                const classValue = document.querySelector(".modal .o_form_view div[name='class_id'] input").value;
                const value = document.querySelector(".modal .o_form_view div[name='period_id'] input").value;
                if (classValue !== "5А" || value !== document.body.dataset.ejPeriod) {
                    throw new Error(`Class ${classValue}, period ${value}`);
                }
            },
        },
        ...pdfSteps(".modal button[name='action_print_pdf']", "Сидоров"),
    ],
});
