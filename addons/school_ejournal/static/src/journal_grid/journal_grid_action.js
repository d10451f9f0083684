import { Component, onMounted, onWillStart, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { registry } from "@web/core/registry";
import { KeepLast } from "@web/core/utils/concurrency";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { JournalGridTable } from "./journal_grid_table";
import { LessonPanel } from "./lesson_panel";
import { LessonSheet } from "./lesson_sheet";
import { ariaLabels } from "../webclient/aria_labels";

const PARAM_KEYS = ["class_id", "subject_id", "subgroup_id", "period_id", "lesson_id", "journal_mode"];

/**
 * The electronic class journal (JOUR-1..13): a selector bar (class, subject, subgroup,
 * period) over either the grid of the period or the sheet of one lesson for phones.
 *
 * It opens on ``class_id``, ``subject_id``, ``subgroup_id``, ``period_id``, ``lesson_id``
 * and ``journal_mode`` ("grid" or "lesson") taken from the URL, the action's params or its
 * context (buttons of "My Lessons"), else on the user's last lesson.
 */
export class JournalGridAction extends Component {
    static template = "school_ejournal.JournalGridAction";
    static components = { Layout, JournalGridTable, LessonPanel, LessonSheet };
    static props = { ...standardActionServiceProps };

    setup() {
        this.aria = ariaLabels();
        this.orm = useService("orm");
        this.keepLast = new KeepLast();
        this.state = useState({
            options: { classes: [], default: {} },
            classId: false,
            subjectId: false,
            subgroupId: false,
            periodId: false,
            lessonId: false,
            mode: "grid",
            panelLessonId: false,
            grid: null,
            gridVersion: 0,
            loading: false,
        });
        onWillStart(async () => {
            this.state.options = await this.orm.call("school.journal.grid", "get_options", []);
            this.applyParams(this.initialParams());
            await this.loadGrid();
        });
        onMounted(() => this.pushState());
    }

    // ------------------------------------------------------------------
    // Selection
    // ------------------------------------------------------------------

    initialParams() {
        const { action } = this.props;
        const context = action.context || {};
        const sources = [context.params || {}, action.params || {}, context];
        const params = {};
        for (const key of PARAM_KEYS) {
            const source = sources.find((values) => values[key]);
            params[key] = source ? source[key] : false;
        }
        return params;
    }

    applyParams(params) {
        const classes = this.state.options.classes;
        const fallback = this.state.options.default;
        const known = classes.find((c) => c.id === params.class_id);
        const schoolClass = known || classes.find((c) => c.id === fallback.class_id) || classes[0];
        const useParams = Boolean(known);
        const base = useParams ? params : fallback;
        this.state.classId = schoolClass ? schoolClass.id : false;
        this.selectSubject(base.subject_id, base.subgroup_id);
        this.selectPeriod(base.period_id);
        this.state.lessonId = (useParams && params.lesson_id) || false;
        this.state.panelLessonId = this.state.lessonId;
        const mode = useParams && params.journal_mode;
        this.state.mode = mode === "lesson" || (!mode && this.env.isSmall) ? "lesson" : "grid";
    }

    get currentClass() {
        return this.state.options.classes.find((c) => c.id === this.state.classId);
    }

    get subjects() {
        return this.currentClass ? this.currentClass.subjects : [];
    }

    get currentSubject() {
        return this.subjects.find((s) => s.id === this.state.subjectId);
    }

    get periods() {
        return this.currentClass ? this.currentClass.periods : [];
    }

    get currentPeriod() {
        return this.periods.find((p) => p.id === this.state.periodId);
    }

    get showSubgroups() {
        const subject = this.currentSubject;
        return Boolean(subject && subject.subgroups.length);
    }

    selectSubject(subjectId, subgroupId) {
        const subject = this.subjects.find((s) => s.id === subjectId) || this.subjects[0];
        this.state.subjectId = subject ? subject.id : false;
        if (!subject) {
            this.state.subgroupId = false;
        } else if (subject.subgroups.some((g) => g.id === subgroupId)) {
            this.state.subgroupId = subgroupId;
        } else {
            this.state.subgroupId = subject.whole_class ? false : subject.subgroups[0]?.id || false;
        }
    }

    selectPeriod(periodId) {
        const period = this.periods.find((p) => p.id === periodId);
        this.state.periodId = period ? period.id : this.currentClass?.default_period_id || false;
    }

    pushState() {
        const values = {
            class_id: this.state.classId,
            subject_id: this.state.subjectId,
            subgroup_id: this.state.subgroupId,
            period_id: this.state.periodId,
            lesson_id: this.state.mode === "lesson" ? this.state.lessonId : false,
            journal_mode: this.state.mode === "lesson" ? "lesson" : false,
        };
        const patch = {};
        for (const [key, value] of Object.entries(values)) {
            patch[key] = value || undefined;
        }
        this.props.updateActionState?.(patch);
    }

    // ------------------------------------------------------------------
    // Data
    // ------------------------------------------------------------------

    async loadGrid() {
        const { classId, subjectId, periodId, subgroupId } = this.state;
        if (!classId || !subjectId || !periodId) {
            this.state.grid = null;
            return;
        }
        this.state.loading = true;
        try {
            const grid = await this.keepLast.add(
                this.orm.call("school.journal.grid", "get_grid", [classId, subjectId, periodId, subgroupId || false])
            );
            this.state.grid = grid;
            this.state.gridVersion++;
            const lessonIds = grid.lessons.map((lesson) => lesson.id);
            if (!lessonIds.includes(this.state.panelLessonId)) {
                this.state.panelLessonId = false;
            }
            if (!lessonIds.includes(this.state.lessonId)) {
                this.state.lessonId = this.defaultLessonId(grid);
            }
        } finally {
            this.state.loading = false;
        }
    }

    /** Today's lesson, else the last one held, else the first one. */
    defaultLessonId(grid) {
        const today = luxon.DateTime.local().toISODate();
        const held = grid.lessons.filter((lesson) => lesson.date <= today);
        return (held.at(-1) || grid.lessons[0])?.id || false;
    }

    async reload() {
        await this.loadGrid();
        this.pushState();
    }

    // ------------------------------------------------------------------
    // Handlers
    // ------------------------------------------------------------------

    onClassChange(ev) {
        const subject = this.currentSubject;
        this.state.classId = Number(ev.target.value);
        this.selectSubject(subject?.id, false);
        this.selectPeriod(this.state.periodId);
        this.reload();
    }

    onSubjectChange(ev) {
        this.selectSubject(Number(ev.target.value), false);
        this.reload();
    }

    onSubgroupChange(ev) {
        this.state.subgroupId = Number(ev.target.value) || false;
        this.reload();
    }

    onPeriodChange(ev) {
        this.selectPeriod(Number(ev.target.value));
        this.reload();
    }

    onLessonChange(ev) {
        this.state.lessonId = Number(ev.target.value);
        this.pushState();
    }

    setMode(mode) {
        if (this.state.mode === mode) {
            return;
        }
        this.state.mode = mode;
        if (mode === "grid" && this.sheetChanged) {
            this.sheetChanged = false;
            this.reload();
        } else {
            this.pushState();
        }
    }

    openLesson(lessonId) {
        this.state.panelLessonId = this.state.panelLessonId === lessonId ? false : lessonId;
    }

    closePanel() {
        this.state.panelLessonId = false;
    }

    openSheet(lessonId) {
        this.state.lessonId = lessonId;
        this.setMode("lesson");
        this.pushState();
    }

    stepLesson(step) {
        const lessons = this.state.grid.lessons;
        const index = lessons.findIndex((lesson) => lesson.id === this.state.lessonId) + step;
        if (index >= 0 && index < lessons.length) {
            this.state.lessonId = lessons[index].id;
            this.pushState();
        }
    }

    onLessonSaved(values) {
        const lesson = this.state.grid.lessons.find((l) => l.id === values.id);
        Object.assign(lesson, values);
    }

    onSheetChanged() {
        this.sheetChanged = true;
    }

    // ------------------------------------------------------------------
    // Rendering helpers
    // ------------------------------------------------------------------

    get panelLesson() {
        return this.state.grid?.lessons.find((lesson) => lesson.id === this.state.panelLessonId);
    }

    get lessonIndex() {
        return this.state.grid ? this.state.grid.lessons.findIndex((l) => l.id === this.state.lessonId) : -1;
    }

    get withHomework() {
        return Boolean(this.state.grid && this.state.grid.class.grade > 1);
    }

    get isReadonly() {
        const grid = this.state.grid;
        return Boolean(grid && grid.lessons.length && !grid.lessons.some((lesson) => lesson.editable));
    }

    periodLabel(period) {
        return period.closed ? _t("%s (closed)", period.name) : period.name;
    }

    lessonLabel(lesson) {
        return `${lesson.label} · ${lesson.number}${lesson.topic ? " · " + lesson.topic : ""}`;
    }

    get emptyMessage() {
        if (!this.state.options.classes.length) {
            return _t("You have no classes to open: the journal shows the classes and subgroups you teach.");
        }
        return _t("Choose a class, a subject and a period.");
    }
}

registry.category("actions").add("school_ejournal.journal_grid", JournalGridAction);
