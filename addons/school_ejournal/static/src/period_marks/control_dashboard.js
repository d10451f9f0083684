import { onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { formatPercentage } from "@web/views/fields/formatters";
import { SchoolClientAction } from "../webclient/school_client_action";

/**
 * The control dashboard of the deputy director and the director (CTRL-1, CTRL-3): the
 * school's figures for the periods in force (or a chosen one), one line per class, and
 * links to the detailed reports. Served by ``school.control.report.get_dashboard_data``.
 */
export class ControlDashboard extends SchoolClientAction {
    static template = "school_ejournal.ControlDashboard";

    setup() {
        super.setup();
        this.state = useState({ data: null, periodId: false, classId: false, loading: false });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        try {
            this.state.data = await this.orm.call("school.control.report", "get_dashboard_data", [], {
                period_id: this.state.periodId || false,
                class_id: this.state.classId || false,
            });
        } finally {
            this.state.loading = false;
        }
    }

    async onPeriodChange(ev) {
        this.state.periodId = parseInt(ev.target.value) || false;
        await this.load();
    }

    async showClass(classId) {
        this.state.classId = this.state.classId === classId ? false : classId;
        await this.load();
    }

    get cards() {
        const t = this.state.data.totals;
        const pct = (value) => this.formatShare(value);
        return [
            { key: "no_mark", label: _t("Students without marks"), value: t.no_mark_count, hint: pct(t.no_mark_share),
              danger: t.no_mark_count > 0, report: "school_ejournal.school_control_report_action" },
            { key: "one_mark", label: _t("Students with one mark"), value: t.one_mark_count, hint: pct(t.one_mark_share),
              report: "school_ejournal.school_control_report_action" },
            { key: "plan", label: _t("Plan given"), value: pct(t.plan_coverage),
              hint: _t("%(given)s of %(planned)s hours", { given: t.given_planned_hours, planned: t.planned_hours }),
              report: "school_ejournal.school_plan_coverage_report_action" },
            { key: "entries", label: _t("Late / missing entries"), value: `${t.late_entry_count} / ${t.missing_entry_count}`,
              hint: _t("%(topic)s lessons without topic, %(hw)s without homework",
                       { topic: t.no_topic_count, hw: t.no_homework_count }),
              danger: t.missing_entry_count > 0, report: "school_ejournal.school_control_report_action" },
            { key: "control", label: _t("Control works"), value: t.control_work_count,
              hint: _t("%s subjects without any", t.subjects_without_control),
              report: "school_ejournal.school_control_report_action" },
            { key: "objectivity", label: _t("Period marks differing from proposed"), value: pct(t.differs_share),
              hint: _t("%(differs)s of %(set)s", { differs: t.differs_count, set: t.period_mark_count }),
              report: "school_ejournal.school_objectivity_report_action" },
            { key: "teachers", label: _t("Teachers active (7 days)"),
              value: `${t.active_teacher_count} / ${t.teacher_count}`,
              hint: _t("%s entries", t.teacher_entries), report: "school_ejournal.school_teacher_activity_report_action" },
            { key: "families", label: _t("Families active (7 days)"), value: pct(t.family_active_share),
              hint: _t("%(students)s students, %(guardians)s guardians",
                       { students: t.student_active_count, guardians: t.guardian_active_count }),
              report: "school_ejournal.school_portal_activity_report_action" },
        ];
    }

    /**
     * A share, in percent to one decimal, in the user's number format by Odoo's own percentage
     * formatter (which takes a fraction): "7,3%" in Russian, "—" when there is none.
     */
    formatShare(value) {
        return value === false || value === null || value === undefined
            ? "—"
            : formatPercentage(Number(value) / 100, { digits: [16, 1] });
    }

    openReport(xmlid) {
        const context = {};
        if (this.state.classId) {
            context.search_default_class_id = this.state.classId;
        }
        return this.action.doAction(xmlid, { additionalContext: context });
    }
}

registry.category("actions").add("school_ejournal.control_dashboard", ControlDashboard);
