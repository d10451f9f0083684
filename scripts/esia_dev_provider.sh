#!/usr/bin/env bash
# Runs the test OpenID Connect provider of school_ejournal_esia next to the demo school, so
# that the demo parent signs in "through Госуслуги" on a machine without ЕСИА (issue 17).
#
# Records a SNILS for the demo parent (login `parent`), allows a provider "Test OpenID
# Connect provider (development)" of the demo database pointing to 127.0.0.1:OIDC_PORT and
# serves the provider there until Ctrl+C. It signs everyone in as that parent (no password
# asked: a development stand-in, never for production). Then, with scripts/demo.sh serving
# in another terminal, open http://127.0.0.1:ODOO_PORT/web/login (127.0.0.1, not localhost:
# the redirect URL must match) and press "Sign in with the test provider".
#
# Usage: scripts/esia_dev_provider.sh   (after scripts/demo.sh --no-serve)
# Environment: DEMO_DB (default school_demo), ODOO_PORT (8069), OIDC_PORT (8070).
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

setup_all
DB="${DEMO_DB:-school_demo}"
db_exists "$DB" || die "No database $DB: run scripts/demo.sh --no-serve first"
[ "$(db_query "SELECT state FROM ir_module_module WHERE name = 'school_ejournal_esia'")" = installed ] \
    || die "school_ejournal_esia is not installed in $DB: run scripts/demo.sh --no-serve first"
OIDC_PORT="${OIDC_PORT:-8070}"
log "Test OpenID Connect provider at http://127.0.0.1:$OIDC_PORT for $DB (Ctrl+C stops it)"
ODOO_URL="http://127.0.0.1:$ODOO_PORT" OIDC_PORT="$OIDC_PORT" \
    odoo_shell -d "$DB" --no-http --log-level=warn <<'EOF'
import os

from odoo.addons.school_ejournal_esia.tests.oidc_provider import OidcTestProvider

odoo_url, port = os.environ["ODOO_URL"], int(os.environ["OIDC_PORT"])
idp = OidcTestProvider(port=port)
idp.redirect_uri = f"{odoo_url}/auth_oidc/callback"
parent = env["res.users"].search([("login", "=", "parent")], limit=1)
if not parent:
    raise SystemExit("The demo database has no user 'parent'")
snils = "100-200-300 30"
parent.partner_id.school_snils = snils
name = "Test OpenID Connect provider (development)"
provider = env["auth.oauth.provider"].search([("name", "=", name)], limit=1) or env["auth.oauth.provider"].create(
    {"name": name, "body": "Sign in with the test provider", "auth_endpoint": "x", "validation_endpoint": "x"}
)
provider.write(
    {
        "enabled": True,
        "oidc_flow": "code_pkce",
        "client_id": idp.client_id,
        "oidc_client_secret": idp.client_secret,
        "auth_endpoint": f"{idp.base_url}/authorize",
        "oidc_token_endpoint": f"{idp.base_url}/token",
        "oidc_jwks_uri": f"{idp.base_url}/jwks",
        "oidc_issuer": idp.issuer,
        "validation_endpoint": f"{idp.base_url}/userinfo",
        "scope": "openid fullname snils",
    }
)
env.cr.commit()
idp.current_user = idp.add_user("dev-parent", snils, parent.name)
print(f"Provider ready; open {odoo_url}/web/login and sign in as {parent.name} ({parent.login}).", flush=True)
try:
    idp._httpd.serve_forever()
except KeyboardInterrupt:
    pass
EOF
