{
    "name": "School e-Journal: end-to-end tests",
    "summary": "Cross-addon and end-to-end tests; installed only by scripts/test.sh",
    "version": "18.0.1.0.0",
    "category": "Hidden/Tests",
    "author": "School e-Journal",
    "website": "https://github.com/school-ejournal/school-ejournal",
    "license": "LGPL-3",
    "depends": ["school_ejournal", "school_ejournal_reports", "school_ejournal_demo"],
    "data": [],
    "assets": {
        "web.assets_tests": [
            "school_ejournal_e2e/static/tests/**/*",
        ],
    },
    "installable": True,
}
