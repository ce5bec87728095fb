"""The analysis options a request chooses: the rule pack (``rules``) and the semantic
layer (``semantic``); what ``/config`` and ``/patterns`` say is offered; the paid flow
with options; explanations in the API's hits."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from chatscan.core.rules import load_pack
from chatscan.service import create_app
from tests.service.fake_stripe import FakeStripe, running_fake_stripe
from tests.service.support import SAMPLE, client_for, make_settings, require_semantic, upload

# A chat where the rules and the semantic layer each find something the other does not.
CHAT = (
    "[2024-03-01 21:04] Alex: I'm locked in the bathroom, he is banging on the door\n"
    "[2024-03-01 21:05] Sam: I'm going to hurt you if you don't listen.\n"
    "[2024-03-01 21:06] Alex: lunch at noon?\n"
)
SAMPLE_CHAT = (Path(__file__).resolve().parents[2] / "examples" / "sample_chat.txt").read_text(
    encoding="utf-8"
)

CUSTOM_PACK = """\
name: clinic
version: "7"
categories: [{name: HARM_LANGUAGE}]
rules:
  - {id: clinic.bruise, category: HARM_LANGUAGE, tier: TOKEN, pattern: '\\bbruises?\\b'}
"""


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    return TestClient(create_app(make_settings(tmp_path_factory.mktemp("options"))))


def _analyse(client: TestClient, text: str = CHAT, **fields: str) -> Any:
    return client.post("/analyze", **upload("chat.txt", text, **fields))


# -- the rule pack ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, pack",
    [
        ({}, "v2"),  # a chat export: message mode's default
        ({"rules": "auto"}, "v2"),
        ({"rules": "v2"}, "v2"),
        ({"rules": "original"}, "original"),
        ({"format": "paragraphs"}, "original"),  # paragraph text: the original scanner
        ({"format": "paragraphs", "rules": "v2"}, "v2"),
    ],
)
def test_rules_choose_the_pack(client: TestClient, fields: dict[str, str], pack: str) -> None:
    response = _analyse(client, SAMPLE, **fields)
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["rules"] == {
        "name": pack,
        "version": load_pack(pack).version,
        "hash": load_pack(pack).sha256,
    }
    assert body["detectors"] == []


def test_rules_as_a_query_parameter(client: TestClient) -> None:
    response = client.post("/analyze?rules=original", **upload("chat.txt", SAMPLE))
    assert response.json()["rules"]["name"] == "original"


@pytest.mark.parametrize("where", ["form", "query"])
def test_an_unknown_pack_is_400_naming_the_choices(client: TestClient, where: str) -> None:
    if where == "form":
        response = _analyse(client, rules="bogus")
    else:
        response = client.post("/analyze?rules=bogus", **upload("chat.txt", CHAT))
    assert response.status_code == 400
    body = response.json()
    assert body["code"] == "400" and body["error"] == "bad_rules"
    assert body["detail"] == "Unknown rules 'bogus'. Use one of: auto, original, v2"


def test_the_packs_differ_where_they_should(client: TestClient) -> None:
    """The sample is read as a chat (transcript): v2 flags 17 of its 24 messages, the
    original pack 23 (its single-word rules flag "no", "hurt yelling threatening" ...)."""
    v2 = _analyse(client, SAMPLE_CHAT).json()
    original = _analyse(client, SAMPLE_CHAT, rules="original").json()
    assert (v2["messages_total"], v2["total_events"]) == (24, 17)
    assert original["total_events"] == 23
    flagged = {e["entry_index"] for e in original["events"]}
    assert {e["entry_index"] for e in v2["events"]} <= flagged


def test_paragraph_text_by_default_is_the_original_scanner(client: TestClient) -> None:
    """Automatic, in paragraph mode, is what it always was: the original pack's bytes."""
    automatic = _analyse(client, SAMPLE_CHAT, format="paragraphs").json()
    chosen = _analyse(client, SAMPLE_CHAT, format="paragraphs", rules="original").json()
    assert automatic["rules"]["name"] == "original"
    for field in ("events_csv", "sequences_csv", "context_summary_csv", "summary_text"):
        assert automatic[field] == chosen[field], field
    assert automatic["events_csv"].split("\r\n")[3].endswith(",patterns,strengths,text")


def test_hits_carry_their_explanation(client: TestClient) -> None:
    body = _analyse(client).json()
    [event] = body["events"]
    assert event["detectors"] == ["rules"]
    [hit] = event["hits"]
    assert hit == {
        "detector": "rules",
        "tier": "PHRASE",
        "rule_id": hit["rule_id"],
        "category": "HARM_LANGUAGE",
        "start": hit["start"],
        "end": hit["end"],
        "span": [hit["start"], hit["end"]],
        "matched": event["text"][hit["start"] : hit["end"]],
        "score": hit["score"],
        "context": None,
    }
    assert hit["rule_id"].startswith("harm.") and 0 < hit["score"] <= 1
    header = body["events_csv"].split("\r\n")[3].split(",")
    assert header[8:10] == ["detectors", "explanations"]


# -- /config and /patterns --------------------------------------------------------------


def test_config_lists_the_packs_and_the_semantic_layer(client: TestClient) -> None:
    from chatscan.semantic import available

    body = client.get("/config").json()
    assert body["default_packs"] == {"messages": "v2", "paragraphs": "original"}
    assert [pack["name"] for pack in body["packs"]] == ["original", "v2"]
    for pack in body["packs"]:
        loaded = load_pack(pack["name"])
        assert (pack["version"], pack["hash"], pack["source"]) == (
            loaded.version,
            loaded.sha256,
            "builtin",
        )
        assert pack["semantic"] is (loaded.spec.semantic is not None)
    assert {p["name"]: p["default_for"] for p in body["packs"]} == {
        "original": ["paragraphs"],
        "v2": ["messages"],
    }
    semantic = body["semantic"]
    assert semantic["available"] is (available() is None)
    assert semantic["reason"] == available()
    assert semantic["packs"] == ["v2"]


def test_patterns_describe_any_pack(client: TestClient) -> None:
    default = client.get("/patterns").json()
    assert default["name"] == "original" and default["semantic_section"] is None
    assert default["default_packs"] == {"messages": "v2", "paragraphs": "original"}
    v2 = client.get("/patterns?rules=v2").json()
    pack = load_pack("v2")
    assert (v2["name"], v2["hash"]) == ("v2", pack.sha256)
    assert pack.spec.semantic is not None
    section = v2["semantic_section"]
    assert section["model"] == pack.spec.semantic.model
    assert {name: c["exemplars"] for name, c in section["categories"].items()} == {
        c.name: len(c.exemplars) for c in pack.spec.semantic.categories
    }
    bad = client.get("/patterns?rules=bogus")
    assert bad.status_code == 400 and bad.json()["error"] == "bad_rules"


def test_a_configured_pack_is_offered_and_the_default(tmp_path: Path) -> None:
    path = tmp_path / "clinic.yaml"
    path.write_text(CUSTOM_PACK, encoding="utf-8")
    client = client_for(tmp_path, rules_path=str(path))
    config = client.get("/config").json()
    assert [p["name"] for p in config["packs"]] == ["original", "v2", "clinic"]
    assert config["default_packs"] == {"messages": "clinic", "paragraphs": "clinic"}
    assert config["packs"][2]["source"] == "configured"
    assert client.get("/patterns").json()["name"] == "clinic"
    chat = "[2024-03-01 09:00] Alex: the bruises are still there\n"
    assert _analyse(client, chat).json()["rules"]["name"] == "clinic"
    assert _analyse(client, chat, rules="v2").json()["rules"]["name"] == "v2"
    refused = _analyse(client, chat, semantic="true")
    assert refused.status_code == 400 and refused.json()["error"] == "semantic_unavailable"
    assert "'clinic' has no semantic section" in refused.json()["detail"]


# -- the semantic layer -----------------------------------------------------------------


@pytest.mark.parametrize(
    "fields, error, words",
    [
        ({"semantic": "true", "rules": "original"}, "semantic_unavailable", "no semantic"),
        ({"semantic": "true", "format": "paragraphs"}, "semantic_needs_messages", "messages"),
        ({"semantic": "perhaps"}, "bad_semantic", "true or false"),
    ],
)
def test_semantic_refusals(
    client: TestClient, fields: dict[str, str], error: str, words: str
) -> None:
    response = _analyse(client, **fields)
    assert response.status_code == 400
    body = response.json()
    assert (body["code"], body["error"]) == ("400", error)
    assert words in body["detail"]


@pytest.mark.parametrize("value", ["false", "0", "off", ""])
def test_semantic_off_is_the_rules_alone(client: TestClient, value: str) -> None:
    body = _analyse(client, semantic=value).json()
    assert body["detectors"] == [] and body["total_events"] == 1


@pytest.fixture(scope="module")
def semantic_client(tmp_path_factory: pytest.TempPathFactory) -> TestClient:
    require_semantic()
    return TestClient(create_app(make_settings(tmp_path_factory.mktemp("semantic"))))


@pytest.mark.parametrize("where", ["form", "query"])
def test_semantic_hits_carry_the_exemplar(semantic_client: TestClient, where: str) -> None:
    if where == "form":
        response = _analyse(semantic_client, semantic="true")
    else:
        response = semantic_client.post("/analyze?semantic=true", **upload("chat.txt", CHAT))
    assert response.status_code == 200, response.text
    body = response.json()
    [identity] = body["detectors"]
    assert identity["name"] == "semantic" and identity["pack"].startswith("v2 ")
    assert body["total_events"] == 2
    first, second = body["events"]
    assert first["detectors"] == ["semantic"] and "rules" in second["detectors"]
    [hit] = first["hits"]
    section = load_pack("v2").spec.semantic
    assert section is not None
    exemplars = {e for c in section.categories for e in c.exemplars}
    assert (hit["detector"], hit["tier"]) == ("semantic", "SEMANTIC")
    assert hit["category"] == "HARM_LANGUAGE"
    assert hit["exemplar"] in exemplars and hit["similarity"] == hit["score"]
    assert hit["matched"] is None and hit["span"] == [0, len(first["text"])]
    assert "semantic:HARM_LANGUAGE(similarity" in body["events_csv"]


def test_semantic_report_files_name_the_model(semantic_client: TestClient) -> None:
    import io
    import zipfile

    response = _analyse(semantic_client, semantic="true", output="zip")
    archive = zipfile.ZipFile(io.BytesIO(response.content))
    report = json.loads(archive.read("report.json"))
    manifest = json.loads(archive.read("manifest.json"))
    assert report["detectors"] == manifest["detectors"] and report["detectors"][0]["model"]
    page = archive.read("report.html").decode("utf-8")
    assert "nearest example:" in page and report["detectors"][0]["model_sha256"] in page


def test_the_detector_is_built_once_lazily_and_shared(tmp_path: Path) -> None:
    require_semantic()
    app = create_app(make_settings(tmp_path))
    svc = app.state.services
    client = TestClient(app)
    assert client.get("/health").json()["status"] == "healthy"
    assert client.get("/config").status_code == 200
    assert svc.semantic.built() == 0  # nothing loads the model before an analysis asks
    assert _analyse(client).json()["detectors"] == []
    assert svc.semantic.built() == 0
    pack = svc.packs.packs["v2"]
    found: list[object] = []
    threads = [
        threading.Thread(target=lambda: found.append(svc.semantic.detector(pack))) for _ in range(4)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert svc.semantic.built() == 1 and all(d is found[0] for d in found)
    assert _analyse(client, semantic="true").json()["detectors"]
    assert svc.semantic.detector(pack) is found[0]


def test_without_the_extra_semantic_is_refused_with_the_reason(tmp_path: Path) -> None:
    """A service without the semantic extra: onnxruntime cannot be imported (stood in
    for by a module that fails to import, first on the path)."""
    blocker = tmp_path / "blocked" / "onnxruntime"
    blocker.mkdir(parents=True)
    (blocker / "__init__.py").write_text("raise ImportError('not installed')\n")
    ledger = f"sqlite:///{tmp_path / 'l.db'}"
    script = f"""
import json, sys
from fastapi.testclient import TestClient
from chatscan.service import Settings, create_app
settings = Settings(_env_file=None, database_url={ledger!r}, log_level="WARNING")
client = TestClient(create_app(settings))
files = {{"file": ("c.txt", {CHAT!r}, "text/plain")}}
answers = [
    client.get("/health").json(),
    client.get("/config").json()["semantic"],
    client.post("/analyze", files=files, data={{"semantic": "true"}}).json(),
    client.post("/analyze", files=files).json()["total_events"],
]
print(json.dumps(answers))
"""
    proc = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PYTHONPATH": str(blocker.parent), "PATH": "/usr/bin:/bin"},
        check=False,
    )
    assert proc.returncode == 0, proc.stderr
    health, semantic, refused, events = json.loads(proc.stdout.strip().splitlines()[-1])
    assert health["status"] == "healthy"
    assert semantic["available"] is False and "chatscan[semantic]" in semantic["reason"]
    assert refused["error"] == "semantic_unavailable" and refused["code"] == "400"
    assert refused["detail"] == semantic["reason"]
    assert events == 1  # the rules alone still work


# -- the paid flow ----------------------------------------------------------------------

KEY = "sk_test_options"


@pytest.fixture
def paid(tmp_path: Path) -> Iterator[tuple[TestClient, FakeStripe]]:
    with running_fake_stripe(KEY) as fake:
        settings = make_settings(
            tmp_path, payment_required=True, stripe_secret_key=KEY, stripe_api_base=fake.url
        )
        yield TestClient(create_app(settings)), fake


def test_options_are_part_of_the_one_paid_analysis(paid: tuple[TestClient, FakeStripe]) -> None:
    client, fake = paid
    intent = fake.add_intent(status="succeeded")
    # A refused option costs nothing: the payment is neither checked nor used.
    before = len(fake.requests)
    bad = _analyse(client, rules="bogus", payment_intent_id=intent)
    assert bad.status_code == 400 and len(fake.requests) == before
    refused = _analyse(client, semantic="true", rules="original", payment_intent_id=intent)
    assert refused.status_code == 400
    done = _analyse(client, SAMPLE, rules="original", payment_intent_id=intent)
    assert done.status_code == 200 and done.json()["rules"]["name"] == "original"
    again = _analyse(client, SAMPLE, rules="v2", payment_intent_id=intent)
    assert again.status_code == 409  # one payment, one analysis, whatever the options


def test_a_paid_analysis_with_the_semantic_layer(paid: tuple[TestClient, FakeStripe]) -> None:
    require_semantic()
    client, fake = paid
    intent = fake.add_intent(status="succeeded")
    done = _analyse(client, semantic="true", rules="v2", payment_intent_id=intent)
    assert done.status_code == 200, done.text
    assert done.json()["detectors"][0]["name"] == "semantic"
    assert _analyse(client, semantic="true", payment_intent_id=intent).status_code == 409
