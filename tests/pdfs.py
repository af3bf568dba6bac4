"""Reading our PDFs back: the fonts every page can use, all of them embedded."""

from __future__ import annotations

from pypdf import PdfReader
from pypdf.generic import DictionaryObject


def assert_fonts_embedded(reader: PdfReader) -> None:
    """Every font of every page (and of the forms it draws) is an embedded TrueType font: no
    base-14 Helvetica that a printer would swap for something without our letters."""
    for page in reader.pages:
        fonts = list(fonts_used(page["/Resources"]))
        assert fonts
        for font in fonts:
            assert "/FontFile2" in font["/FontDescriptor"], font["/BaseFont"]
            assert "Helvetica" not in font["/BaseFont"]


def fonts_used(resources: DictionaryObject):
    """Every font a page or the forms it draws can use."""
    yield from (font.get_object() for font in resources.get("/Font", {}).values())
    for form in resources.get("/XObject", {}).values():
        form = form.get_object()
        if "/Resources" in form:
            yield from fonts_used(form["/Resources"].get_object())
