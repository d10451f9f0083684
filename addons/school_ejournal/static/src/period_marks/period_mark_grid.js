import { onWillStart, useState } from "@odoo/owl";
import { ConfirmationDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { _t } from "@web/core/l10n/translation";
import { formatDate, formatDateTime, deserializeDate, deserializeDateTime } from "@web/core/l10n/dates";
import { registry } from "@web/core/registry";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { SchoolClientAction } from "../webclient/school_client_action";
import { formatAverage as formatNumber } from "../journal_grid/journal_utils";

const MODEL = "school.period.mark";
const FINAL_TYPES = ["year", "exam", "final"];

/**
 * Period marks (FINAL-1..3).
 *
 * "grid" mode: the subject teacher's grid of a class and subject for a period, one line per
 * student with the marks counted, the weighted average, the proposed mark with the forecast
 * that shows its working, and the mark to set; "Fill Proposed" copies the proposals into the
 * empty cells, "Save" writes the changed marks. Students short of marks are listed in a
 * warning; after the deadline (2 days before the period ends) a banner says marks are late.
 *
 * "matrix" mode: the class teacher's view of the own class, students x subjects.
 */
export class PeriodMarkGrid extends SchoolClientAction {
    static template = "school_ejournal.PeriodMarkGrid";

    setup() {
        super.setup();
        this.dialog = useService("dialog");
        this.keepLast = new KeepLast();
        const { action } = this.props;
        const actionContext = action.context || {};
        // from the URL (/odoo/school-period-marks?class_id=..&subject_id=..&period_id=..), the
        // action's params or its context (buttons)
        const context = {};
        for (const key of ["class_id", "subject_id", "period_id", "period_mark_mode"]) {
            const source = [actionContext.params || {}, action.params || {}, actionContext].find((v) => v[key]);
            const value = source ? source[key] : false;
            context[key] = key === "period_mark_mode" || !value ? value : parseInt(value);
        }
        this.state = useState({
            options: { subjects: [], classes: [], periods: [] },
            mode: context.period_mark_mode === "matrix" ? "matrix" : "grid",
            pairKey: false,
            classId: false,
            periodId: false,
            grid: null,
            matrix: null,
            values: {},
            loading: false,
            saving: false,
        });
        onWillStart(async () => {
            this.state.options = await this.orm.call(MODEL, "get_grid_options", []);
            if (!this.state.options.classes.length) {
                this.state.mode = "grid";
            }
            const pair = this.state.options.subjects.find(
                (s) => s.class_id === context.class_id && s.subject_id === context.subject_id
            ) || this.state.options.subjects[0];
            this.state.pairKey = pair ? this.keyOf(pair) : false;
            const schoolClass = this.state.options.classes.find((c) => c.id === context.class_id)
                || this.state.options.classes[0];
            this.state.classId = schoolClass ? schoolClass.id : false;
            this.selectPeriod(context.period_id);
            await this.load();
        });
    }

    // ------------------------------------------------------------------
    // Selection
    // ------------------------------------------------------------------

    keyOf(pair) {
        return `${pair.class_id}-${pair.subject_id}`;
    }

    get currentPair() {
        return this.state.options.subjects.find((s) => this.keyOf(s) === this.state.pairKey);
    }

    get currentClass() {
        return this.state.options.classes.find((c) => c.id === this.state.classId);
    }

    /** Periods of the chosen class's year: its quarters or halves, then year, exam, final. */
    get periods() {
        const target = this.state.mode === "matrix" ? this.currentClass : this.currentPair;
        if (!target) {
            return [];
        }
        return this.state.options.periods.filter(
            (p) => p.year_id === target.year_id
                && (p.type === target.period_scheme || FINAL_TYPES.includes(p.type))
        );
    }

    selectPeriod(periodId) {
        const periods = this.periods;
        const period = periods.find((p) => p.id === periodId)
            || periods.find((p) => p.current && !FINAL_TYPES.includes(p.type))
            || periods[0];
        this.state.periodId = period ? period.id : false;
    }

    async setMode(mode) {
        if (this.state.mode === mode || !(await this.confirmDiscard())) {
            return;
        }
        this.state.mode = mode;
        this.selectPeriod(this.state.periodId);
        await this.load();
    }

    /**
     * A selector of what the grid shows changed: once the unsaved changes may be dropped,
     * ``apply`` takes the new value and the grid is loaded again; else the selector shows
     * ``current`` again.
     */
    async changeSelection(ev, current, apply) {
        if (!(await this.confirmDiscard())) {
            ev.target.value = current;
            return;
        }
        apply(ev.target.value);
        await this.load();
    }

    onPairChange(ev) {
        return this.changeSelection(ev, this.state.pairKey, (pairKey) => {
            this.state.pairKey = pairKey;
            this.selectPeriod(this.state.periodId);
        });
    }

    async onClassChange(ev) {
        this.state.classId = parseInt(ev.target.value);
        this.selectPeriod(this.state.periodId);
        await this.load();
    }

    onPeriodChange(ev) {
        return this.changeSelection(ev, this.state.periodId, (periodId) => {
            this.state.periodId = parseInt(periodId);
        });
    }

    async confirmDiscard() {
        if (!this.dirty) {
            return true;
        }
        return new Promise((resolve) => {
            this.dialog.add(
                ConfirmationDialog,
                {
                    body: _t("Discard the marks you have not saved?"),
                    confirm: () => resolve(true),
                    cancel: () => resolve(false),
                },
                { onClose: () => resolve(false) }
            );
        });
    }

    // ------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------

    async load() {
        this.state.loading = true;
        try {
            if (this.state.mode === "matrix") {
                this.state.matrix = this.state.classId && this.state.periodId
                    ? await this.keepLast.add(
                        this.orm.call(MODEL, "get_class_matrix", [this.state.classId, this.state.periodId])
                    )
                    : null;
            } else {
                const pair = this.currentPair;
                const grid = pair && this.state.periodId
                    ? await this.keepLast.add(
                        this.orm.call(MODEL, "get_period_mark_grid", [pair.class_id, pair.subject_id, this.state.periodId])
                    )
                    : null;
                this.setGrid(grid);
            }
        } finally {
            this.state.loading = false;
        }
    }

    setGrid(grid) {
        this.state.grid = grid;
        const values = {};
        for (const row of grid ? grid.rows : []) {
            values[row.student_id] = row.value || 0;
        }
        this.state.values = values;
    }

    /** The subject's grid is shown and the user may set its marks: the edit buttons apply. */
    get editableGrid() {
        return Boolean(this.state.mode === "grid" && this.state.grid && this.state.grid.editable);
    }

    get dirty() {
        const grid = this.state.grid;
        return Boolean(grid && grid.rows.some((row) => (this.state.values[row.student_id] || 0) !== (row.value || 0)));
    }

    onValueChange(row, ev) {
        this.state.values[row.student_id] = parseInt(ev.target.value) || 0;
    }

    fillProposed() {
        for (const row of this.state.grid.rows) {
            if (!this.state.values[row.student_id] && row.proposed) {
                this.state.values[row.student_id] = row.proposed;
            }
        }
    }

    discard() {
        this.setGrid(this.state.grid);
    }

    async save() {
        const grid = this.state.grid;
        const changes = {};
        for (const row of grid.rows) {
            const value = this.state.values[row.student_id] || 0;
            if (value !== (row.value || 0)) {
                changes[row.student_id] = value;
            }
        }
        if (!Object.keys(changes).length) {
            return;
        }
        this.state.saving = true;
        try {
            const fresh = await this.orm.call(MODEL, "save_period_mark_grid", [
                grid.class.id, grid.subject.id, grid.period.id, changes,
            ]);
            this.setGrid(fresh);
            this.notification.add(_t("Period marks saved: students and guardians see them now."), { type: "success" });
            if (fresh.short_names.length) {
                this.notification.add(
                    _t("Too few marks to justify the period mark: %s", fresh.short_names.join(", ")),
                    { type: "warning", sticky: true }
                );
            }
        } finally {
            this.state.saving = false;
        }
    }

    // ------------------------------------------------------------------
    // Wording
    // ------------------------------------------------------------------

    /** "3,64" in Russian, as the journal grid writes it (not "3.64"). */
    formatAverage(value) {
        return formatNumber(value) || "—";
    }

    formatDate(value) {
        return value ? formatDate(deserializeDate(value)) : "";
    }

    formatDateTime(value) {
        return value ? formatDateTime(deserializeDateTime(value)) : "";
    }

    formatNeeds(needs) {
        const parts = needs.filter((n) => n.count).map((n) =>
            _t("%(count)s × %(mark)s of weight %(weight)s", { count: n.count, mark: n.mark, weight: n.weight })
        );
        return parts.join(_t(" or "));
    }

    /** The forecast with its working, as one line of text. */
    forecastText(row) {
        const f = row.forecast;
        if (!row.count) {
            return _t("No marks yet");
        }
        const lines = [];
        if (f.next) {
            const needs = this.formatNeeds(f.to_next_list);
            lines.push(needs
                ? _t("For %(mark)s (from %(threshold)s): %(needs)s", { mark: f.next, threshold: this.formatAverage(f.threshold_next), needs })
                : _t("%(mark)s is out of reach this period", { mark: f.next }));
        }
        if (f.to_lose_list.length) {
            lines.push(_t("%(mark)s is lost with %(needs)s", { mark: row.proposed, needs: this.formatNeeds(f.to_lose_list) }));
        }
        return lines.join("; ");
    }

    workingText(row) {
        const f = row.forecast;
        if (!row.count) {
            return "";
        }
        return _t("Σ(mark × weight) / Σ weight = %(sum)s / %(weights)s = %(average)s", {
            sum: this.formatAverage(f.weighted_sum),
            weights: this.formatAverage(f.weight_sum),
            average: this.formatAverage(row.average),
        });
    }

    get thresholdsText() {
        const grid = this.state.grid;
        if (!grid) {
            return "";
        }
        const rules = [...grid.policy.thresholds].reverse().map((t) =>
            _t("%(mark)s from %(average)s", { mark: t.mark, average: this.formatAverage(t.average) })
        );
        return _t("%(policy)s: %(rules)s; at least %(min)s marks", {
            policy: grid.policy.name, rules: rules.join(", "), min: grid.policy.min_marks,
        });
    }

    publishedTitle(row) {
        return _t("Visible to the student and the guardians since %s", this.formatDateTime(row.published_at));
    }

    matrixCell(student, subject) {
        return this.state.matrix.cells[`${student.id}-${subject.id}`] || {};
    }
}

registry.category("actions").add("school_ejournal.period_mark_grid", PeriodMarkGrid);
