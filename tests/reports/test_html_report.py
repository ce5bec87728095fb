"""report.html: provenance on the cover, highlighted matches, hostile text made inert."""

from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import chatscan
from chatscan.core.result import Result
from chatscan.core.rules import load_pack
from chatscan.reports import ReportOptions, render
from chatscan.reports.html_report import escape_text, highlight

SAMPLE = Path(__file__).resolve().parents[2] / "examples" / "sample_chat.txt"
OPTIONS = ReportOptions(tool_version="9.8.7-test", generated_at="2024-01-02T03:04:05Z")
HOSTILE = "<script>alert(1)</script><img src=x onerror=alert(1)>"
VOID = {"br", "wbr", "meta", "col", "img", "hr", "input", "link", "source"}


def telegram(path: Path, messages: list[tuple[str, str]]) -> Path:
    items = [
        {"id": n, "type": "message", "date": "2021-03-04T10:11:12",
         "date_unixtime": str(1614852672 + 86400 * 20 * n), "from": who, "text": text}
        for n, (who, text) in enumerate(messages)
    ]  # fmt: skip
    path.write_text(json.dumps({"name": "Chat", "type": "personal_chat", "id": 1,
                                "messages": items}), encoding="utf-8")  # fmt: skip
    return path


class Page(HTMLParser):
    """Collects what the tests look at: tags and attributes, the text and the <mark>s
    of each event row, and whether every element that is opened is closed in order."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.unbalanced: list[str] = []
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.event: int | None = None
        self.in_text = False
        self.in_mark = False
        self.texts: dict[int, str] = {}
        self.marks: dict[int, list[str]] = {}
        self.data: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        self.tags.append((tag, attributes))
        if tag not in VOID:
            self.stack.append(tag)
        if tag == "tr" and (attributes.get("id") or "").startswith("e"):
            self.event = int(attributes["id"][1:])  # type: ignore[index]
            self.texts[self.event] = ""
            self.marks[self.event] = []
        elif tag == "td" and self.event is not None and attributes.get("class") == "text":
            self.in_text = True
        elif tag == "mark" and self.in_text:
            self.in_mark = True
            self.marks[self.event].append("")  # type: ignore[index]

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        if not self.stack or self.stack[-1] != tag:
            self.unbalanced.append(f"</{tag}> with {self.stack[-3:]} open")
            return
        self.stack.pop()
        if tag == "mark":
            self.in_mark = False
        elif tag == "td":
            self.in_text = False
        elif tag == "tr":
            self.event = None

    def handle_data(self, data: str) -> None:
        self.data.append(data)
        if self.in_text and self.event is not None:
            self.texts[self.event] += data
            if self.in_mark:
                self.marks[self.event][-1] += data


def parse(page: bytes) -> Page:
    parser = Page()
    parser.feed(page.decode("utf-8"))
    parser.close()
    return parser


def merged(text: str, spans: list[tuple[int, int]]) -> list[str]:
    """The words a reader should see marked: overlapping or touching spans as one."""
    out: list[list[int]] = []
    for start, end in sorted(spans):
        if out and start <= out[-1][1]:
            out[-1][1] = max(out[-1][1], end)
        else:
            out.append([start, end])
    return [text[start:end] for start, end in out]


@pytest.fixture(scope="module")
def message_result() -> Result:
    return chatscan.scan_file(SAMPLE)


@pytest.fixture(scope="module")
def paragraph_result() -> Result:
    return chatscan.scan_file(SAMPLE, chatscan.ScanOptions(format="paragraphs"))


@pytest.mark.parametrize("mode", ["messages", "paragraphs"])
def test_every_event_shows_its_text_with_exactly_the_matched_words_marked(
    mode: str, message_result: Result, paragraph_result: Result
) -> None:
    result = message_result if mode == "messages" else paragraph_result
    assert result.mode == mode and result.events
    page = parse(render("html", result, OPTIONS))
    assert page.unbalanced == [] and page.stack == []
    assert sorted(page.texts) == [event.index for event in result.events]
    for event in result.events:
        text = event.message.text
        assert page.texts[event.index] == text
        expected = merged(text, [(hit.start, hit.end) for hit in event.hits])
        assert page.marks[event.index] == expected, event.index


def test_the_cover_names_source_rules_tool_and_time(message_result: Result) -> None:
    page = render("html", message_result, OPTIONS).decode("utf-8")
    cover = page[page.index('<header class="cover"') : page.index("</header>")]
    for value in (
        message_result.source.sha256,
        message_result.source.name,
        message_result.pack.sha256,
        message_result.pack.name,
        message_result.pack.version,
        "9.8.7-test",
        "2024-01-02T03:04:05Z",
        "1,265 bytes",
        "transcript",
    ):
        assert value in cover, value
    assert "not findings of fact" in page and "Read each message in its context" in page


def test_brand_and_statement(message_result: Result) -> None:
    options = ReportOptions(brand_name="Legal Aid North", brand_url="https://example.org/x")
    page = render("html", message_result, options).decode("utf-8")
    assert "Legal Aid North" in page and "https://example.org/x" in page
    assert re.search(r"Analysis time \(UTC\)</th><td>\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ<", page)


def test_charts_are_inline_svg_with_labels(message_result: Result) -> None:
    page = render("html", message_result, OPTIONS).decode("utf-8")
    parsed = parse(page.encode("utf-8"))
    svgs = [attrs for tag, attrs in parsed.tags if tag == "svg"]
    assert len(svgs) == 3  # categories, months, contexts
    assert all(attrs.get("role") == "img" and attrs.get("viewbox") for attrs in svgs)
    for label in ("HARM_LANGUAGE", "All events", "Sep", "2017", "Iowa 2017"):
        assert f">{label}</text>" in page, label
    assert "Events per month and category, 2017-09 to 2018-10" in page
    # v2, message mode's default pack, flags 17 of the sample's messages; 3 have a time
    events = message_result.events
    untimed = sum(1 for event in events if event.message.timestamp is None)
    assert (untimed, len(events)) == (14, 17)
    assert f"{untimed} of {len(events)} events have no timestamp" in page


def test_hostile_chat_text_is_inert(tmp_path: Path) -> None:
    export = telegram(
        tmp_path / "chat.json",
        [(HOSTILE, f"{HOSTILE} I was watching you"), ("Sam", "stop </td></tr></table>\"'>")],
    )
    # the original pack: its bare "stop" flags the second message (v2 wants more than that)
    result = chatscan.scan_file(export, chatscan.ScanOptions(rules=load_pack("original")))
    assert len(result.events) == 2
    page = render("html", result, OPTIONS)
    text = page.decode("utf-8")
    assert "<script" not in text.lower()
    parsed = parse(page)
    assert parsed.unbalanced == [] and parsed.stack == []
    assert not [tag for tag, _ in parsed.tags if tag in ("script", "img", "iframe", "object")]
    handlers = [name for _, attrs in parsed.tags for name in attrs if name.startswith("on")]
    assert handlers == []
    assert HOSTILE in "".join(parsed.data)  # shown to the reader, as text
    assert parsed.texts[0] == f"{HOSTILE} I was watching you"
    assert parsed.marks[0] == ["I was watching"]


def test_control_characters_are_shown_not_passed_on() -> None:
    hit = chatscan.Hit("r", "C", chatscan.Tier.TOKEN, 2, 7)
    shown = highlight("a\x00watch\u202ex\ud83d", [hit])
    assert "\x00" not in shown and "\u202e" not in shown and "\ud83d" not in shown
    assert "U+0000" in shown and "U+202E" in shown and "U+D83D" in shown
    assert '<mark title="r">watch</mark>' in shown
    assert escape_text("<b>&") == "&lt;b&gt;&amp;"


def test_nothing_external_and_no_scripts(message_result: Result, paragraph_result: Result) -> None:
    for result in (message_result, paragraph_result):
        page = render("html", result, OPTIONS).decode("utf-8")
        assert not re.search(r"""(?:src|href)\s*=\s*["']?\s*(?:[a-z]+:|//)""", page, re.I)
        assert "<script" not in page.lower() and "<link" not in page.lower()
        assert "url(" not in page and "@import" not in page
        assert "Content-Security-Policy" in page


def test_message_mode_has_speakers_paragraph_mode_contexts(
    message_result: Result, paragraph_result: Result
) -> None:
    messages = render("html", message_result, OPTIONS).decode("utf-8")
    paragraphs = render("html", paragraph_result, OPTIONS).decode("utf-8")
    assert '<section id="speakers">' in messages and '<section id="speakers">' not in paragraphs
    assert "Events per context and category" in paragraphs
    assert "Events per month" not in paragraphs
    assert 'id="e18"' in paragraphs and "paragraph mode" in paragraphs


@pytest.mark.parametrize("fmt", ["paragraphs", "auto"])
def test_no_events_renders(tmp_path: Path, fmt: str) -> None:
    chat = tmp_path / "calm.txt"
    chat.write_text("Alex: good morning\n\nSam: lunch at noon?\n", encoding="utf-8")
    result = chatscan.scan_file(chat, chatscan.ScanOptions(format=fmt))
    assert result.events == []
    page = parse(render("html", result, OPTIONS))
    text = "".join(page.data)
    assert page.unbalanced == [] and page.stack == []
    assert "matched any rule" in text and result.source.sha256 in text


def test_many_events_render_quickly(tmp_path: Path) -> None:
    lines = [f"Sam: I was watching you {n}, stop it" for n in range(10_000)]
    chat = tmp_path / "long.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = chatscan.scan_file(chat, chatscan.ScanOptions(format="transcript"))
    assert len(result.events) == 10_000
    import time

    started = time.process_time()
    page = render("html", result, OPTIONS)
    assert time.process_time() - started < 10  # about 0.5 s; a quadratic step would not be
    assert page.count(b'<tr id="e') == 10_000


def test_long_spans_are_charted_per_year_and_many_contexts_capped(tmp_path: Path) -> None:
    from chatscan.reports.html_report import CONTEXT_COLUMNS, context_chart, timeline_chart

    lines = [f"[2009-0{1 + n % 9}-01 10:00] Sam: I was watching you" for n in range(3)]
    lines += ["[2024-05-01 10:00] Sam: stop"]
    chat = tmp_path / "years.txt"
    chat.write_text("\n".join(lines) + "\n", encoding="utf-8")
    result = chatscan.scan_file(chat, chatscan.ScanOptions(format="transcript"))
    chart = timeline_chart(result, list(result.pack.category_names))
    assert chart is not None and chart["unit"] == "year"
    assert (chart["first"], chart["last"]) == ("2009", "2024")
    assert chart["rows"][0]["total"] == 4
    towns = [f"Town {chr(65 + n // 26)}{chr(97 + n % 26)}" for n in range(CONTEXT_COLUMNS + 5)]
    anchors = [f"{town} 2017\n\nSam: I was watching you in {town}\n" for town in towns]
    chat.write_text("\n".join(anchors), encoding="utf-8")
    result = chatscan.scan_file(chat, chatscan.ScanOptions(format="paragraphs"))
    chart = context_chart(result, list(result.pack.category_names))
    assert chart is not None and chart["omitted"] == 5
    assert chart["rows"][0]["total"] == CONTEXT_COLUMNS
