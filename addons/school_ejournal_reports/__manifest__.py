{
    "name": "School e-Journal: Reports and Archive",
    "summary": "Official printed forms (PDF, XLSX) and the tamper-evident archive register",
    "version": "18.0.1.0.0",
    "category": "Education",
    "author": "School e-Journal",
    "website": "https://github.com/school-ejournal/school-ejournal",
    "license": "LGPL-3",
    "development_status": "Beta",
    "depends": ["school_ejournal", "web"],
    "external_dependencies": {"python": ["openpyxl", "xlsxwriter"]},
    "data": [],
    "installable": True,
}
