import { _t } from "@web/core/l10n/translation";

/**
 * Strings of Odoo's own web client that Odoo's Russian translation leaves out (issue 13).
 * The web client looks every string up in one table of all the modules' translations, so
 * listing them here lets the school's Russian file provide them.
 */
export const ODOO_TERMS_WITHOUT_RUSSIAN = [
    _t("Your inbox is empty"),
    _t("The conversation is empty."),
    _t("More Menu"),
    _t("Copy Link"),
];
