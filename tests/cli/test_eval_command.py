"""`chatscan eval`: the documented example, hand-computed scores, JSON, errors."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner, Result

from chatscan.cli import app
from tests.deploy.markdown import DOCS, blocks

GUIDE = DOCS / "EVALUATION.md"
GUIDE_BLOCKS = blocks(GUIDE)
LABELLED = next(b.text for b in GUIDE_BLOCKS if b.file == "labelled.jsonl")
SHOWN_OUTPUT = next(b.text for b in GUIDE_BLOCKS if b.text.startswith("labelled.jsonl: 10"))
SHOWN_EXAMPLES = next(b.text for b in GUIDE_BLOCKS if b.text.startswith("BOUNDARY_LANGUAGE fal"))
SHOWN_ERRORS = next(b.text for b in GUIDE_BLOCKS if b.text.startswith("error:")).splitlines()

runner = CliRunner()


@pytest.fixture
def labelled(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The guide's example file, as ``labelled.jsonl`` in the working directory."""
    monkeypatch.chdir(tmp_path)
    path = tmp_path / "labelled.jsonl"
    path.write_text(LABELLED + "\n", encoding="utf-8")
    return path


def run(*args: str) -> Result:
    return runner.invoke(app, ["eval", *args])


def as_json(*args: str) -> dict[str, Any]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.output
    data: dict[str, Any] = json.loads(result.stdout)
    return data


def without_speed_or_engine(text: str) -> str:
    text = re.sub(r"predictor rules/\w+", "predictor rules/ENGINE", text)
    return re.sub(r"(?m)^matching: .*$", "matching: ...", text)


# -- what the guide shows ------------------------------------------------------------


def test_the_guide_shows_what_eval_prints(labelled: Path) -> None:
    result = run("labelled.jsonl")
    assert result.exit_code == 0, result.output
    assert without_speed_or_engine(result.stdout.rstrip("\n")) == without_speed_or_engine(
        SHOWN_OUTPUT
    )
    assert re.search(r"(?m)^matching: 10 messages in \d+\.\d{4} s \([\d,]+ messages/s\)$",
                     result.stdout)  # fmt: skip
    assert result.stderr == ""


def test_the_guide_shows_the_examples(labelled: Path) -> None:
    result = run("labelled.jsonl", "--show-examples", "2")
    assert result.exit_code == 0, result.output
    assert result.stdout.rstrip("\n").endswith("\n\n" + SHOWN_EXAMPLES)


def _break_line(number: int) -> str:
    """The guide's file with line ``number`` broken as its error list says."""
    lines = LABELLED.splitlines()
    record = json.loads(lines[number - 1])
    if number == 3:
        lines[2] = lines[2].replace('"Alex", "text"', '"Alex" "text"')
        return "\n".join(lines)
    if number == 4:
        del record["labels"]
    elif number == 5:
        record["labels"] = "THREAT_OF_EXPOSURE"
    elif number == 6:
        record["labels"] = ["HARM"]
    elif number == 7:
        record["id"] = "a3"
    elif number == 9:
        record["conv"] = "a"
    lines[number - 1] = json.dumps(record)
    return "\n".join(lines)


@pytest.mark.parametrize("shown", SHOWN_ERRORS)
def test_the_guide_shows_the_errors(shown: str, labelled: Path) -> None:
    found = re.search(r": line (\d+): ", shown)
    assert found, shown
    number = int(found[1])
    labelled.write_text(_break_line(number), encoding="utf-8")
    result = run("labelled.jsonl")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == shown + "\n"


# -- the scores, by hand -------------------------------------------------------------


def test_scores_of_the_example_by_hand(labelled: Path) -> None:
    data = as_json("labelled.jsonl")
    rows = {row["name"]: row for row in data["categories"]}
    # BOUNDARY_LANGUAGE: labelled a1, b1; found a1, a2 ("No worries"), b1
    boundary = rows["BOUNDARY_LANGUAGE"]
    assert (boundary["tp"], boundary["fp"], boundary["fn"]) == (2, 1, 0)
    assert boundary["precision"] == pytest.approx(2 / 3) and boundary["recall"] == 1.0
    assert boundary["f1"] == pytest.approx(0.8)
    assert (boundary["support"], boundary["predicted"]) == (2, 3)
    assert boundary["false_positive_ids"] == ["a2"]
    # SURVEILLANCE_CLAIM: labelled b2, found b3 ("watch a movie")
    surveillance = rows["SURVEILLANCE_CLAIM"]
    assert (surveillance["tp"], surveillance["fp"], surveillance["fn"]) == (0, 1, 1)
    assert (surveillance["precision"], surveillance["recall"], surveillance["f1"]) == (0, 0, 0)
    # THREAT_OF_EXPOSURE: labelled a5, found nothing: precision 0/0 is 0
    assert rows["THREAT_OF_EXPOSURE"]["precision"] == 0.0
    assert rows["THREAT_OF_EXPOSURE"]["false_negative_ids"] == ["a5"]
    for name in ("HARM_LANGUAGE", "PROTECTOR_CLAIM", "CONTROL_ACCESS"):
        assert rows[name]["f1"] == 1.0 and rows[name]["fp"] == rows[name]["fn"] == 0
    # micro: tp 6 fp 2 fn 2; macro over all six categories
    assert (data["micro"]["tp"], data["micro"]["fp"], data["micro"]["fn"]) == (6, 2, 2)
    assert data["micro"]["f1"] == 0.75
    assert data["macro"]["over"] == 6
    assert data["macro"]["precision"] == pytest.approx((1 + 1 + 2 / 3 + 0 + 0 + 1) / 6)
    assert data["macro"]["recall"] == pytest.approx((1 + 1 + 1 + 0 + 0 + 1) / 6)
    assert data["macro"]["f1"] == pytest.approx((1 + 1 + 0.8 + 0 + 0 + 1) / 6)
    # BOUNDARY -> HARM: labelled a1->a3, b1->b4; found those and a2->a3
    seqs = {row["name"]: row for row in data["sequences"]}
    boundary_harm = seqs["BOUNDARY_LANGUAGE -> HARM_LANGUAGE"]
    assert (boundary_harm["tp"], boundary_harm["fp"], boundary_harm["fn"]) == (2, 1, 0)
    assert boundary_harm["false_positive_pairs"] == [{"conv": "a", "first": "a2", "second": "a3"}]
    assert seqs["HARM_LANGUAGE -> PROTECTOR_CLAIM"]["tp"] == 1  # a3 -> a4
    micro = data["sequence_micro"]
    assert (micro["tp"], micro["fp"], micro["fn"]) == (3, 1, 0)
    assert micro["f1"] == pytest.approx(2 * 0.75 / 1.75)
    assert data["sequence_macro"]["over"] == 2


def test_window_limits_the_pairs(labelled: Path) -> None:
    seqs = as_json("labelled.jsonl", "--window", "2")["sequences"]
    boundary_harm = seqs[1]  # a1 -> a3 is two messages on, b1 -> b4 three
    assert (boundary_harm["support"], boundary_harm["predicted"]) == (1, 2)
    assert as_json("labelled.jsonl", "--window", "1")["sequences"][1]["support"] == 0
    assert as_json("labelled.jsonl", "--window", "1")["window"] == 1


def test_a_custom_pack_and_speakers(labelled: Path, tmp_path: Path) -> None:
    pack = tmp_path / "pack.yaml"
    pack.write_text(
        "name: tiny\nversion: '1'\nwindow: 6\n"
        "categories: [{name: BOUNDARY_LANGUAGE}, {name: HARM_LANGUAGE}]\n"
        "rules:\n"
        "  - {id: stop, category: BOUNDARY_LANGUAGE, tier: TOKEN, pattern: '\\bstop\\b'}\n"
        "  - {id: hurt, category: HARM_LANGUAGE, tier: TOKEN, pattern: '\\bhurt\\b'}\n"
        "sequences: [{start: BOUNDARY_LANGUAGE, end: HARM_LANGUAGE, speakers: different}]\n",
        encoding="utf-8",
    )
    rows = [
        ("Sam", "please stop", ["BOUNDARY_LANGUAGE"]),
        ("Sam", "that hurt", ["HARM_LANGUAGE"]),  # same speaker: no pair
        ("Alex", "you'll get hurt", ["HARM_LANGUAGE"]),  # a pair with the first
    ]
    lines = [
        json.dumps({"id": str(k), "conv": "c", "speaker": who, "text": text, "labels": labels})
        for k, (who, text, labels) in enumerate(rows)
    ]
    labelled.write_text("\n".join(lines), encoding="utf-8")
    data = as_json("labelled.jsonl", "--rules", str(pack))
    assert data["pack"]["name"] == "tiny"
    assert [row["name"] for row in data["categories"]] == ["BOUNDARY_LANGUAGE", "HARM_LANGUAGE"]
    (sequence,) = data["sequences"]
    assert sequence["speakers"] == "different"
    assert (sequence["support"], sequence["tp"]) == (1, 1)
    shown = run("labelled.jsonl", "--rules", str(pack)).stdout
    assert re.search(r"BOUNDARY_LANGUAGE -> HARM_LANGUAGE +different +1\.000", shown)


# -- JSON ----------------------------------------------------------------------------

SCORE_KEYS = {"precision", "recall", "f1", "support", "predicted", "tp", "fp", "fn"}


def test_json_schema(labelled: Path) -> None:
    data = as_json("labelled.jsonl")
    assert list(data) == [
        "tool_version", "source", "pack", "predictor", "window", "messages", "conversations",
        "categories", "micro", "macro", "sequences", "sequence_micro", "sequence_macro", "speed",
    ]  # fmt: skip
    assert data["source"] == "labelled.jsonl"
    assert set(data["pack"]) == {"name", "version", "sha256"}
    assert data["predictor"].startswith("rules/")
    assert (data["window"], data["messages"], data["conversations"]) == (6, 10, 2)
    for row in data["categories"]:
        assert set(row) == {"name", "false_positive_ids", "false_negative_ids"} | SCORE_KEYS
    for row in data["sequences"]:
        assert set(row) == {
            "name", "start", "end", "speakers", "false_positive_pairs", "false_negative_pairs",
        } | SCORE_KEYS  # fmt: skip
    for key in ("micro", "sequence_micro"):
        assert set(data[key]) == SCORE_KEYS | {"over"}
    for key in ("macro", "sequence_macro"):
        assert set(data[key]) == {"precision", "recall", "f1", "over"}
    assert set(data["speed"]) == {"seconds", "messages_per_second"}
    assert data["speed"]["messages_per_second"] > 0


def test_json_holds_ids_never_text(labelled: Path) -> None:
    for args in ((), ("--show-examples", "5")):
        text = run("labelled.jsonl", "--json", *args).stdout
        assert '"a2"' in text
        assert "worries" not in text and "movie" not in text
    one = as_json("labelled.jsonl", "--show-examples", "0")
    assert one["categories"][2]["false_positive_ids"] == []


def test_the_tables_show_no_message_text_unless_asked(labelled: Path) -> None:
    assert "worries" not in run("labelled.jsonl").stdout
    assert "a2 [a] No worries about the car" in run("labelled.jsonl", "--show-examples", "1").stdout


def test_runs_are_deterministic(labelled: Path) -> None:
    first, second = as_json("labelled.jsonl"), as_json("labelled.jsonl")
    first.pop("speed"), second.pop("speed")
    assert first == second
    assert as_json("labelled.jsonl", "--backend", "re") | {"predictor": "", "speed": 0} == (
        first | {"predictor": "", "speed": 0}
    )


# -- unusable input ------------------------------------------------------------------


def _one_error_line(result: Result) -> str:
    assert result.exit_code == 2, result.output
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("error: "), result.stderr
    return lines[0]


def test_semantic_needs_a_pack_with_a_semantic_section(labelled: Path) -> None:
    line = _one_error_line(run("labelled.jsonl", "--rules", "original", "--semantic"))
    assert line.startswith("error: rule pack original ") and "has no semantic section" in line


@pytest.mark.parametrize(
    ("content", "expected"),
    [
        ('{"id": 1}\n', "bad.jsonl: line 1: missing fields conv, speaker, text, labels"),
        ("\n\nnot json\n", "bad.jsonl: line 3: not valid JSON"),
        ("", "bad.jsonl: no labelled messages"),
        (
            '{"id": "1", "conv": "c", "speaker": "A", "text": "x", "labels": ["NOPE"]}',
            "bad.jsonl: line 1: unknown label 'NOPE'; valid labels (the rule pack's categories): "
            "HARM_LANGUAGE, PROTECTOR_CLAIM,",
        ),
    ],
)
def test_malformed_files(content: str, expected: str, tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(content, encoding="utf-8")
    line = _one_error_line(run(str(bad)))
    assert line.startswith(f"error: {tmp_path / expected}")


def test_missing_file_and_bad_pack(tmp_path: Path, labelled: Path) -> None:
    assert "no such file" in _one_error_line(run(str(tmp_path / "none.jsonl")))
    assert "nope.yaml: file not found" in _one_error_line(
        run("labelled.jsonl", "--rules", "nope.yaml")
    )
    assert run("labelled.jsonl", "--window", "0").exit_code == 2  # click's own usage error


def test_eval_is_a_chatscan_command() -> None:
    result = runner.invoke(app, ["--help"])
    assert "eval" in result.stdout
    assert "docs/EVALUATION.md" in runner.invoke(app, ["eval", "--help"]).stdout


def test_the_guide_python_example_runs(labelled: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (snippet,) = [b.text for b in GUIDE_BLOCKS if b.lang == "python"]
    exec(compile(snippet, str(GUIDE), "exec"), {})
    assert "BOUNDARY_LANGUAGE 0.667 ('a2',)" in capsys.readouterr().out
