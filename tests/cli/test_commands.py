"""The `patterns` and `rules validate` commands, tried as a new user would."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from chatscan.cli import app
from chatscan.core.rules import load_pack

runner = CliRunner()


def test_patterns_lists_categories_rules_and_sequences() -> None:
    result = runner.invoke(app, ["patterns"])
    assert result.exit_code == 0, result.output
    pack = load_pack()
    assert pack.sha256 in result.output
    for category in pack.category_names:
        assert category in result.output
    assert "harm.phrase.you_made_me_scared" in result.output
    assert "BOUNDARY_LANGUAGE -> HARM_LANGUAGE" in result.output


def test_rules_validate_accepts_the_builtin_pack(tmp_path: Path) -> None:
    source = Path(load_pack().source.removeprefix("builtin:"))
    pack_file = tmp_path / "copy.yaml"
    from chatscan.core.rules import loader

    pack_file.write_text(
        (Path(loader.__file__).parent / "packs" / f"{source}.yaml").read_text(encoding="utf-8"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["rules", "validate", str(pack_file)])
    assert result.exit_code == 0, result.output
    assert "valid rule pack original 1.0.0: 6 categories, 47 rules, 3 sequences" in result.output
    assert load_pack().sha256 in result.output


def test_custom_pack_is_used_for_scanning(tmp_path: Path) -> None:
    pack = tmp_path / "mine.yaml"
    pack.write_text(
        "name: mine\nversion: '2'\nwindow: 2\ncategories: [{name: PING}, {name: PONG}]\n"
        "rules:\n  - {id: ping, category: PING, tier: TOKEN, pattern: '\\bping\\b'}\n"
        "  - {id: pong, category: PONG, tier: PHRASE, pattern: 'pong+'}\n"
        "sequences: [{start: PING, end: PONG}]\n",
        encoding="utf-8",
    )
    log = tmp_path / "log.txt"
    log.write_text("A: ping\n\nB: nothing\n\nA: pooong\n\nB: ping\n\nx\n\ny\n\nA: pong\n")
    out = tmp_path / "o"
    args = ["scan", str(log), "--format", "paragraphs", "--rules", str(pack), "--out", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    rows = (out / "sequences.csv").read_text().splitlines()[1:]
    # events: 0 "A: ping" (a one-letter name is no speaker), 1 "B: ping", 2 "A: pong"
    assert [row.split(",")[2:4] for row in rows] == [["0", "2"], ["1", "2"]]
    assert "- Sequence lookahead window: 2 entries" in (out / "pattern_summary.txt").read_text()
