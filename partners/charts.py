"""Dashboard figures: published rows turned into bar charts (server-side, no chart script)."""

from __future__ import annotations

from django.utils.formats import date_format
from django.utils.translation import gettext as _

from partners.disclosure import NO_FIGURE
from partners.reports_pdf import table_titles
from partners.selectors import GROUPINGS, MEAN_TABLES, departments_reached, table_as_dict
from partners.wording import MARKS, report_notes, withheld_label


def _percent(value: float | None) -> str:
    return NO_FIGURE if value is None else f"{value * 100:.0f}%"


def _hidden(row: dict, names: tuple[str, ...]) -> str | None:
    for name in names:
        reason = row.get("withheld", {}).get(name)
        if reason:
            return f"{withheld_label()} ({MARKS.get(reason, '?')})"
    return None


def _bars(rows: list[dict], *, value: str, scale: float, text, hides) -> list[dict]:
    bars = []
    for row in rows:
        figure = row.get(value)
        hidden = _hidden(row, hides)
        if figure is None:
            bars.append({"label": row["label"], "text": hidden or NO_FIGURE, "percent": None})
            continue
        share = max(0.0, min(1.0, float(figure) / scale)) if scale else 0.0
        bars.append({"label": row["label"], "text": text(figure), "percent": round(share * 100, 1)})
    return bars


def _chart(slug: str, title: str, summary: str, bars: list[dict]) -> dict:
    return {"id": f"chart-{slug}", "title": title, "summary": summary, "bars": bars}


def _rate_chart(table: dict, slug: str, title: str) -> dict:
    summary = _("Share of enrollments completed; “%(withheld)s” marks a withheld figure.") % {
        "withheld": withheld_label()
    }
    bars = _bars(
        table["rows"],
        value="completion_rate",
        scale=1.0,
        text=_percent,
        hides=("completed", "enrolled"),
    )
    return _chart(slug, title, summary, bars)


def period_headings(*, report) -> dict:
    """The two column groups of every count table: "To <end>" and "In <month>"."""
    if report is None:
        return {"show_period": False}
    return {
        "show_period": report.change_since is not None,
        "period_month": date_format(report.period_end, "YEAR_MONTH_FORMAT"),
        "to_date_heading": _("To date (through %(end)s)")
        % {"end": date_format(report.period_end, "DATE_FORMAT")},
        "period_heading": _("In %(month)s")
        % {"month": date_format(report.period_end, "YEAR_MONTH_FORMAT")},
    }


def _in_period(report, table: dict) -> dict | None:
    """The report month's row of the trainers by month of certification: those certified in
    the period (a month without a certification has no row: zero)."""
    if report is None:
        return None
    key = report.period_end.strftime("%Y-%m")
    found = next((row for row in table["rows"] if row["key"] == key), None)
    return found or {"key": key, "officers": 0, "enrolled": 0, "withheld": {}, "ranges": {}}


def dashboard_figures(*, report, k: int) -> dict:
    """Everything the dashboard shows, all from the report's ledger rows."""
    titles = table_titles()
    tables = {name: table_as_dict(report=report, name=name) for name in GROUPINGS}
    for name, table in tables.items():
        table["title"] = titles[name]
    gain, rating = (table_as_dict(report=report, name=name) for name in MEAN_TABLES)
    gain["title"], rating["title"] = titles["gain"], titles["rating"]
    largest_gain = max(
        [abs(row["mean_gain"]) for row in gain["rows"] if row.get("mean_gain") is not None] or [0]
    )
    charts = [
        _rate_chart(tables["curriculum"], "curriculum", titles["curriculum"]),
        _rate_chart(tables["state"], "state", titles["state"]),
        _rate_chart(tables["quarter"], "quarter", titles["quarter"]),
        _chart(
            "gain",
            titles["gain"],
            _(
                "Mean post-test minus pre-test score, in points; withheld over 1 to %(top)s "
                "matched pairs."
            )
            % {"top": k - 1},
            _bars(
                gain["rows"],
                value="mean_gain",
                scale=max(largest_gain, 1.0),
                text=lambda value: f"{value:+.1f}",
                hides=("pairs",),
            ),
        ),
        _chart(
            "rating",
            titles["rating"],
            _("Mean rating out of 5; withheld over 1 to %(top)s ratings.") % {"top": k - 1},
            _bars(
                rating["rows"],
                value="mean_rating",
                scale=5.0,
                text=lambda value: f"{value:.1f}",
                hides=("ratings",),
            ),
        ),
    ]
    return {
        **period_headings(report=report),
        "notes": [text for _key, text in report_notes(report=report)] if report else [],
        "trainers_in_period": _in_period(report, tables["trainer_month"]),
        "tables": tables,
        "gain": gain,
        "rating": rating,
        "charts": charts,
        "totals": tables["department"]["totals"],
        "departments_reached": departments_reached(report=report),
    }
