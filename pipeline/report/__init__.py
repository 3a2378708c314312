"""The review report: report.html (charts, index) and a page per document under report/."""
