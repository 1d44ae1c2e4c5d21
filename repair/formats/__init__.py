"""One date format per language on every page, email and PDF (Django's own formats mix "Nov. 29,
2026", "11/29/2026" and "Sept. 14, 2026"). SHORT_DATE_FORMAT is the same as DATE_FORMAT;
MONTH_DAY_FORMAT is the same without the year, for chart axes."""
