{
    "name": "School e-Journal: Demo School",
    "summary": "A realistic demo school (structure, staff, a term of journal) for trials and benchmarks",
    "version": "18.0.1.0.0",
    "category": "Education",
    "author": "School e-Journal",
    "website": "https://github.com/school-ejournal/school-ejournal",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["school_ejournal", "school_ejournal_reports"],
    "data": [
        "security/ir.model.access.csv",
        "security/school_ejournal_demo_rules.xml",
        "wizards/school_demo_wizard_views.xml",
        "views/menus.xml",
    ],
    "installable": True,
}
