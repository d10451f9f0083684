import { App } from "@odoo/owl";
import { router } from "@web/core/browser/router";
import { rpcBus } from "@web/core/network/rpc";

/**
 * Walks, in the browser and as the logged-in user, every screen of a list of actions (the
 * menu items the user sees, ROLE-1..6 and ROLE-9, SEC-3): opens each action, then each of
 * its view types as the first view, each filter and grouping of its search menu, the form
 * of the first record of its list or kanban with every page of the form and the buttons
 * of the form that open another screen or only read (smart buttons, buttons of type
 * "action", ``OPENING_BUTTON``), and the new-record form where the user is offered "New"
 * (discarded, never saved).
 *
 * Every problem is written to the console as an error naming the screen: an error dialog
 * (server errors, access errors, client errors), a danger notification, a failed RPC, a
 * screen that does not settle. The test (``test_role_browser_screens``) fails on them.
 */

const SETTLE_TIMEOUT = 30000;
// buttons of a form that open another screen or only read (the verification of the change
// log and of the archive, the recomputed averages, the class chat): they change no mark,
// lesson or account
const OPENING_BUTTON = /^(action_(open|view|show|verify)\w*|action_refresh|action_sync_discuss_channel|\d+)$/;

function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
}

function text(el, length = 600) {
    return (el?.innerText || "").replace(/\s+/g, " ").trim().slice(0, length);
}

export async function walkScreens(plan) {
    const env = odoo.__WOWL_DEBUG__.root.env;
    const action = env.services.action;
    const pending = new Set();
    const problems = [];
    let rpcErrors = [];
    let opened = 0;
    rpcBus.addEventListener("RPC:REQUEST", ({ detail }) => pending.add(detail.data.id));
    rpcBus.addEventListener("RPC:RESPONSE", ({ detail }) => {
        pending.delete(detail.data.id);
        if (detail.error) {
            const error = detail.error;
            rpcErrors.push(
                `${detail.data.params?.model || ""}.${detail.data.params?.method || ""}: ` +
                    `${error.data?.name || error.name}: ${error.data?.message || error.message}`
            );
        }
    });

    function busy() {
        if (pending.size) {
            return true;
        }
        for (const app of App.apps) {
            if (app.scheduler.tasks.size) {
                return true;
            }
        }
        return false;
    }

    function report(where, what) {
        const message = `${plan.role}: ${where}: ${what}`;
        problems.push(message);
        console.error(`Screen problem: ${message}`);
    }

    async function settle(where) {
        const start = Date.now();
        let calm = 0;
        while (calm < 2) {
            await sleep(25);
            calm = busy() ? 0 : calm + 1;
            if (Date.now() - start > SETTLE_TIMEOUT) {
                report(where, "the screen did not finish loading");
                return;
            }
        }
    }

    /** Reports and closes error dialogs and danger notifications, and failed RPCs. */
    async function check(where) {
        for (const error of rpcErrors) {
            report(where, `RPC error ${error}`);
        }
        rpcErrors = [];
        for (const dialog of document.querySelectorAll(".o_error_dialog")) {
            const modal = dialog.closest(".modal") || dialog;
            report(where, `error dialog «${text(modal.querySelector(".modal-title"))}»: ${text(modal)}`);
            const close = modal.querySelector(".btn-close, .modal-footer .btn-primary");
            close?.click();
        }
        for (const bar of document.querySelectorAll(".o_notification_bar.bg-danger")) {
            const notification = bar.closest(".o_notification");
            report(where, `danger notification: ${text(notification)}`);
            notification?.querySelector(".o_notification_close")?.click();
        }
        await sleep(0);
    }

    async function run(where, callback) {
        try {
            await callback();
        } catch (error) {
            report(where, `${error?.name || "Error"}: ${error?.message || error}`);
        }
        await settle(where);
        await check(where);
    }

    function mainView() {
        return document.querySelector(".o_action_manager > .o_action");
    }

    function isForm(root) {
        return Boolean(root && (root.matches(".o_form_view") || root.querySelector(".o_form_view")));
    }

    function openDialog() {
        const modals = document.querySelectorAll(".modal:not(.o_inactive_modal)");
        return modals[modals.length - 1];
    }

    async function closeDialogs(where) {
        for (let i = 0; i < 5 && openDialog(); i++) {
            const modal = openDialog();
            const discard = modal.querySelector(".o_form_button_cancel, .btn-close");
            if (!discard) {
                report(where, `a dialog that cannot be closed: ${text(modal)}`);
                return;
            }
            await run(`${where} / close the dialog`, () => discard.click());
        }
    }

    async function discardForm(where, root) {
        const discard = root.querySelector(".o_form_button_cancel");
        if (discard && root.querySelector(".o_form_dirty, .o_form_status_indicator_buttons:not(.invisible)")) {
            await run(`${where} / discard`, () => discard.click());
        }
    }

    /** Opens the pages of a form, in the main screen or in a dialog. */
    async function walkPages(where, root) {
        const tabs = [...root.querySelectorAll(".o_notebook_headers .nav-link")];
        for (const tab of tabs) {
            if (tab.isConnected && !tab.classList.contains("active")) {
                await run(`${where} / page «${text(tab, 60)}»`, () => tab.click());
            }
        }
    }

    function openingButtons(root) {
        return [
            ...root.querySelectorAll(
                ".o_form_statusbar button[name], .oe_button_box button[name], .o_form_sheet button.oe_stat_button[name]"
            ),
        ].filter(
            (button) =>
                !button.disabled &&
                button.offsetParent !== null &&
                (button.getAttribute("type") === "action" || OPENING_BUTTON.test(button.getAttribute("name")))
        );
    }

    /** The form of the main screen: its pages, then each button that opens another screen. */
    async function walkForm(where, reopen) {
        const root = mainView();
        if (!isForm(root)) {
            report(where, "no form was opened");
            return;
        }
        opened++;
        await walkPages(where, root);
        const names = [...new Set(openingButtons(root).map((button) => button.getAttribute("name")))];
        for (const name of names) {
            const button = mainView()?.querySelector(`.o_form_view button[name='${name}']`);
            if (!button) {
                continue;
            }
            const label = `${where} / button «${text(button, 60) || name}»`;
            console.log(`Screen walk: ${plan.role}: ${label}`);
            await run(label, () => button.click());
            opened++;
            if (openDialog()) {
                await walkPages(label, openDialog());
                await closeDialogs(label);
            }
            await reopen();
        }
        await discardForm(where, mainView());
    }

    /** The id of the first record the action shows, searched like the screen does. */
    async function firstRecordId(controller) {
        const props = controller.props || {};
        const model = props.resModel || controller.action.res_model;
        const domain = props.domain || controller.action.domain || [];
        const ids = await env.services.orm.search(model, Array.isArray(domain) ? domain : [], {
            limit: 1,
            context: props.context || controller.action.context || {},
        });
        return ids[0];
    }

    async function openRecord(where, item, viewType, viewTypes) {
        const root = mainView();
        let target = null;
        if (viewType === "list") {
            target = root?.querySelector(".o_data_row .o_data_cell:not(.o_list_record_selector):not(.o_list_button)");
        } else if (viewType === "kanban") {
            target = root?.querySelector(".o_kanban_record:not(.o_kanban_ghost)");
        }
        if (target) {
            await run(`${where} / open the first record`, () => target.click());
            if (isForm(mainView())) {
                const resId = action.currentController?.props?.resId || router.current.resId;
                await walkForm(`${where} / form`, async () => {
                    await run(`${where} / form again`, () =>
                        action.doAction(item.action_id, {
                            clearBreadcrumbs: true,
                            viewType: "form",
                            props: { resId },
                        })
                    );
                });
                return true;
            }
            // an editable list: the row is being edited, not opened
            const discard = mainView()?.querySelector(".o_list_button_discard");
            if (discard) {
                await run(`${where} / discard the row`, () => discard.click());
            }
            await closeDialogs(where);
        }
        if (!viewTypes.includes("form")) {
            return false;
        }
        const resId = await firstRecordId(action.currentController);
        if (!resId) {
            console.log(`Screen walk: ${plan.role}: ${where}: no record to open`);
            return false;
        }
        const reopen = () =>
            run(`${where} / form`, () =>
                action.doAction(item.action_id, { clearBreadcrumbs: true, viewType: "form", props: { resId } })
            );
        await reopen();
        await walkForm(`${where} / form`, reopen);
        return true;
    }

    async function openNew(where, item, viewType) {
        const root = mainView();
        const button = root?.querySelector(".o_list_button_add, .o-kanban-button-new");
        if (!button || viewType === "kanban") {
            return;
        }
        await run(`${where} / New`, () => button.click());
        opened++;
        const form = mainView();
        if (isForm(form)) {
            await walkPages(`${where} / New`, form);
            await discardForm(`${where} / New`, form);
        } else if (mainView()?.querySelector(".o_list_button_discard")) {
            await run(`${where} / discard the new row`, () =>
                mainView().querySelector(".o_list_button_discard").click()
            );
        }
        await closeDialogs(`${where} / New`);
    }

    /** Each filter and grouping of the search menu, switched on, then off again. */
    async function walkFilters(where) {
        const selector = ".o_filter_menu .o_menu_item:not(.o_add_custom_filter), .o_group_by_menu .o_menu_item";
        const menuItems = async () => {
            if (!document.querySelector(".o_filter_menu, .o_group_by_menu")) {
                const toggler = mainView()?.querySelector(".o_searchview_dropdown_toggler");
                if (!toggler) {
                    return [];
                }
                await run(`${where} / search menu`, () => toggler.click());
            }
            return [...document.querySelectorAll(selector)];
        };
        const count = (await menuItems()).length;
        for (let index = 0; index < count; index++) {
            // the filters add up (each one's domain is read with the others'); a grouping is
            // switched off again, or the next one would only group inside its groups
            let item = (await menuItems())[index];
            const isGroupBy = Boolean(item?.closest(".o_group_by_menu"));
            for (const state of isGroupBy ? ["on", "off"] : ["on"]) {
                item = (await menuItems())[index];
                if (!item) {
                    break;
                }
                await run(`${where} / ${isGroupBy ? "grouping" : "filter"} «${text(item, 60)}» ${state}`, () =>
                    item.click()
                );
            }
        }
        if (document.querySelector(".o_filter_menu, .o_group_by_menu")) {
            await run(`${where} / close the search menu`, () =>
                mainView()?.querySelector(".o_searchview_dropdown_toggler")?.click()
            );
        }
    }

    async function walkAction(item) {
        const where = item.menu;
        console.log(`Screen walk: ${plan.role}: ${where}`);
        await run(where, () => action.doAction(item.action_id, { clearBreadcrumbs: true }));
        opened++;
        if (openDialog()) {
            // a wizard (target "new"): its form and pages, then closed without saving
            await walkPages(where, openDialog());
            await closeDialogs(where);
            return;
        }
        const controller = action.currentController;
        if (!controller || controller.action.type !== "ir.actions.act_window") {
            return;
        }
        const viewTypes = controller.views.map((view) => view.type).filter((type) => type !== "search");
        if (viewTypes.length === 1 && viewTypes[0] === "form") {
            const reopen = () => run(`${where} / again`, () => action.doAction(item.action_id, { clearBreadcrumbs: true }));
            await walkForm(`${where} / form`, reopen);
            return;
        }
        let recordOpened = false;
        for (const viewType of viewTypes) {
            if (viewType === "form") {
                continue;
            }
            const here = `${where} / ${viewType}`;
            if (action.currentController?.view?.type !== viewType || action.currentController?.action.id !== controller.action.id) {
                await run(here, () => action.doAction(item.action_id, { clearBreadcrumbs: true, viewType }));
                opened++;
            }
            if (action.currentController?.view?.type !== viewType) {
                report(here, "the view did not open");
                continue;
            }
            if (!recordOpened && ["list", "kanban"].includes(viewType)) {
                await walkFilters(here);
                recordOpened = await openRecord(here, item, viewType, viewTypes);
                if (recordOpened) {
                    await run(here, () => action.doAction(item.action_id, { clearBreadcrumbs: true, viewType }));
                }
                await openNew(here, item, viewType);
            }
        }
    }

    for (const item of plan.actions) {
        await walkAction(item);
    }
    console.log(`Screen walk: ${plan.role}: ${plan.actions.length} actions, ${opened} screens`);
    if (problems.length) {
        console.error(`Screen walk of ${plan.role}: ${problems.length} problem(s)`);
    }
    // the test fails on every error written above; the signal ends the walk
    console.log("test successful");
}
