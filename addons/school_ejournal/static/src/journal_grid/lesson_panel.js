import { Component, onWillUpdateProps, useState } from "@odoo/owl";
import { _t } from "@web/core/l10n/translation";
import { FileInput } from "@web/core/file_input/file_input";
import { useService } from "@web/core/utils/hooks";
import { useJournalGridCall } from "./journal_utils";
import { ariaLabels } from "../webclient/aria_labels";

/**
 * Header of one lesson: date, teacher, substitution, work types, topic and homework (JOUR-1,
 * JOUR-10, JOUR-11). The lesson's teacher edits the topic, the homework and the work types
 * through ``school.journal.grid.save_lesson``; everybody else reads them.
 */
export class LessonPanel extends Component {
    static template = "school_ejournal.LessonPanel";
    static components = { FileInput };
    static props = {
        lesson: Object,
        workTypes: Array,
        withHomework: Boolean,
        onSaved: Function,
        onClose: Function,
        onOpenSheet: { type: Function, optional: true },
    };

    setup() {
        this.aria = ariaLabels();
        this.callGrid = useJournalGridCall();
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({ error: "", saving: false, ...this.valuesOf(this.props.lesson) });
        onWillUpdateProps((nextProps) => {
            if (nextProps.lesson.id !== this.props.lesson.id) {
                Object.assign(this.state, { error: "" }, this.valuesOf(nextProps.lesson));
            }
        });
    }

    valuesOf(lesson) {
        return {
            topic: lesson.topic,
            homework: lesson.homework,
            workTypeIds: [...lesson.work_type_ids],
        };
    }

    get lesson() {
        return this.props.lesson;
    }

    get headline() {
        return _t("%(date)s, lesson %(number)s", { date: this.lesson.label, number: this.lesson.number });
    }

    get substitutionLabel() {
        return _t("Substitution for %s", this.lesson.planned_teacher);
    }

    get isDirty() {
        const lesson = this.lesson;
        return (
            this.state.topic !== lesson.topic ||
            this.state.homework !== lesson.homework ||
            [...this.state.workTypeIds].sort().join() !== [...lesson.work_type_ids].sort().join()
        );
    }

    hasWorkType(workType) {
        return this.state.workTypeIds.includes(workType.id);
    }

    toggleWorkType(workType) {
        const ids = this.state.workTypeIds;
        this.state.workTypeIds = ids.includes(workType.id)
            ? ids.filter((id) => id !== workType.id)
            : [...ids, workType.id];
    }

    /** Homework files: uploaded to the lesson, then listed among its homework (issue 13). */
    async onFilesUploaded(files) {
        const ids = [...this.lesson.homework_files.map((file) => file.id), ...files.map((file) => file.id)];
        await this.saveFiles(ids);
    }

    async removeFile(file) {
        await this.saveFiles(this.lesson.homework_files.filter((f) => f.id !== file.id).map((f) => f.id));
    }

    async saveFiles(ids) {
        await this.saveLesson({ homework_attachment_ids: ids });
    }

    /** Saves ``values`` on the lesson: the saved lesson, or nothing when the server refused. */
    async saveLesson(values) {
        const { result: lesson, error } = await this.callGrid("save_lesson", [this.lesson.id, values]);
        this.state.error = error || "";
        if (lesson) {
            this.props.onSaved(lesson);
        }
        return lesson;
    }

    async save() {
        const values = { topic: this.state.topic, work_type_ids: this.state.workTypeIds };
        if (this.props.withHomework) {
            values.homework = this.state.homework;
        }
        this.state.saving = true;
        try {
            const lesson = await this.saveLesson(values);
            if (lesson) {
                Object.assign(this.state, this.valuesOf(lesson));
                this.notification.add(_t("Lesson of %s saved.", lesson.label), { type: "success" });
            }
        } finally {
            this.state.saving = false;
        }
    }

    onKeydown(ev) {
        if (ev.key === "Escape") {
            this.props.onClose();
        } else if (ev.key === "Enter" && (ev.ctrlKey || ev.metaKey) && this.lesson.editable) {
            this.save();
        }
    }

    openForm() {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "school.lesson",
            res_id: this.lesson.id,
            views: [[false, "form"]],
        });
    }
}
