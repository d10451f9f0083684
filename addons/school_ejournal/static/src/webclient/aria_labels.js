import { _t } from "@web/core/l10n/translation";

/**
 * The accessible names of the addon's toolbars, groups and selects. OWL translates the texts
 * of a template and its title, placeholder, alt, label and data-tooltip attributes, but not
 * aria-label: a static aria-label would be read out in English to a Russian user. The
 * templates bind theirs (t-att-aria-label="aria.x") to these strings, translated by _t.
 */
export function ariaLabels() {
    return {
        attendance: _t("Attendance"),
        class: _t("Class"),
        classAndSubject: _t("Class and subject"),
        day: _t("Day"),
        journal: _t("Journal"),
        lesson: _t("Lesson"),
        marks: _t("Marks"),
        period: _t("Period"),
        periodMarks: _t("Period marks"),
        subgroup: _t("Subgroup"),
        subject: _t("Subject"),
        view: _t("View"),
        wholeDay: _t("Whole day"),
        workTypes: _t("Work types"),
    };
}
