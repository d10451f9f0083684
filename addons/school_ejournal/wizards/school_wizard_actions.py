"""Actions the wizards of the School e-Journal addons return (issue 16, duplicates)."""


def reopen_action(wizard, name=None):
    """The window action that shows ``wizard`` again in its dialog, on the step its last
    button led to (a result, a key to copy); ``name`` titles the dialog."""
    action = {
        "type": "ir.actions.act_window",
        "res_model": wizard._name,
        "res_id": wizard.id,
        "view_mode": "form",
        "target": "new",
    }
    if name:
        action["name"] = name
    return action
