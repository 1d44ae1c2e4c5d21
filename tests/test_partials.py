"""The shared partials (templates/partials/, issue 20 row 21): a data table's columns and its
empty states, and a figure card."""

from __future__ import annotations

from django.template import Context, Template


def _render(source: str, **context) -> str:
    return Template("{% load tables %}" + source).render(Context(context))


def test_columns_drop_an_absent_column_flatten_a_list_and_mark_numeric_ones():
    source = (
        '{% columns "Officer" states "" action num="2+" as columns %}'
        "{% for c in columns %}{{ c.label }}:{{ c.num|yesno:'n,t' }} {% endfor %}"
    )

    assert _render(source, states={"a": "Due", "b": "Late"}.values()) == "Officer:t Due:n Late:n "


def test_a_table_without_rows_says_so_in_a_paragraph_or_in_its_one_row():
    paragraph = _render(
        '{% columns "A" "B" as columns %}{% include "partials/data_table.html" with label="T" '
        'rows=rows empty="Nothing yet." %}',
        rows=[],
    )
    in_table = _render(
        '{% columns "A" "B" as columns %}{% include "partials/data_table.html" with label="T" '
        'rows=rows empty_row="Nothing yet." %}',
        rows=[],
    )

    assert paragraph == "<p>Nothing yet.</p>\n"
    assert '<td colspan="2">Nothing yet.</td>' in in_table
    assert 'role="region" aria-label="T" tabindex="0"' in in_table


def test_a_figure_card_names_its_figure():
    html = _render(
        '{% include "partials/figure_card.html" with tag="li" name="enrolled" value=141 '
        'label="enrollments" %}'
    )

    assert html.startswith(
        '<li class="card"><span class="stat" data-figure="enrolled">141</span> '
        '<span class="stat-label">enrollments</span></li>'
    )


def test_a_caption_is_for_screen_readers_unless_shown():
    source = (
        '{% columns "A" as columns %}{% include "partials/data_table.html" with label="T" '
        'caption="Scores" caption_shown=shown rows=rows row_template="partials/figure_card.html" %}'
    )

    assert '<caption class="visually-hidden">Scores</caption>' in _render(source, rows=[1])
    assert "<caption>Scores</caption>" in _render(source, rows=[1], shown=True)
