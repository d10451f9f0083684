import { Component, useEffect, useRef, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { useService } from "@web/core/utils/hooks";
import {
    cellKey,
    cellText,
    cellTitle,
    formatAverage,
    formatWeight,
    markClass,
    normalizeText,
    refusalMessage,
    shortName,
} from "./journal_utils";

/**
 * The journal as a spreadsheet: students down, the period's lessons across (JOUR-1..3).
 *
 * Click or arrows select a cell; typing starts editing; Enter saves and goes down, Tab saves
 * and goes right, Escape cancels, Delete or Backspace clears the cell. Every change goes to
 * ``school.journal.grid.save_cell``; a refusal of the server stays on the cell in red, with
 * its message as the tooltip, and the cell keeps its former content.
 */
export class JournalGridTable extends Component {
    static template = "school_ejournal.JournalGridTable";
    static props = {
        grid: Object,
        activeLessonId: { type: [Number, Boolean], optional: true },
        onOpenLesson: Function,
    };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.shortName = shortName;
        this.markClass = markClass;
        this.formatWeight = formatWeight;
        this.wrapRef = useRef("wrap");
        this.state = useState({
            row: 0,
            col: this.initialColumn(),
            editing: false,
            draft: "",
            errors: {},
            saving: {},
        });
        useEffect(
            (row, col, editing) => this.focusSelection(editing),
            () => [this.state.row, this.state.col, this.state.editing]
        );
    }

    get grid() {
        return this.props.grid;
    }

    get hasCells() {
        return this.grid.students.length > 0 && this.grid.lessons.length > 0;
    }

    get isReadonly() {
        return !this.grid.lessons.some((lesson) => lesson.editable);
    }

    /** Start on the lesson asked for, else on today's or the last past lesson. */
    initialColumn() {
        const lessons = this.props.grid.lessons;
        const asked = lessons.findIndex((lesson) => lesson.id === this.props.activeLessonId);
        if (asked >= 0) {
            return asked;
        }
        const today = luxon.DateTime.local().toISODate();
        const past = lessons.filter((lesson) => lesson.date <= today).length;
        return Math.max(past - 1, 0);
    }

    // ------------------------------------------------------------------
    // Rendering helpers
    // ------------------------------------------------------------------

    key(student, lesson) {
        return cellKey(lesson.id, student.id);
    }

    text(student, lesson) {
        return cellText(this.grid.cells[this.key(student, lesson)]);
    }

    cell(student, lesson) {
        return this.grid.cells[this.key(student, lesson)];
    }

    cellClass(student, lesson, row, col) {
        const key = this.key(student, lesson);
        const cell = this.grid.cells[key];
        return {
            o_ej_selected: row === this.state.row && col === this.state.col,
            o_ej_readonly: !lesson.editable,
            o_ej_error: key in this.state.errors,
            o_ej_saving: key in this.state.saving,
            o_ej_absent: Boolean(cell && cell.attendance && cell.attendance !== "ОП"),
        };
    }

    headClass(lesson, col) {
        return {
            o_ej_active: lesson.id === this.props.activeLessonId,
            o_ej_readonly: !lesson.editable,
            o_ej_substitution: lesson.is_substitution,
            o_ej_selected_col: col === this.state.col,
        };
    }

    cellTooltip(student, lesson) {
        const key = this.key(student, lesson);
        return this.state.errors[key] || cellTitle(this.grid.cells[key]);
    }

    lessonTitle(lesson) {
        const number = _t("lesson No. %s", lesson.number);
        const lines = [`${lesson.label} · ${number}`];
        if (lesson.subgroup) {
            lines.push(lesson.subgroup);
        }
        if (lesson.work_types.length) {
            lines.push(lesson.work_types.join(", "));
        }
        lines.push(lesson.topic || _t("No topic yet"));
        if (lesson.is_substitution) {
            lines.push(_t("Substitution: %(teacher)s instead of %(planned)s", {
                teacher: lesson.teacher,
                planned: lesson.planned_teacher,
            }));
        }
        return lines.join("\n");
    }

    average(student) {
        return formatAverage(this.grid.averages[student.id]);
    }

    // ------------------------------------------------------------------
    // Selection and focus
    // ------------------------------------------------------------------

    get selectedCellEl() {
        return this.wrapRef.el?.querySelector(
            `td.o_ej_cell[data-row="${this.state.row}"][data-col="${this.state.col}"]`
        );
    }

    focusSelection(editing) {
        const cellEl = this.selectedCellEl;
        if (!cellEl) {
            return;
        }
        if (editing) {
            const input = cellEl.querySelector("input");
            if (input) {
                input.focus();
                input.setSelectionRange(input.value.length, input.value.length);
            }
            return;
        }
        // do not steal the focus from the lesson panel or the selectors
        if (this.wrapRef.el.contains(document.activeElement) || document.activeElement === document.body) {
            cellEl.focus({ preventScroll: true });
        }
        cellEl.scrollIntoView({ block: "nearest", inline: "nearest" });
    }

    select(row, col) {
        this.state.row = Math.min(Math.max(row, 0), this.grid.students.length - 1);
        this.state.col = Math.min(Math.max(col, 0), this.grid.lessons.length - 1);
    }

    move(rows, cols) {
        this.select(this.state.row + rows, this.state.col + cols);
    }

    // ------------------------------------------------------------------
    // Editing
    // ------------------------------------------------------------------

    get selectedLesson() {
        return this.grid.lessons[this.state.col];
    }

    get selectedStudent() {
        return this.grid.students[this.state.row];
    }

    isEditing(row, col) {
        return this.state.editing && row === this.state.row && col === this.state.col;
    }

    startEditing(initialText) {
        const lesson = this.selectedLesson;
        if (!lesson) {
            return;
        }
        if (!lesson.editable) {
            this.notification.add(this.readonlyReason(lesson), { type: "warning" });
            return;
        }
        this.state.draft = initialText ?? this.text(this.selectedStudent, lesson);
        this.state.editing = true;
    }

    readonlyReason(lesson) {
        if (this.grid.period.closed) {
            return _t("The period %s is closed for edits.", this.grid.period.name);
        }
        return _t("The lesson of %(date)s is given by %(teacher)s: only they write it.", {
            date: lesson.label,
            teacher: lesson.teacher,
        });
    }

    cancelEditing() {
        this.state.editing = false;
        this.state.draft = "";
    }

    /** Leave the editor, save what was typed and move by (rows, cols). */
    commit(rows = 0, cols = 0) {
        if (!this.state.editing) {
            return;
        }
        const { row, col, draft } = this.state;
        this.state.editing = false;
        this.move(rows, cols);
        return this.saveCell(row, col, draft);
    }

    async saveCell(row, col, text) {
        const student = this.grid.students[row];
        const lesson = this.grid.lessons[col];
        const key = this.key(student, lesson);
        if (normalizeText(text) === normalizeText(cellText(this.grid.cells[key]))) {
            delete this.state.errors[key];
            return;
        }
        this.state.saving[key] = true;
        try {
            const result = await this.orm.call("school.journal.grid", "save_cell", [
                lesson.id,
                student.id,
                text,
            ]);
            delete this.state.errors[key];
            if (result.cell.marks.length || result.cell.attendance) {
                this.grid.cells[key] = result.cell;
            } else {
                delete this.grid.cells[key];
            }
            this.grid.averages[student.id] = result.average;
        } catch (error) {
            const message = refusalMessage(error);
            if (!message) {
                throw error;
            }
            this.state.errors[key] = message;
            const cell = this.grid.cells[key];
            // past the edit window or a closed period, the teacher of the lesson asks the
            // deputy director for the change: a request prefilled with the cell (JOUR-6, JOUR-8)
            const mayRequest = lesson.teacher_is_user;
            this.notification.add(message, {
                title: _t("%(student)s, %(date)s: not saved", { student: student.name, date: lesson.label }),
                type: "danger",
                sticky: mayRequest,
                buttons: mayRequest
                    ? [
                          {
                              name: _t("File a correction request"),
                              primary: true,
                              onClick: () => this.openCorrectionRequest(lesson, student, cell, text),
                          },
                      ]
                    : [],
            });
        } finally {
            delete this.state.saving[key];
        }
    }

    /** The correction request form, prefilled with the refused cell. */
    openCorrectionRequest(lesson, student, cell, text) {
        const value = parseInt((text || "").trim(), 10);
        const mark = cell && cell.marks.length ? cell.marks[cell.marks.length - 1] : null;
        const context = {
            default_lesson_id: lesson.id,
            default_student_id: student.id,
            default_kind: "mark",
            default_operation: (text || "").trim() ? "set" : "delete",
        };
        if (mark) {
            context.default_mark_id = mark.id;
        }
        if ([1, 2, 3, 4, 5].includes(value)) {
            context.default_new_value = value;
        }
        if (lesson.default_work_type_id) {
            context.default_work_type_id = lesson.default_work_type_id;
        }
        return this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "school.correction.request",
            views: [[false, "form"]],
            target: "new",
            context,
        });
    }

    // ------------------------------------------------------------------
    // Handlers
    // ------------------------------------------------------------------

    onCellClick(ev) {
        const cellEl = ev.target.closest("td.o_ej_cell");
        if (!cellEl || ev.target.closest("input")) {
            return;
        }
        const row = Number(cellEl.dataset.row);
        const col = Number(cellEl.dataset.col);
        if (row === this.state.row && col === this.state.col && !this.state.editing) {
            // a second tap edits: tablets have no double click
            this.startEditing();
        } else {
            this.select(row, col);
        }
    }

    onHeaderClick(ev) {
        const headEl = ev.target.closest("th.o_ej_lesson_head");
        if (headEl) {
            this.props.onOpenLesson(Number(headEl.dataset.lessonId));
        }
    }

    onKeydown(ev) {
        if (this.state.editing || !this.hasCells || ev.target.closest("input")) {
            return;
        }
        const moves = {
            ArrowUp: [-1, 0],
            ArrowDown: [1, 0],
            ArrowLeft: [0, -1],
            ArrowRight: [0, 1],
            Tab: [0, ev.shiftKey ? -1 : 1],
        };
        if (ev.key in moves) {
            this.move(...moves[ev.key]);
        } else if (ev.key === "Home" || ev.key === "End") {
            this.select(this.state.row, ev.key === "Home" ? 0 : this.grid.lessons.length - 1);
        } else if (ev.key === "Enter" || ev.key === "F2") {
            this.startEditing();
        } else if (ev.key === "Delete" || ev.key === "Backspace") {
            if (!this.selectedLesson.editable) {
                this.notification.add(this.readonlyReason(this.selectedLesson), { type: "warning" });
            } else {
                this.saveCell(this.state.row, this.state.col, "");
            }
        } else if (ev.key.length === 1 && !ev.ctrlKey && !ev.metaKey && !ev.altKey && ev.key !== " ") {
            this.startEditing(ev.key);
        } else {
            return;
        }
        ev.preventDefault();
    }

    onInputKeydown(ev) {
        switch (ev.key) {
            case "Enter":
                this.commit(ev.shiftKey ? -1 : 1, 0);
                break;
            case "Tab":
                this.commit(0, ev.shiftKey ? -1 : 1);
                break;
            case "ArrowUp":
                this.commit(-1, 0);
                break;
            case "ArrowDown":
                this.commit(1, 0);
                break;
            case "Escape":
                this.cancelEditing();
                break;
            default:
                return;
        }
        ev.preventDefault();
        ev.stopPropagation();
    }

    onInputBlur() {
        this.commit();
    }
}
