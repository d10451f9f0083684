#!/usr/bin/env bash
# Runs the linters of School e-Journal (.pre-commit-config.yaml) over the repository.
#
# Installs what is missing first: requirements-dev.txt into .venv (ruff, pylint-odoo,
# pre-commit, pre-commit-hooks) and prettier with its XML plugin into .run/node.
# Lints every file git knows or would add (tracked and untracked, not ignored), and never
# stashes anything: pre-commit runs on an explicit file list.
#
# Usage: scripts/lint.sh [--fix] [FILE...]
#   --fix   run the fixers first (whitespace, ruff --fix, ruff format, prettier --write):
#           they rewrite files, so mind files other people are editing
#   FILE    lint only these files (default: the whole repository)
# Helpers called by hooks: --check-po FILE..., --check-readme
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"
NODE_DIR="$ROOT/.run/node"
PRETTIER_VERSION="3.3.3"
PRETTIER_XML_VERSION="3.4.1"

log() { printf '\033[1;34m[lint]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[lint] %s\033[0m\n' "$*" >&2; exit 1; }

# --- helpers used as pre-commit hooks ------------------------------------------------
check_po() {
    "$VENV/bin/python" - "$@" <<'PYEOF'
import re
import sys
from collections import Counter

import polib

PLACEHOLDER = re.compile(
    r"%\([A-Za-z_]\w*\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]"
    r"|%[#0 +-]*\d*(?:\.\d+)?[sdifrxXeEgGc]"
    r"|\{\{.*?\}\}"
    r"|\{[A-Za-z_][\w.]*\}|\{\d*\}"
)


def placeholders(text):
    return Counter(PLACEHOLDER.findall(text.replace("%%", "")))


def edges(text):
    return text[: len(text) - len(text.lstrip())], text[len(text.rstrip()) :]


bad = 0
for path in sys.argv[1:]:
    try:
        po = polib.pofile(path)
    except (OSError, ValueError) as error:
        print(f"{path}: cannot be parsed: {error}")
        bad += 1
        continue
    seen = Counter((e.msgctxt, e.msgid) for e in po if not e.obsolete)
    for (_ctx, msgid), count in seen.items():
        if count > 1:
            print(f"{path}: msgid defined {count} times: {msgid[:70]!r}")
            bad += 1
    if path.endswith(".pot"):
        continue
    if po.metadata.get("Language") in (None, ""):
        print(f"{path}: the header has no Language")
        bad += 1
    for entry in po:
        if entry.obsolete:
            continue
        where = f"{path}:{entry.linenum}"
        if "fuzzy" in entry.flags:
            print(f"{where}: fuzzy entry {entry.msgid[:70]!r}")
            bad += 1
        if entry.msgstr and placeholders(entry.msgid) != placeholders(entry.msgstr):
            print(f"{where}: placeholders differ between msgid and msgstr: {entry.msgid[:70]!r}")
            bad += 1
        if entry.msgstr and edges(entry.msgid) != edges(entry.msgstr):
            print(f"{where}: leading or trailing blanks differ: {entry.msgid[:70]!r}")
            bad += 1
sys.exit(1 if bad else 0)
PYEOF
}

check_readme() {
    local rc=0 addon fragment
    for addon in "$ROOT"/addons/*/; do
        [ -f "$addon/__manifest__.py" ] || continue
        for fragment in DESCRIPTION.md USAGE.md CONFIGURE.md CONTRIBUTORS.md; do
            if [ ! -s "$addon/readme/$fragment" ]; then
                echo "${addon#"$ROOT"/}readme/$fragment: missing (OCA readme fragment)"
                rc=1
            fi
        done
    done
    return $rc
}

case "${1:-}" in
    --check-po) shift; check_po "$@"; exit ;;
    --check-readme) check_readme; exit ;;
esac

# --- the tools --------------------------------------------------------------------------
FIX=0
FILES=()
while [ $# -gt 0 ]; do
    case "$1" in
        --fix) FIX=1; shift ;;
        -h|--help) sed -n '2,14p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        -*) die "Unknown argument: $1" ;;
        *) FILES+=("$1"); shift ;;
    esac
done

cd "$ROOT"
[ -x "$VENV/bin/python" ] || die "No .venv: run scripts/test.sh (or scripts/lib.sh's setup_all) once first"

stamp="$VENV/.requirements-dev.sha256"
want="$(sha256sum requirements-dev.txt | cut -d' ' -f1)"
if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || [ ! -x "$VENV/bin/pre-commit" ]; then
    log "Installing requirements-dev.txt into .venv"
    "$VENV/bin/pip" install -q --disable-pip-version-check -r requirements-dev.txt 2>&1 \
        | { grep -v '^WARNING: Location' || true; }
    [ "${PIPESTATUS[0]}" -eq 0 ] || die "pip could not install requirements-dev.txt"
    echo "$want" > "$stamp"
fi

if [ ! -x "$NODE_DIR/node_modules/.bin/prettier" ] \
    || ! grep -q "\"version\": \"$PRETTIER_VERSION\"" "$NODE_DIR/node_modules/prettier/package.json" 2>/dev/null; then
    command -v npm >/dev/null || die "npm is needed for prettier: apt-get install nodejs npm"
    log "Installing prettier $PRETTIER_VERSION and @prettier/plugin-xml $PRETTIER_XML_VERSION into .run/node"
    mkdir -p "$NODE_DIR"
    [ -f "$NODE_DIR/package.json" ] || echo '{"name": "ejournal-lint", "private": true}' > "$NODE_DIR/package.json"
    npm install --prefix "$NODE_DIR" --no-audit --no-fund --silent \
        "prettier@$PRETTIER_VERSION" "@prettier/plugin-xml@$PRETTIER_XML_VERSION" >/dev/null
fi

if [ ${#FILES[@]} -eq 0 ]; then
    # tracked and new files, as `git add -A` would take them; never .venv or .run
    mapfile -t FILES < <(git ls-files --cached --others --exclude-standard | while read -r f; do
        [ -e "$f" ] && echo "$f"
    done)
fi
[ ${#FILES[@]} -gt 0 ] || die "Nothing to lint"

export PRE_COMMIT_HOME="${PRE_COMMIT_HOME:-$ROOT/.run/pre-commit}"
export PATH="$VENV/bin:$PATH"
rc=0
if [ "$FIX" = 1 ]; then
    log "Running the fixers (manual stage) on ${#FILES[@]} files"
    pre-commit run --hook-stage manual --files "${FILES[@]}" || rc=$?
else
    log "Running the checks on ${#FILES[@]} files"
    pre-commit run --files "${FILES[@]}" || rc=$?
fi
[ "$rc" -eq 0 ] && log "All checks passed" || log "Some checks failed (exit $rc)"
exit "$rc"
