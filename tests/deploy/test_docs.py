"""The guides in docs/ say what is true: every setting with its default, and every
command they show is run here (against a live service where it needs one) or, for the
platforms that cannot run here (Docker, Fly.io, Stripe's CLI), checked against the files
and the app it names."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import subprocess
import sys
import tomllib
import zipfile
from collections.abc import Iterator
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from chatscan.cli import app as chatscan_cli
from chatscan.cli_service import migrate, remote
from chatscan.service import Settings, create_app
from tests.client.live import STRIPE_KEY, live_service
from tests.deploy import configs
from tests.deploy.markdown import DOCS, LOCAL, Block, argv, blocks, local_url, shell_commands
from tests.deploy.markdown import table_rows as markdown_table
from tests.paths import REPO_ROOT
from tests.service.fake_stripe import running_fake_stripe
from tests.service.support import free_port, make_settings, wait_healthy
from tests.settings_defaults import shown_default

BIN = Path(sys.executable).parent
SCRIPT = REPO_ROOT / "examples" / "curl_examples.sh"
GUIDES = ("QUICKSTART.md", "DEPLOYMENT.md", "PAYMENTS.md", "PRIVACY.md", "RULES.md")
SETTINGS = {name.upper() for name in Settings.model_fields}
CONTAINER_VARIABLES = {"PORT", "WEB_CONCURRENCY", "FORWARDED_ALLOW_IPS"}
PLATFORM_TOOLS = {"docker", "fly", "stripe", "pg_dump", "railway"}


def _all_commands() -> list[tuple[Block, str]]:
    found = []
    for guide in GUIDES:
        for block in blocks(DOCS / guide):
            if block.lang == "sh":
                found.extend((block, command) for command in shell_commands(block))
    return found


COMMANDS = _all_commands()


def _kind(command: str) -> str:
    """What a command is, to decide how it is tested; unknown commands fail the tests."""
    words = argv(command)
    tool = Path(words[0]).name
    if tool == "chatscan":
        return "chatscan"
    if words[:3] == ["python3", "-m", "venv"] or words[:2] == [".venv/bin/pip", "install"]:
        return "install"
    if tool == "python" and words[1:2] == ["examples/client_example.py"]:
        return "client_example"
    if tool in ("curl", *PLATFORM_TOOLS):
        return tool
    return "unknown"


def _commands(kind: str) -> list[tuple[Block, str]]:
    return [(block, command) for block, command in COMMANDS if _kind(command) == kind]


# -- the guides and the settings ------------------------------------------------------


def test_the_guides_exist_and_the_readme_links_each() -> None:
    readme = (REPO_ROOT / "README.md").read_text(encoding="utf-8")
    for guide in GUIDES:
        assert (DOCS / guide).is_file(), guide
        assert f"(docs/{guide})" in readme, f"README does not link docs/{guide}"


def test_deployment_documents_every_setting_with_its_default() -> None:
    rows = markdown_table(DOCS / "DEPLOYMENT.md", "## Settings")
    assert set(rows) == SETTINGS | CONTAINER_VARIABLES
    for name, field in Settings.model_fields.items():
        assert rows[name.upper()] == shown_default(field), name
    image_env = " ".join(configs.read_dockerfile().final.all("ENV"))
    for name in CONTAINER_VARIABLES:
        assert re.search(rf"\b{name}={re.escape(rows[name])}(\s|$)", image_env), name


def test_every_command_in_the_guides_is_one_the_tests_know() -> None:
    unknown = [f"{b.where()}: {c}" for b, c in COMMANDS if _kind(c) == "unknown"]
    assert not unknown, "commands no test runs or checks:\n" + "\n".join(unknown)
    assert {_kind(c) for _b, c in COMMANDS} >= {"chatscan", "curl", "docker", "fly", "install"}


# -- a workspace and a service, as a new user has them --------------------------------


@pytest.fixture(scope="module")
def workspace(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with the repository's examples and the files the guides ask to save."""
    root = tmp_path_factory.mktemp("guides")
    shutil.copytree(REPO_ROOT / "examples", root / "examples")
    for guide in GUIDES:
        for block in blocks(DOCS / guide):
            if block.file:
                (root / block.file).write_text(block.text + "\n", encoding="utf-8")
    return root


def _clean_environment() -> dict[str, str]:
    unwanted = SETTINGS | CONTAINER_VARIABLES | {"CHATSCAN_URL"}
    return {name: value for name, value in os.environ.items() if name not in unwanted}


@pytest.fixture(scope="module")
def served(workspace: Path) -> Iterator[str]:
    """`chatscan serve` as the quick start runs it (defaults), on a free port."""
    [(_block, command)] = [(b, c) for b, c in _commands("chatscan") if argv(c)[1:2] == ["serve"]]
    assert argv(command) == [".venv/bin/chatscan", "serve"]
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "chatscan"), "serve", "--port", str(port)],
        cwd=workspace,
        env=_clean_environment(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        wait_healthy(url)
        yield url
    finally:
        process.terminate()
        _out, err = process.communicate(timeout=20)
        assert b"Traceback" not in err, err.decode(errors="replace")


# -- chatscan commands ----------------------------------------------------------------


def _with_remote() -> click.Group:
    """The main command, with `remote` and `migrate` as `cli.py` adds them."""
    if "remote" in chatscan_cli.commands:
        return chatscan_cli
    group = click.Group(commands={**chatscan_cli.commands, "remote": remote, "migrate": migrate})
    return group


def _expected_summary(block_doc: str, source: str) -> str | None:
    for block in blocks(DOCS / block_doc):
        if block.lang == "text" and block.text.startswith(f"{Path(source).name}:"):
            return block.text.strip()
    return None


def test_chatscan_commands_in_the_guides_run(
    workspace: Path, served: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(workspace)
    ran = 0
    for block, command in _commands("chatscan"):
        words = argv(command.replace(LOCAL, served))
        args = words[1:]
        if args == ["serve"]:
            continue  # the `served` fixture runs it
        if args[:2] == ["remote", "analyze"]:
            done = CliRunner().invoke(_with_remote(), args)
            assert done.exit_code == 0, f"{block.where()}: {command}\n{done.output}"
            output = done.output
        else:
            proc = subprocess.run(
                [str(BIN / "chatscan"), *args],
                cwd=workspace,
                env=_clean_environment(),
                capture_output=True,
                text=True,
                timeout=120,
            )
            assert proc.returncode == 0, f"{block.where()}: {command}\n{proc.stderr}"
            output = proc.stdout + proc.stderr
        if args[:1] == ["scan"]:
            expected = _expected_summary(block.doc, args[1])
            assert expected, f"{block.where()}: no output shown for {command}"
            assert expected in output, f"{block.where()}: {output}"
        ran += 1
    assert ran >= 6
    # the files the quick start says its scan writes are those it writes
    text = (DOCS / "QUICKSTART.md").read_text(encoding="utf-8").split("## 3.", 1)[1]
    listed = re.findall(r"^\| `([\w.]+)` \|", text.split("\n## ", 1)[0], re.M)
    written = sorted(path.name for path in (workspace / "report").iterdir())
    assert sorted(listed) == written


def test_the_rules_guide_shows_the_error_a_bad_pack_gets(workspace: Path) -> None:
    bad = workspace / "bad-pack.yaml"
    bad.write_text(
        'name: bad\nversion: "1"\ncategories: [{name: A}]\n'
        "rules:\n  - {id: a.nested, category: A, tier: TOKEN, pattern: '(a+)+b'}\n",
        encoding="utf-8",
    )
    proc = subprocess.run(
        [str(BIN / "chatscan"), "rules", "validate", bad.name],
        cwd=workspace,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    shown = [b.text for b in blocks(DOCS / "RULES.md") if b.text.startswith("error:")]
    assert shown == [proc.stderr.strip()]


# -- Python ---------------------------------------------------------------------------


def test_python_in_the_guides_runs_against_the_service(workspace: Path, served: str) -> None:
    snippets = [b for guide in GUIDES for b in blocks(DOCS / guide) if b.lang == "python"]
    assert snippets
    for block in snippets:
        code = block.text.replace(LOCAL, served)
        proc = subprocess.run(
            [sys.executable, "-c", code], cwd=workspace, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, f"{block.where()}:\n{proc.stderr}"
        # the sample is a chat export: message mode, whose default pack is v2 (17 events)
        assert proc.stdout.startswith("17 {"), proc.stdout
    assert len(block.text.strip().splitlines()) == 3  # "in three lines"


def test_the_client_example_runs_as_the_guides_show(workspace: Path, served: str) -> None:
    examples = _commands("client_example")
    assert examples
    for block, command in examples:
        args = argv(command.replace(LOCAL, served))[1:]
        proc = subprocess.run(
            [sys.executable, *args], cwd=workspace, capture_output=True, text=True, timeout=60
        )
        assert proc.returncode == 0, f"{block.where()}: {command}\n{proc.stderr}"
        assert "transcript: 17 events (v2 rules)" in proc.stdout
        out = workspace / args[args.index("--out") + 1]
        assert (out / "events.csv").is_file() and (out / "report.json").is_file()


def test_the_install_commands_name_what_exists() -> None:
    extras = tomllib.loads((REPO_ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    optional = extras["project"]["optional-dependencies"]
    for block, command in _commands("install"):
        words = argv(command)
        if words[0] == ".venv/bin/pip":
            assert words[2:4] == ["-c", "constraints.txt"], block.where()
            assert (REPO_ROOT / "constraints.txt").is_file()
            target = words[4]
            extra = re.fullmatch(r"\.\[(\w+)\]", target)
            assert target == "." or (extra and extra[1] in optional), f"{block.where()}: {target}"


# -- curl -----------------------------------------------------------------------------


def test_every_curl_call_shown_is_in_the_examples_script() -> None:
    script = SCRIPT.read_text(encoding="utf-8")
    shown = [(b.where(), c) for b, c in _commands("curl")]
    for block in blocks(REPO_ROOT / "README.md"):
        if block.lang == "sh":
            shown.extend((block.where(), c) for c in shell_commands(block) if c.startswith("curl"))
    assert len(shown) >= 5
    for where, command in shown:
        whole = re.compile(re.escape(local_url(command)) + r"(?=\s|$)", re.M)
        assert whole.search(script), f"{where}: {command} is not in {SCRIPT.name}"


def _run_script(url: str, out: Path, **env: str) -> None:
    """The script with ``url`` for the local address, from a copy of the examples folder."""
    examples = out.parent / "repo" / "examples"
    shutil.copytree(REPO_ROOT / "examples", examples)
    copy = examples / SCRIPT.name
    copy.write_text(SCRIPT.read_text(encoding="utf-8").replace(LOCAL, url), encoding="utf-8")
    proc = subprocess.run(
        ["bash", str(copy)],
        env={**_clean_environment(), "OUT_DIR": str(out), **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0, proc.stderr
    assert f"answers saved in {out}" in proc.stdout


def test_the_curl_script_runs_against_a_live_service(tmp_path: Path) -> None:
    out = tmp_path / "answers"
    with live_service(tmp_path) as url:
        _run_script(url, out)
    assert json.loads((out / "health.json").read_bytes())["status"] == "healthy"
    assert json.loads((out / "patterns.json").read_bytes())["total_categories"] == 6
    assert json.loads((out / "analysis.json").read_bytes())["total_events"] == 17  # v2
    assert json.loads((out / "paragraphs.json").read_bytes())["format"] == "paragraphs"
    with zipfile.ZipFile(io.BytesIO((out / "reports.zip").read_bytes())) as archive:
        assert {"events.csv", "report.json", "pattern_summary.txt"} <= set(archive.namelist())


def test_the_curl_script_pays_for_an_analysis(tmp_path: Path) -> None:
    out = tmp_path / "answers"
    with running_fake_stripe(STRIPE_KEY) as fake:
        paid = {
            "payment_required": True,
            "stripe_secret_key": STRIPE_KEY,
            "stripe_api_base": fake.url,
        }
        intent_id = fake.add_intent(status="succeeded")
        with live_service(tmp_path, **paid) as url:
            _run_script(url, out, PAYMENTS="on", PAYMENT_INTENT_ID=intent_id)
    intent = json.loads((out / "intent.json").read_bytes())
    assert intent["amount"] == 500 and intent["client_secret"]
    assert json.loads((out / "paid.json").read_bytes())["total_events"] == 17  # v2


# -- what cannot run here: checked against the files and the app ----------------------


def _compose_services_named(words: list[str]) -> set[str]:
    """The services a `docker compose` command names (`--scale app=3`, `exec postgres`)."""
    named = set()
    if "--scale" in words:
        named.add(words[words.index("--scale") + 1].split("=")[0])
    for sub in ("exec", "logs", "stop", "start"):
        if sub in words:
            named.add(next(w for w in words[words.index(sub) + 1 :] if not w.startswith("-")))
    return named


def test_docker_commands_match_the_image_and_compose_files() -> None:
    compose = configs.compose()
    services = set(compose["services"])
    port = configs.read_dockerfile().final.all("EXPOSE")[0]
    postgres_env = compose["services"]["postgres"]["environment"]
    checked = 0
    for block, command in _commands("docker"):
        words = argv(command)
        where = f"{block.where()}: {command}"
        if words[1] == "compose":
            assert _compose_services_named(words) <= services, where
            if "pg_dump" in words or "pg_restore" in words:
                assert words[words.index("-U") + 1] == postgres_env["POSTGRES_USER"], where
                assert words[words.index("-d") + 1] == postgres_env["POSTGRES_DB"], where
        elif words[1] == "build":
            assert words[-1] == "." and words[2:4] == ["-t", "chatscan"], where
        elif words[1] == "run" and "chatscan" in words:
            assert f"8000:{port}" in words, where
            assert any(w.endswith(":/app/data") for w in words), where
        checked += 1
    assert checked >= 8


def test_fly_and_stripe_commands_name_real_settings_and_routes(tmp_path: Path) -> None:
    for block, command in _commands("fly"):
        words = argv(command)
        if words[1:3] == ["secrets", "set"]:
            names = {w.split("=", 1)[0] for w in words[3:]}
            assert names <= SETTINGS, f"{block.where()}: {sorted(names - SETTINGS)}"
    paths = create_app(make_settings(tmp_path)).openapi()["paths"]
    forwards = [c for _b, c in _commands("stripe") if "--forward-to" in c]
    assert forwards
    for command in forwards:
        target = argv(command)[argv(command).index("--forward-to") + 1]
        assert target.split("/", 1)[1] and "/" + target.split("/", 1)[1] in paths
        assert target.startswith("localhost:8000/")
