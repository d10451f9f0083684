from . import (
    auth_oauth_provider,
    res_partner,
    res_users,
    school_oidc_identity,
    school_oidc_login_log,
    school_feed,
)
