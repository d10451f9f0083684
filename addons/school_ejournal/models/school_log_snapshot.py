"""The logged texts of the change log as their reader reads them (JOUR-7, REP-8, issue 13):
one reading of a snapshot «value=4; work_type_id=Oral answer» for the log's own «Change»
column (``school.journal.log.change_description``) and the mark change report of the reports
addon, so that both name a field and show its value alike.

A text is written by ``format_snapshot``: «key=value; key=value» while no value holds a ";",
else «json:» and a JSON object of the same keys and values, in their order, which reads back
exactly whatever a value holds (a topic «Дроби; comment=...»). The texts written before the
JSON form (``legacy_snapshot``) stay as they are: the hash chain signs the stored text."""

import json

# the prefix of a logged text in the JSON form: no text of the other form starts so, as each
# starts with a field's name and "="
JSON_PREFIX = "json:"


def _text(value):
    return "" if value is None else str(value)


def legacy_snapshot(pairs):
    """«key=value; key=value» of ``pairs`` ((key, value), ...), in their order."""
    return "; ".join(f"{key}={_text(value)}" for key, value in pairs)


def format_snapshot(pairs):
    """The change log's text of ``pairs`` ((key, value), ...), in their order: the
    «key=value; key=value» form, which no value's ";" can make ambiguous, or the JSON form."""
    pairs = [(key, _text(value)) for key, value in pairs]
    if any(";" in value for __, value in pairs):
        return JSON_PREFIX + json.dumps(dict(pairs), ensure_ascii=False)
    return legacy_snapshot(pairs)


def parse_json_snapshot(text):
    """{key: value} of a text in the JSON form, or None for a text of the other form."""
    if not text or not text.startswith(JSON_PREFIX):
        return None
    try:
        values = json.loads(text[len(JSON_PREFIX) :])
    except ValueError:
        return None
    if not isinstance(values, dict):
        return None
    return {str(key): _text(value) for key, value in values.items()}


def as_legacy(text):
    """The «key=value; key=value» form of a logged text: what the log held for the same
    values before the JSON form (the verification compares the older entries with it)."""
    values = parse_json_snapshot(text)
    return text if values is None else legacy_snapshot(values.items())


def snapshot_fields(entry, labels_cache, *texts):
    """[(label, [shown value in each of ``texts``])] of every field that any of ``texts``
    (snapshots logged by ``entry``) names, in their order: the field's label, selection value
    and yes/no in the reader's language (``labels_cache``: the selection labels of the
    computation, filled here); a name that is no field of the logged model stays as logged,
    and so do the names of records."""
    Model = entry.env.get(entry.model) if entry.model else None
    model_fields = Model._fields if Model is not None else {}
    snapshots = entry._parse_snapshots(texts, entry.model)
    rows = []
    for name in dict.fromkeys(name for snapshot in snapshots for name in snapshot):
        # a period mark logs its period as «period=...»: the field period_id
        field = model_fields.get(name) or model_fields.get(f"{name}_id")
        label = field._description_string(entry.env) if field is not None else name
        shown = [entry._display_value(field, snapshot.get(name, ""), labels_cache) for snapshot in snapshots]
        rows.append((label, shown))
    return rows
