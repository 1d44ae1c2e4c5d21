"""Lesson Markdown to safe HTML: rendered by Python-Markdown, then sanitized by nh3.

Authors are program staff, but a lesson body is still treated as untrusted: no scripts, no
inline styles or event handlers, links get rel="noopener noreferrer" (external ones open as
written, never in a new window without telling the reader).
"""

from __future__ import annotations

import markdown as md
import nh3
from django.utils.safestring import SafeString, mark_safe

ALLOWED_TAGS = {
    "a", "abbr", "blockquote", "br", "code", "dd", "del", "dl", "dt", "em", "h2", "h3", "h4",
    "h5", "h6", "hr", "li", "ol", "p", "pre", "strong", "sub", "sup", "table", "tbody", "td",
    "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "abbr": {"title"},
    "th": {"scope", "colspan", "rowspan"},
    "td": {"colspan", "rowspan"},
    "ol": {"start"},
}
# The page's own <h1> is the lesson title; a body's headings start one level below it.
_HEADING_SHIFT = [(f"<h{n}>", f"</h{n}>", f"<h{n + 1}>", f"</h{n + 1}>") for n in (5, 4, 3, 2, 1)]


def render_markdown(text: str) -> SafeString:
    """Markdown to sanitized HTML, safe to insert into a template."""
    html = md.markdown(text or "", extensions=["extra", "sane_lists"], output_format="html")
    if "<h1>" in html:
        for open_old, close_old, open_new, close_new in _HEADING_SHIFT:
            html = html.replace(open_old, open_new).replace(close_old, close_new)
    cleaned = nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer",
    )
    # Safe: nh3 has just removed everything outside the allow-lists above.
    return mark_safe(cleaned)
