import { Component } from "@odoo/owl";
import { useService } from "@web/core/utils/hooks";
import { Layout } from "@web/search/layout";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";
import { ariaLabels } from "./aria_labels";

/**
 * The base of the addon's client actions (attendance of a day, period marks, control
 * dashboard): the control panel's layout, the action's props and the services they use.
 */
export class SchoolClientAction extends Component {
    static components = { Layout };
    static props = { ...standardActionServiceProps };

    setup() {
        this.aria = ariaLabels();
        this.orm = useService("orm");
        this.notification = useService("notification");
        this.action = useService("action");
    }
}
