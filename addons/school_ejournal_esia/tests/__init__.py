from . import (
    test_feed_api,
    test_feed_key_paths,
    test_guardian_snils_kept,
    test_input_feed,
    test_login_log_schools,
    test_oidc_signin,
    test_oidc_units,
    test_probe_esia,
    test_probe_esia_routes,
    test_translations,
)
