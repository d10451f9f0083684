"""The logged texts of the change log as their reader reads them (JOUR-7, REP-8, issue 13):
one reading of a snapshot «value=4; work_type_id=Oral answer» for the log's own «Change»
column (``school.journal.log.change_description``) and the mark change report of the reports
addon, so that both name a field and show its value alike."""


def snapshot_fields(entry, labels_cache, *texts):
    """[(label, [shown value in each of ``texts``])] of every field that any of ``texts``
    (snapshots logged by ``entry``) names, in their order: the field's label, selection value
    and yes/no in the reader's language (``labels_cache``: the selection labels of the
    computation, filled here); a name that is no field of the logged model stays as logged,
    and so do the names of records."""
    Model = entry.env.get(entry.model) if entry.model else None
    model_fields = Model._fields if Model is not None else {}
    snapshots = [entry._parse_snapshot(text, entry.model) for text in texts]
    rows = []
    for name in dict.fromkeys(name for snapshot in snapshots for name in snapshot):
        # a period mark logs its period as «period=...»: the field period_id
        field = model_fields.get(name) or model_fields.get(f"{name}_id")
        label = field._description_string(entry.env) if field is not None else name
        shown = [entry._display_value(field, snapshot.get(name, ""), labels_cache) for snapshot in snapshots]
        rows.append((label, shown))
    return rows
