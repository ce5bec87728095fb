"""Every report says why each message was flagged: the detector, the tier, the rule, the
words, the score and the context word; for the semantic layer the nearest exemplar and
the similarity (report.json, the HTML report and its PDF, message mode's events.csv)."""

from __future__ import annotations

import csv
import html
import io
import json
import re
from pathlib import Path

import pytest

import chatscan
from chatscan.core.result import Result
from chatscan.core.rules import load_pack
from chatscan.reports import ReportOptions, manifest_bytes, render
from chatscan.reports.csv_reports import EVENT_COLUMNS, MESSAGE_EVENT_COLUMNS
from tests.service.support import require_semantic

OPTIONS = ReportOptions(tool_version="9.8.7-test", generated_at="2024-01-02T03:04:05Z")

PACK = """\
name: explained
version: "3"
apostrophes: any
categories: [{name: HARM}, {name: BOUNDARY}]
rules:
  - {id: harm.scared, category: HARM, tier: TOKEN, pattern: '\\bscared\\b',
     negation_window: 3, score: 0.5}
  - id: boundary.stop
    category: BOUNDARY
    tier: TOKEN
    pattern: '\\bstop\\b'
    score: 0.75
    context: {words: [texting, calling, me], window: 3}
  - {id: harm.regret, category: HARM, tier: PHRASE, pattern: '\\byou''ll regret\\b'}
"""

CHAT = """\
[2024-03-01 09:00] Alex: Please stop texting me.
[2024-03-01 09:01] Sam: Stop by later and we'll talk.
[2024-03-01 09:02] Sam: I was never scared of you.
[2024-03-01 09:03] Sam: =You’ll regret this. I'm scared you'll leave.
"""

# Each flagged message: (text, hits as (detector, tier, rule id, matched, score, context)).
EXPECTED = [
    ("Please stop texting me.", [("rules", "TOKEN", "boundary.stop", "stop", 0.75, "texting")]),
    (
        "=You’ll regret this. I'm scared you'll leave.",
        [
            ("rules", "PHRASE", "harm.regret", "You’ll regret", 1.0, None),
            ("rules", "TOKEN", "harm.scared", "scared", 0.5, None),
        ],
    ),
]


@pytest.fixture(scope="module")
def result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    root = tmp_path_factory.mktemp("explained")
    (root / "pack.yaml").write_text(PACK, encoding="utf-8")
    (root / "chat.txt").write_text(CHAT, encoding="utf-8")
    options = chatscan.ScanOptions(format="transcript", rules=load_pack(root / "pack.yaml"))
    return chatscan.scan_file(root / "chat.txt", options)


def _hits(event: dict[str, object]) -> list[tuple[object, ...]]:
    return sorted(
        (h["detector"], h["tier"], h["rule_id"], h["matched"], h["score"], h["context"])
        for h in event["hits"]  # type: ignore[attr-defined]
    )


def test_report_json_explains_each_rule_hit(result: Result) -> None:
    report = json.loads(render("json", result, OPTIONS))
    assert report["detectors"] == []  # the rules alone
    assert report["rules"]["name"] == "explained"
    events = report["events"]
    assert [(e["text"], _hits(e)) for e in events] == [
        (text, sorted(hits)) for text, hits in EXPECTED
    ]
    for event in events:
        assert event["detectors"] == ["rules"]
        for hit in event["hits"]:
            assert hit["span"] == [hit["start"], hit["end"]]
            assert event["text"][hit["start"] : hit["end"]] == hit["matched"]
            assert "exemplar" not in hit and "similarity" not in hit


def test_events_csv_explains_each_rule_hit(result: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(render("events", result, OPTIONS).decode())))
    assert list(rows[0]) == list(MESSAGE_EVENT_COLUMNS)
    assert [(r["detectors"], r["explanations"]) for r in rows] == [
        ("rules", 'rules:boundary.stop(TOKEN,"stop",score 0.75,context "texting")'),
        (
            "rules",
            'rules:harm.regret(PHRASE,"You’ll regret",score 1); '
            'rules:harm.scared(TOKEN,"scared",score 0.5)',
        ),
    ]
    assert rows[1]["text"].startswith("'=You")  # the formula guard still holds


def test_paragraph_mode_csv_keeps_the_original_columns() -> None:
    assert "detectors" not in EVENT_COLUMNS and "explanations" not in EVENT_COLUMNS
    sample = Path(__file__).resolve().parents[2] / "examples" / "sample_chat.txt"
    result = chatscan.scan_file(sample, chatscan.ScanOptions(format="paragraphs"))
    header = render("events", result, OPTIONS).split(b"\r\n", 1)[0].decode()
    assert header.split(",") == list(EVENT_COLUMNS)


@pytest.mark.parametrize(
    "shown",
    [
        '<span class="badge rules">rules · TOKEN</span> <code>boundary.<wbr>stop</code> '
        '“stop” <span class="ref">score 0.75</span> '
        '<span class="ref">context word “texting”</span>',
        '<span class="badge rules">rules · PHRASE</span> <code>harm.<wbr>regret</code> '
        '“You’ll regret” <span class="ref">score 1</span>',
        '<span class="badge rules">rules · TOKEN</span> <code>harm.<wbr>scared</code> '
        '“scared” <span class="ref">score 0.5</span>',
    ],
)
def test_html_report_explains_each_rule_hit(result: Result, shown: str) -> None:
    page = render("html", result, OPTIONS).decode("utf-8")
    assert shown in page
    assert "<th>Why it matched</th>" in page
    assert "semantic layer" not in page.lower().split("<body>", 1)[1].split("<footer>")[0]


# -- the semantic layer ---------------------------------------------------------------

SEMANTIC_CHAT = """\
[2024-03-01 21:04] Alex: I'm locked in the bathroom, he is banging on the door
[2024-03-01 21:05] Sam: I'm going to hurt you if you don't listen.
[2024-03-01 21:06] Alex: lunch at noon?
"""


@pytest.fixture(scope="module")
def semantic_result(tmp_path_factory: pytest.TempPathFactory) -> Result:
    require_semantic()
    from chatscan.semantic import SemanticDetector

    chat = tmp_path_factory.mktemp("semantic") / "chat.txt"
    chat.write_text(SEMANTIC_CHAT, encoding="utf-8")
    detector = SemanticDetector.from_pack(load_pack("v2"))
    options = chatscan.ScanOptions(format="transcript", detectors=(detector,))
    return chatscan.scan_file(chat, options)


def test_report_json_gives_the_exemplar_and_similarity(semantic_result: Result) -> None:
    report = json.loads(render("json", semantic_result, OPTIONS))
    [identity] = report["detectors"]
    assert identity["name"] == "semantic" and identity["model"]
    assert identity["pack"] == f"v2 {load_pack('v2').version}"
    first, second = report["events"]
    assert first["text"].startswith("I'm locked in the bathroom")
    assert first["detectors"] == ["semantic"]  # no rule matched it: the semantic layer did
    [hit] = first["hits"]
    assert (hit["detector"], hit["tier"]) == ("semantic", "SEMANTIC")
    assert hit["category"] == "HARM_LANGUAGE"
    assert hit["rule_id"] == "semantic.harm_language"
    assert hit["matched"] is None and hit["context"] is None
    assert (hit["start"], hit["end"]) == (0, len(first["text"]))
    section = load_pack("v2").spec.semantic
    assert section is not None and hit["exemplar"] in section.categories[0].exemplars
    assert hit["similarity"] == hit["score"] and 0 < hit["similarity"] <= 1
    assert hit["similarity"] >= section.categories[0].threshold - 0.001  # rounded to 3 places
    assert "rules" in second["detectors"]
    manifest = json.loads(manifest_bytes(semantic_result, {}, OPTIONS))
    assert manifest["detectors"] == report["detectors"]


def test_html_report_shows_semantic_hits_without_marking_the_message(
    semantic_result: Result,
) -> None:
    from tests.reports.test_html_report import parse

    raw = render("html", semantic_result, OPTIONS)
    page, parsed = raw.decode("utf-8"), parse(raw)
    assert parsed.unbalanced == [] and parsed.stack == []
    event = semantic_result.events[0]
    [hit] = event.hits
    assert parsed.texts[event.index] == event.message.text
    assert parsed.marks[event.index] == []  # about the whole message: nothing marked
    assert (
        f'<span class="badge semantic">semantic</span> <code>semantic.<wbr>harm_<wbr>language'
        f"</code> similarity to the category {hit.score:.2f}; nearest example: "
        f"“{html.escape(hit.exemplar or '')}”"
    ) in page
    cover = page[page.index('<header class="cover"') : page.index("</header>")]
    assert "<td>rules, semantic layer</td>" in cover
    assert semantic_result.detectors[0]["model_sha256"] in cover
    assert "SEMANTIC: only the semantic layer found the category" in page
    rule_event = semantic_result.events[1]
    assert parsed.marks[rule_event.index]  # rule hits are still marked


def test_events_csv_names_the_exemplar(semantic_result: Result) -> None:
    rows = list(csv.DictReader(io.StringIO(render("events", semantic_result).decode())))
    hit = semantic_result.events[0].hits[0]
    assert rows[0]["detectors"] == "semantic"
    assert rows[0]["explanations"] == (
        f'semantic:HARM_LANGUAGE(similarity {hit.score:.2f},nearest example "{hit.exemplar}")'
    )


def test_pdf_renders_semantic_explanations(semantic_result: Result) -> None:
    pypdf = pytest.importorskip("pypdf")
    from chatscan.reports.pdf_report import require_weasyprint

    try:
        require_weasyprint()
    except chatscan.ChatscanError as exc:
        pytest.skip(str(exc))
    data = render("pdf", semantic_result, OPTIONS)
    text = " ".join(page.extract_text() for page in pypdf.PdfReader(io.BytesIO(data)).pages)
    assert re.search(r"nearest\s+example", text) and "similarity" in text
