"""Accessible PDFs from Django templates (WeasyPrint, PDF/UA-1).

A document is an HTML template with `<html lang>`, a `<title>`, real headings, tables with
header cells and images with alt text; WeasyPrint lays it out with Pango and writes the
structure tags (the tree a screen reader follows), the language, the title shown by the
viewer (DisplayDocTitle) and the PDF/UA identification in the XMP metadata.

Nothing is fetched while rendering: the templates carry their style inline and their images
as `data:` URLs, and any other URL (one typed by a user into a name, say) is refused.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from weasyprint import HTML, default_url_fetcher

VARIANT = "pdf/ua-1"


class FetchRefused(ValueError):
    pass


def _data_urls_only(url: str, *args, **kwargs):
    if not url.startswith("data:"):
        raise FetchRefused(f"A PDF template fetched {url[:80]!r}; only data: URLs are allowed.")
    return default_url_fetcher(url, *args, **kwargs)


def html_document(html: str):
    """The laid-out document (its `pages` tell how long it is), not yet written."""
    return HTML(string=html, url_fetcher=_data_urls_only).render(pdf_variant=VARIANT)


def document_pdf(document) -> bytes:
    return document.write_pdf(pdf_variant=VARIANT)


def template_pdf(template: str, context: dict) -> bytes:
    """A template rendered as a tagged PDF, in the active language."""
    return document_pdf(html_document(render_to_string(template, context)))
