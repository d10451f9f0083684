from . import test_feed_api, test_oidc_signin, test_oidc_units, test_translations
