#!/usr/bin/env bash
# Refreshes the translations of the School e-Journal addons.
#
# 1. Installs (first run) or updates (later runs) the addons in a scratch database.
# 2. Exports each addon's template i18n/<addon>.pot with Odoo's own exporter.
# 3. Merges the template into i18n/ru.po: existing translations are kept, new msgids are
#    added with an empty msgstr, msgids gone from the code are dropped (and listed), no
#    fuzzy matching. Files are rewritten only when their entries change, so a re-run on
#    unchanged code leaves the working tree untouched.
# 4. Reports, per addon, how many msgids are still untranslated (the list goes to
#    .run/i18n-untranslated-<addon>.txt) and any placeholder mismatch.
#
# Usage: scripts/i18n.sh [--fresh] [--check] [--no-update] [--addons A,B]
#   --fresh      drop the scratch database first (after a broken update, or to be sure)
#   --check      exit 1 when an entry is untranslated, fuzzy or has mismatched placeholders
#   --no-update  do not install or update: export from the database as it is
#   --addons     only these addons (and their own scratch database), e.g. while another
#                addon does not load: --addons school_ejournal
# Environment: I18N_DB (scratch database, default ej_i18n, or ej_i18n_<addons> with --addons).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

FRESH=0
CHECK=0
UPDATE=1
ONLY=""
while [ $# -gt 0 ]; do
    case "$1" in
        --fresh) FRESH=1; shift ;;
        --addons) ONLY="$2"; shift 2 ;;
        --check) CHECK=1; shift ;;
        --no-update) UPDATE=0; shift ;;
        -h|--help) sed -n '2,20p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) die "Unknown argument: $1" ;;
    esac
done

# addon name and its folder; the end-to-end test addon gets a ru.po only if it has strings
ADDONS=(
    "school_ejournal:$ROOT/addons/school_ejournal"
    "school_ejournal_reports:$ROOT/addons/school_ejournal_reports"
    "school_ejournal_esia:$ROOT/addons/school_ejournal_esia"
    "school_ejournal_demo:$ROOT/addons/school_ejournal_demo"
    "school_ejournal_e2e:$ROOT/tests/school_ejournal_e2e"
)
if [ -n "$ONLY" ]; then
    selected=()
    for item in "${ADDONS[@]}"; do
        [[ ",$ONLY," == *",${item%%:*},"* ]] && selected+=("$item")
    done
    [ ${#selected[@]} -gt 0 ] || die "--addons $ONLY: no such addon"
    ADDONS=("${selected[@]}")
    DB="${I18N_DB:-ej_i18n_${ONLY//,/_}}"
else
    DB="${I18N_DB:-ej_i18n}"
fi

setup_all
ADDONS_PATH="$(grep '^addons_path' "$ODOO_CONF" | cut -d= -f2- | tr -d ' '),$ROOT/tests"
EXPORT_DIR="$RUN_DIR/i18n"
mkdir -p "$EXPORT_DIR"
is_root && chown "$RUN_USER" "$EXPORT_DIR"

names=()
for item in "${ADDONS[@]}"; do names+=("${item%%:*}"); done
all_names="$(IFS=,; echo "${names[*]}")"

if [ "$FRESH" = 1 ]; then
    log "Dropping the scratch database $DB"
    drop_db "$DB"
fi

if [ "$UPDATE" = 1 ]; then
    installed=""
    if db_exists "$DB"; then
        installed="$(as_service psql -h "$PGSOCK" -p "$PGPORT_EJ" -d "$DB" -tAc \
            "SELECT string_agg(name, ',' ORDER BY name) FROM ir_module_module
             WHERE state = 'installed' AND name = ANY(string_to_array('$all_names', ','))" 2>/dev/null || true)"
    fi
    to_install=()
    to_update=()
    for name in "${names[@]}"; do
        if [[ ",$installed," == *",$name,"* ]]; then to_update+=("$name"); else to_install+=("$name"); fi
    done
    args=()
    [ ${#to_install[@]} -gt 0 ] && args+=(-i "$(IFS=,; echo "${to_install[*]}")")
    [ ${#to_update[@]} -gt 0 ] && args+=(-u "$(IFS=,; echo "${to_update[*]}")")
    log "Database $DB: ${to_install[*]:+install ${to_install[*]} }${to_update[*]:+update ${to_update[*]}}"
    log "(full log: .run/i18n-$DB.log)"
    if ! odoo_bin -d "$DB" --addons-path="$ADDONS_PATH" "${args[@]}" --without-demo=all \
            --stop-after-init --http-port="$(free_port 18169)" >"$RUN_DIR/i18n-$DB.log" 2>&1 \
        || grep -qE ' (ERROR|CRITICAL) ' "$RUN_DIR/i18n-$DB.log"; then
        grep -E ' (ERROR|CRITICAL) ' -A15 "$RUN_DIR/i18n-$DB.log" | head -40 >&2 || true
        die "Installing or updating the addons in $DB failed: see .run/i18n-$DB.log (try --fresh)"
    fi
fi
db_exists "$DB" || die "No database $DB: run without --no-update"

for item in "${ADDONS[@]}"; do
    name="${item%%:*}"
    out="$EXPORT_DIR/$name.pot"
    rm -f "$out"
    log "Exporting the template of $name"
    odoo_bin -d "$DB" --addons-path="$ADDONS_PATH" --i18n-export="$out" --modules="$name" \
        --stop-after-init >>"$RUN_DIR/i18n-$DB.log" 2>&1 \
        || die "Export of $name failed: see .run/i18n-$DB.log"
    [ -s "$out" ] || die "Export of $name wrote nothing: see .run/i18n-$DB.log"
done

# Merge in Python with polib (shipped in .venv by requirements.txt), so that no gettext
# tools are needed. Runs as the invoking user: the addons belong to the developer.
set +e
"$VENV/bin/python" - "$EXPORT_DIR" "$RUN_DIR" "$CHECK" "${ADDONS[@]}" <<'PYEOF'
import re
import sys
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path

import polib

export_dir, run_dir, check = Path(sys.argv[1]), Path(sys.argv[2]), sys.argv[3] == "1"
addons = [a.split(":", 1) for a in sys.argv[4:]]

PLURAL_FORMS = (
    "nplurals=3; plural=(n%10==1 && n%100!=11 ? 0 : n%10>=2 && n%10<=4 && "
    "(n%100<10 || n%100>=20) ? 1 : 2);"
)
PLACEHOLDER = re.compile(
    r"%\([A-Za-z_]\w*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]"  # %(name)s
    r"|%[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]"  # %s %d %.2f
    r"|\{\{.*?\}\}"  # {{ expression }}
    r"|\{[A-Za-z_][\w.]*\}|\{\d*\}"  # {name} {0} {}
)
DATE_KEYS = ("POT-Creation-Date", "PO-Revision-Date")


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def key(entry):
    return (entry.msgctxt or "", entry.msgid)


def signature(po):
    """What matters in a file: its entries and its header, not the dates."""
    meta = {k: v for k, v in po.metadata.items() if k not in DATE_KEYS}
    entries = [
        (e.msgctxt, e.msgid, e.msgstr, tuple(e.occurrences), e.comment, e.tcomment,
         tuple(sorted(e.flags)), e.obsolete)
        for e in po
    ]
    return (po.header, sorted(meta.items()), entries)


def now():
    return datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M+0000")


def render(po):
    """The file's text, with every translated msgstr starting on its own line.

    Standard PO output opens a long or multi-line string with an empty ``msgstr ""`` and
    continues on the next lines; a translated msgstr is written as ``msgstr "first part"``
    followed by its continuations instead (same meaning for every PO reader), so that an
    empty ``msgstr ""`` line always means a missing translation.
    """
    lines = str(po).split("\n")
    out = []
    header = True  # the header entry keeps its usual layout
    i = 0
    while i < len(lines):
        line = lines[i]
        if line == 'msgstr ""' and i + 1 < len(lines) and lines[i + 1].startswith('"') and not header:
            out.append("msgstr " + lines[i + 1])
            i += 2
            continue
        if line.startswith("msgstr "):
            header = False
        out.append(line)
        i += 1
    text = "\n".join(out)
    return text if text.endswith("\n") else text + "\n"


failed = False
total_untranslated = 0
for name, folder in addons:
    exported = polib.pofile(str(export_dir / f"{name}.pot"), wrapwidth=78)
    i18n = Path(folder) / "i18n"
    pot_path, po_path = i18n / f"{name}.pot", i18n / "ru.po"
    if not len(exported) and not po_path.exists():
        print(f"{name}: no translatable strings, no i18n files")
        continue
    i18n.mkdir(exist_ok=True)

    # the template: rewritten only when its entries change (Odoo stamps a new date each time)
    old_pot = polib.pofile(str(pot_path), wrapwidth=78) if pot_path.exists() else None
    if old_pot is None or signature(old_pot) != signature(exported):
        exported.save(str(pot_path))
        print(f"{name}: {pot_path.relative_to(Path(folder).parent.parent)} updated")

    # the Russian translation: keep what is translated, add the new, drop the gone
    old = polib.pofile(str(po_path), wrapwidth=78) if po_path.exists() else None
    translations = {key(e): e for e in old or [] if not e.obsolete and e.msgstr}
    merged = polib.POFile(wrapwidth=78)
    merged.header = exported.header
    merged.metadata = dict(old.metadata) if old is not None else dict(exported.metadata)
    merged.metadata.update(
        {
            "Project-Id-Version": exported.metadata.get("Project-Id-Version", "Odoo Server 18.0"),
            "POT-Creation-Date": exported.metadata.get("POT-Creation-Date", now()),
            "Language": "ru_RU",
            "Language-Team": merged.metadata.get("Language-Team") or "Russian",
            "MIME-Version": "1.0",
            "Content-Type": "text/plain; charset=UTF-8",
            "Content-Transfer-Encoding": "8bit",
            "Plural-Forms": PLURAL_FORMS,
        }
    )
    merged.metadata.setdefault("PO-Revision-Date", now())
    for entry in exported:
        previous = translations.get(key(entry))
        merged.append(
            polib.POEntry(
                msgctxt=entry.msgctxt,
                msgid=entry.msgid,
                msgstr=previous.msgstr if previous else "",
                occurrences=entry.occurrences,
                comment=entry.comment,
                tcomment=previous.tcomment if previous else entry.tcomment,
                flags=[f for f in entry.flags if f != "fuzzy"],
            )
        )
    live = {key(e) for e in exported}
    dropped = [k for k in translations if k not in live]
    if old is None or signature(old) != signature(merged):
        merged.metadata["PO-Revision-Date"] = now()
    elif old is not None:
        merged.metadata["PO-Revision-Date"] = old.metadata.get("PO-Revision-Date", now())
        merged.metadata["POT-Creation-Date"] = old.metadata.get("POT-Creation-Date", now())
    text = render(merged)
    if not po_path.exists() or po_path.read_text(encoding="utf-8") != text:
        po_path.write_text(text, encoding="utf-8")
        print(f"{name}: {po_path.relative_to(Path(folder).parent.parent)} updated")
    for k in dropped:
        print(f"{name}: dropped the translation of a msgid no longer in the code: {k[1][:70]!r}")

    untranslated = [e for e in merged if not e.msgstr]
    fuzzy = [e for e in merged if "fuzzy" in e.flags]
    mismatched = [
        e for e in merged if e.msgstr and placeholders(e.msgid) != placeholders(e.msgstr)
    ]
    report = run_dir / f"i18n-untranslated-{name}.txt"
    report.write_text("".join(f"{e.msgid}\n---\n" for e in untranslated), encoding="utf-8")
    print(
        f"{name}: {len(merged)} msgids, {len(untranslated)} untranslated, {len(fuzzy)} fuzzy, "
        f"{len(mismatched)} with mismatched placeholders"
    )
    for e in untranslated[:10]:
        print(f"    untranslated: {e.msgid[:90]!r}")
    if len(untranslated) > 10:
        print(f"    ... and {len(untranslated) - 10} more, listed in {report}")
    for e in mismatched:
        print(f"    placeholders differ: {e.msgid[:60]!r} -> {e.msgstr[:60]!r}")
    total_untranslated += len(untranslated)
    failed |= bool(untranslated or fuzzy or mismatched)

print(f"untranslated: {total_untranslated}")
sys.exit(1 if check and failed else 0)
PYEOF
rc=$?
set -e
[ "$rc" -eq 0 ] || die "Translations incomplete (--check)"
