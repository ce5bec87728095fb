"""``chatscan scan --semantic`` and ``chatscan eval --semantic``, end to end."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import yaml
from click.testing import CliRunner, Result

from chatscan.cli import app
from chatscan.core.pipeline import PARAGRAPH_DETECTORS_ERROR
from tests.semantic.support import BASE, EXPOSURE_EXEMPLAR, MODEL, pack_data

CHAT = (
    "12/03/2024, 10:00 - Rob: morning\n"
    "12/03/2024, 10:01 - Dana: leave and your boss will get those photos\n"
    "12/03/2024, 10:02 - Rob: a banana for the bus\n"
    "12/03/2024, 10:03 - Dana: ok see you at 6\n"
)
runner = CliRunner()


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "chat.txt").write_text(CHAT, encoding="utf-8")
    (tmp_path / "pack.yaml").write_text(yaml.safe_dump(pack_data()), encoding="utf-8")
    plain = {key: value for key, value in BASE.items() if key != "semantic"}
    (tmp_path / "plain.yaml").write_text(yaml.safe_dump(plain), encoding="utf-8")
    return tmp_path


def invoke(*args: str) -> Result:
    return runner.invoke(app, list(args))


def one_error(result: Result) -> str:
    assert result.exit_code == 2, result.output
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_scan_writes_semantic_hits_to_report_json(workdir: Path) -> None:
    result = invoke(
        "scan", "chat.txt", "--rules", "pack.yaml", "--semantic", "--out", "out",
        "--report", "json", "--date-order", "dmy",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads((workdir / "out" / "report.json").read_text(encoding="utf-8"))
    (detector,) = report["detectors"]
    assert detector["name"] == "semantic" and len(detector["model_sha256"]) == 64
    by_text = {event["text"]: event for event in report["events"]}
    assert set(by_text) == {"leave and your boss will get those photos", "a banana for the bus"}
    exposure = by_text["leave and your boss will get those photos"]
    assert exposure["categories"] == {"EXPOSURE": "TOKEN"}  # the rule's tier beats SEMANTIC
    semantic = [hit for hit in exposure["hits"] if hit["detector"] == "semantic"]
    (hit,) = semantic
    assert hit["tier"] == "SEMANTIC" and hit["rule_id"] == "semantic.exposure"
    assert hit["exemplar"] == EXPOSURE_EXEMPLAR and 0.6 <= hit["score"] <= 1
    assert exposure["hits"][-1] == hit  # after the rules' hits
    assert by_text["a banana for the bus"]["detectors"] == ["rules"]


def test_a_message_only_the_semantic_layer_finds_is_an_event(workdir: Path) -> None:
    result = invoke(
        "scan", "chat.txt", "--rules", "pack.yaml", "--semantic", "--json", "--report", "json",
        "--date-order", "dmy", "--quiet",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    (workdir / "chat.txt").write_text(
        CHAT.replace("leave and your boss", "leave and your manager"), encoding="utf-8"
    )
    result = invoke(
        "scan", "chat.txt", "--rules", "pack.yaml", "--semantic", "--json", "--report", "json",
        "--date-order", "dmy", "--quiet",
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    event = next(e for e in report["events"] if "manager" in e["text"])
    assert event["categories"] == {"EXPOSURE": "SEMANTIC"}
    assert event["detectors"] == ["semantic"]
    assert report["totals"]["strengths"].get("SEMANTIC") == 1


def test_scan_without_semantic_has_no_detectors(workdir: Path) -> None:
    result = invoke("scan", "chat.txt", "--rules", "pack.yaml", "--json", "--report", "json",
                    "--date-order", "dmy", "--quiet")  # fmt: skip
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["detectors"] == []
    assert all(hit["detector"] == "rules" for e in report["events"] for hit in e["hits"])


def test_paragraph_mode_with_semantic_is_a_clear_error(workdir: Path) -> None:
    line = one_error(invoke("scan", "chat.txt", "--format", "paragraphs", "--semantic"))
    assert line == f"error: {PARAGRAPH_DETECTORS_ERROR}"


def test_a_pack_without_a_semantic_section_is_a_clear_error(workdir: Path) -> None:
    line = one_error(invoke("scan", "chat.txt", "--rules", "plain.yaml", "--semantic"))
    assert "has no semantic section" in line and "plain.yaml" in line
    line = one_error(invoke("eval", "labelled.jsonl", "--rules", "plain.yaml", "--semantic"))
    assert "has no semantic section" in line


def test_eval_semantic_measures_rules_and_semantic_together(workdir: Path) -> None:
    rows = [
        ("1", "c", "A", "leave and your boss will get those photos", ["EXPOSURE"]),
        ("2", "c", "B", "if you walk out your manager sees the pictures", ["EXPOSURE"]),
        ("3", "c", "A", "I went through all the messages on your phone", ["WATCH"]),
        ("4", "c", "B", "a banana please", ["KEYWORD"]),
        ("5", "c", "A", "what time is the match", []),
    ]
    keys = ("id", "conv", "speaker", "text", "labels")
    (workdir / "labelled.jsonl").write_text(
        "".join(json.dumps(dict(zip(keys, row, strict=True))) + "\n" for row in rows)
    )
    plain = invoke("eval", "labelled.jsonl", "--rules", "pack.yaml", "--json")
    both = invoke("eval", "labelled.jsonl", "--rules", "pack.yaml", "--semantic", "--json")
    assert plain.exit_code == 0 and both.exit_code == 0, both.output
    plain_data, both_data = json.loads(plain.stdout), json.loads(both.stdout)
    assert both_data["predictor"].endswith("+semantic")
    assert both_data["detectors"][0]["name"] == "semantic"
    assert both_data["micro"]["recall"] > plain_data["micro"]["recall"]
    text = invoke("eval", "labelled.jsonl", "--rules", "pack.yaml", "--semantic")
    assert text.exit_code == 0
    assert f"semantic layer: model {MODEL}" in text.stdout
    assert "micro" in text.stdout


def test_semantic_check_prints_the_identity() -> None:
    result = invoke("semantic-check")
    assert result.exit_code == 0, result.output
    assert "semantic layer: available" in result.stdout
    assert f"model: {MODEL}" in result.stdout
