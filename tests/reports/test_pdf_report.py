"""report.pdf: the HTML report printed by WeasyPrint, A4, page numbers, provenance."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

import chatscan
from chatscan.core.errors import ChatscanError
from chatscan.reports import ReportOptions, render

pypdf = pytest.importorskip("pypdf")
pytest.importorskip("weasyprint")

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_chat.txt"
OPTIONS = ReportOptions(tool_version="9.8.7-test", generated_at="2024-01-02T03:04:05Z")
A4 = (595.28, 841.89)  # points


def squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


@pytest.fixture(scope="module", params=["auto", "paragraphs"])
def rendered(request: pytest.FixtureRequest) -> tuple[chatscan.Result, bytes]:
    """The sample, rendered once per mode for the whole module (rendering is slow)."""
    result = chatscan.scan_file(SAMPLE, chatscan.ScanOptions(format=request.param))
    return result, render("pdf", result, OPTIONS)


def test_pdf_is_a4_with_provenance_events_and_page_numbers(
    rendered: tuple[chatscan.Result, bytes],
) -> None:
    result, data = rendered
    assert data.startswith(b"%PDF")
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = len(reader.pages)
    assert pages > 1
    box = reader.pages[0].mediabox
    assert (round(float(box.width), 1), round(float(box.height), 1)) == (595.3, 841.9)
    texts = [page.extract_text() for page in reader.pages]
    assert f"page 1 of {pages}" in texts[0]
    assert all(f"page {n} of {pages}" in text for n, text in enumerate(texts, 1))
    everything = squeezed("".join(texts))
    assert result.source.sha256 in everything
    assert result.pack.sha256 in everything
    assert "9.8.7-test" in everything and "2024-01-02T03:04:05Z" in everything
    assert squeezed("You made me so scared last night.") in everything
    assert squeezed("Patterns in language, not findings of fact") in everything
    # the footer of every page names the source by its hash
    assert all(result.source.sha256 in squeezed(text) for text in texts)


def test_without_weasyprint_the_error_says_how_to_install(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "weasyprint", None)  # import fails
    result = chatscan.scan_file(SAMPLE)
    with pytest.raises(ChatscanError) as caught:
        render("pdf", result, OPTIONS)
    assert caught.value.message == "PDF reports need WeasyPrint: pip install 'chatscan[pdf]'"
