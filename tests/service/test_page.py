"""The web page in a real browser: Debian's Chromium driven by Playwright, against the app
served by a real uvicorn (and, for the paid path, the fake Stripe API with a stub Stripe.js).

The browser is ``/usr/bin/chromium``; without it these tests are skipped, except under
``CI=true``, where they fail. Screenshots go to ``test-artifacts/`` (git-ignored).
"""

from __future__ import annotations

import base64
import io
import json
import os
import re
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx
import pytest

from chatscan.service import create_app
from chatscan.service.routes.page import CONTENT_SECURITY_POLICY
from tests.service.fake_stripe import FakeStripe, running_fake_stripe
from tests.service.support import make_settings, running_server

playwright_sync = pytest.importorskip("playwright.sync_api")
expect = playwright_sync.expect

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
ROOT = Path(__file__).resolve().parents[2]
SAMPLE_CHAT = ROOT / "examples" / "sample_chat.txt"
ARTIFACTS = ROOT / "test-artifacts"
MAX_UPLOAD = 64 * 1024
HOSTILE_LINE = "<img src=x onerror=alert(1)> you hurt me"
HOSTILE_CHAT = (
    "Iowa 2017\n\n"
    "Alex: Please stop, I said no.\n"
    f"Sam: {HOSTILE_LINE}\n"
    "Alex: <script>alert(2)</script> Stop watching my phone.\n"
)
STRIPE_KEY = "sk_test_page"
TIMEOUT_MS = 15_000

# A stand-in for Stripe.js: a dummy Payment Element, and a confirmPayment that asks the
# test (through a made-up api.stripe.com address, which the page's CSP allows) to mark
# the intent paid in the fake Stripe API.
STUB_STRIPE_JS = """
window.Stripe = function (publishableKey) {
  window.__stripeKey = publishableKey;
  return {
    elements: function (options) {
      window.__elementsOptions = options;
      return {
        create: function (type) {
          return {
            mount: function (selector) {
              var box = document.createElement("div");
              box.className = "stub-payment-element";
              box.textContent = "Test " + type + " form";
              document.querySelector(selector).appendChild(box);
            },
          };
        },
        submit: function () { return Promise.resolve({}); },
      };
    },
    confirmPayment: function (params) {
      var id = params.clientSecret.split("_secret_")[0];
      return fetch("https://api.stripe.com/test-confirm?pi=" + encodeURIComponent(id), {
        method: "POST",
      }).then(function () {
        return { paymentIntent: { id: id, status: "succeeded" } };
      });
    },
  };
};
"""


STATIC = ROOT / "src" / "chatscan" / "service" / "static"


def test_page_code_never_writes_markup() -> None:
    """Chat text may only reach the page as text: no HTML parsing sinks in the script,
    no inline script or style in the page, and no outside resources but Stripe.js."""
    script = (STATIC / "app.js").read_text(encoding="utf-8")
    for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval("):
        assert sink not in script, sink
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    assert not re.search(r"<script(?![^>]*\bsrc=)", page), "inline script"
    assert not re.search(r"\sstyle=|<style", page), "inline style"
    assert not re.search(r"\son[a-z]+=", page), "inline event handler"
    for text in (script, page, (STATIC / "app.css").read_text(encoding="utf-8")):
        outside = set(re.findall(r"https?://[^\s\"')]+", text))
        allowed = {"https://js.stripe.com/v3/", "http://www.w3.org/2000/svg"}  # svg: a name
        assert outside <= allowed, outside


def test_page_routes_are_served_but_not_in_the_schema(tmp_path: Path) -> None:
    from fastapi.testclient import TestClient

    client = TestClient(create_app(make_settings(tmp_path, log_level="WARNING")))
    for path in ("/", "/static/app.js", "/static/app.css"):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
        assert response.headers["x-content-type-options"] == "nosniff"
        assert response.headers["referrer-policy"] == "no-referrer"
    assert client.get("/static/../settings.py").status_code == 404
    assert client.get("/static/missing.js").status_code == 404
    paths = client.get("/openapi.json").json()["paths"]
    assert "/" not in paths and not any(p.startswith("/static") for p in paths)


def _require_reports() -> None:
    from chatscan.reports import REPORTS

    missing = [name for name in ("html", "pdf") if name not in REPORTS]
    assert not missing, f"report writers not registered: {missing}"


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    if not CHROMIUM.exists():
        message = f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)"
        if os.environ.get("CI") == "true":
            pytest.fail(message, pytrace=False)
        pytest.skip(message)
    expect.set_options(timeout=TIMEOUT_MS)
    with playwright_sync.sync_playwright() as pw:
        launched = pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield launched
        launched.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    settings = make_settings(
        tmp_path_factory.mktemp("page"), max_upload_bytes=MAX_UPLOAD, log_level="WARNING"
    )
    with running_server(create_app(settings)) as url:
        yield url


class Watch:
    """What a page did: requests sent, dialogs opened, console errors."""

    def __init__(self, page: Any) -> None:
        self.requests: list[str] = []
        self.dialogs: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("dialog", self._dialog)
        page.on("console", lambda msg: msg.type == "error" and self.errors.append(msg.text))
        page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _dialog(self, dialog: Any) -> None:
        self.dialogs.append(dialog.message)
        dialog.dismiss()

    def posts_to_analyze(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).path == "/analyze"]


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    context.set_default_timeout(TIMEOUT_MS)
    opened = context.new_page()
    yield opened
    context.close()


def _api_analysis(url: str, name: str, data: bytes) -> dict[str, Any]:
    response = httpx.post(
        f"{url}/analyze",
        files={"file": (name, data, "text/plain")},
        data={"include": "html,pdf,zip"},
        timeout=30,
    )
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


def _download(page: Any, filename: str) -> bytes:
    with page.expect_download() as info:
        page.click(f'#downloads button[data-file="{filename}"]')
    download = info.value
    assert download.suggested_filename == filename
    return Path(download.path()).read_bytes()


def _drop_file(page: Any, name: str, text: str) -> None:
    """A real drop event on the drop zone, carrying a File built in the page."""
    transfer = page.evaluate_handle(
        """([name, text]) => {
            const dt = new DataTransfer();
            dt.items.add(new File([text], name, { type: "text/plain" }));
            return dt;
        }""",
        [name, text],
    )
    page.dispatch_event("#dropzone", "dragenter", {"dataTransfer": transfer})
    page.dispatch_event("#dropzone", "drop", {"dataTransfer": transfer})


def _fits_width(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_page_analyses_a_chat_and_offers_every_report(page: Any, server: str) -> None:
    _require_reports()
    watch = Watch(page)
    response = page.goto(f"{server}/")
    assert response is not None and response.status == 200
    headers = response.headers
    assert headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["referrer-policy"] == "no-referrer"
    script = httpx.get(f"{server}/static/app.js")
    assert script.headers["content-security-policy"] == CONTENT_SECURITY_POLICY
    expect(page.locator("#payments-off")).to_be_visible()
    expect(page.locator("#payments-off")).to_contain_text("Payments off (self-hosted)")

    # Keyboard: Tab reaches the file chooser, which has a label.
    chooser = page.locator("#file-input")
    expect(chooser).to_be_enabled()
    expect(chooser).to_have_accessible_name(re.compile("Choose a chat export file"))
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement && document.activeElement.id") == "file-input":
            break
    else:
        pytest.fail("the file chooser was not reached with Tab")

    chooser.set_input_files(str(SAMPLE_CHAT))
    expect(page.locator("#file-name")).to_have_text("sample_chat.txt")
    expect(page.locator("#file-type")).to_contain_text("text (.txt)")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-chosen.png"), full_page=True)
    page.evaluate(
        """() => {
            window.__progress = [];
            const label = document.getElementById("progress-label");
            new MutationObserver(() => window.__progress.push(label.textContent))
                .observe(label, { childList: true, characterData: true, subtree: true });
        }"""
    )
    page.click("#analyse-button")
    expect(page.locator("#results")).to_be_visible()
    progress = page.evaluate("window.__progress")
    assert any(text.startswith("Uploading") for text in progress), progress
    assert any(text.startswith("Analysing") for text in progress), progress

    api = _api_analysis(server, "sample_chat.txt", SAMPLE_CHAT.read_bytes())
    expect(page.locator("#total-events")).to_have_text(str(api["total_events"]))
    expect(page.locator("#total-sequences")).to_have_text(str(len(api["sequences"])))
    for category, count in api["unique_patterns"].items():
        bar = page.locator(f'#category-chart g[data-category="{category}"] .bar-count')
        expect(bar).to_have_text(str(count))
    rows = page.locator("#events-body tr")
    expect(rows).to_have_count(api["total_events"])
    expect(page.locator("#timeline-chart svg rect").first).to_be_visible()
    expect(page.locator("#sequence-list li")).to_have_count(len(api["sequences"]))
    expect(page.locator("#speakers-data tbody tr").first).to_be_visible()
    first = api["events"][0]
    marks = page.locator(f'#events-body tr[data-entry="{first["entry_index"]}"] mark')
    assert set(marks.all_text_contents()) <= {hit["matched"] for hit in first["hits"]}
    assert marks.count() >= 1

    # Filter by one category: only its messages remain.
    category = min(api["unique_patterns"], key=lambda name: api["unique_patterns"][name])
    page.select_option("#filter-category", category)
    expect(rows).to_have_count(api["unique_patterns"][category])
    for tagged in rows.evaluate_all("rows => rows.map(r => r.dataset.categories)"):
        assert category in tagged.split()
    page.select_option("#filter-category", "")
    expect(rows).to_have_count(api["total_events"])

    # Every report downloads, from the one analysis, byte for byte where comparable.
    assert _download(page, "events.csv") == api["events_csv"].encode("utf-8")
    assert _download(page, "sequences.csv") == api["sequences_csv"].encode("utf-8")
    assert _download(page, "speakers.csv") == api["speakers_csv"].encode("utf-8")
    assert _download(page, "summary.txt") == api["summary_text"].encode("utf-8")
    report = json.loads(_download(page, "report.json"))
    assert report["total_events"] == api["total_events"]
    assert not {"report_pdf", "reports_zip", "report_html"} & set(report)
    assert _download(page, "report.html").lstrip()[:15].lower() == b"<!doctype html>"
    assert _download(page, "report.pdf").startswith(b"%PDF-")
    archive = _download(page, "chatscan-reports.zip")
    assert archive.startswith(b"PK\x03\x04")
    assert "manifest.json" in zipfile.ZipFile(io.BytesIO(archive)).namelist()
    assert base64.b64decode(api["report_pdf"]).startswith(b"%PDF-")

    page.screenshot(path=str(ARTIFACTS / "page-results.png"), full_page=True)

    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => document.documentElement.scrollWidth <= window.innerWidth")
    assert _fits_width(page)
    page.screenshot(path=str(ARTIFACTS / "page-results-phone.png"), full_page=True)

    # Only this server was asked for anything, and nothing carried chat text in its URL.
    for url in watch.requests:
        parts = urlsplit(url)
        assert parts.netloc == urlsplit(server).netloc, url
        assert not parts.query, url
    assert watch.dialogs == []
    assert watch.errors == []


def test_hostile_chat_text_stays_text(page: Any, server: str) -> None:
    watch = Watch(page)
    page.goto(f"{server}/")
    expect(page.locator("#file-input")).to_be_enabled()
    _drop_file(page, "hostile.txt", HOSTILE_CHAT)
    expect(page.locator("#file-name")).to_have_text("hostile.txt")
    page.click("#analyse-button")
    expect(page.locator("#results")).to_be_visible()
    table = page.locator("#events-table")
    expect(table).to_contain_text(HOSTILE_LINE)
    expect(table).to_contain_text("<script>alert(2)</script>")
    assert page.locator("#events-table img, #events-table script").count() == 0
    assert page.locator("#results img, #results script").count() == 0
    page.wait_for_timeout(200)  # time for any onerror handler to have fired
    assert watch.dialogs == []
    assert watch.posts_to_analyze() and all("hurt" not in u for u in watch.requests)


def test_unusable_files_are_refused_before_upload(page: Any, server: str) -> None:
    watch = Watch(page)
    page.goto(f"{server}/")
    chooser = page.locator("#file-input")
    expect(chooser).to_be_enabled()
    expect(page.locator("#file-hint")).to_contain_text("64 KB")

    big = {"name": "big.txt", "mimeType": "text/plain", "buffer": b"a: hi\n" * 12_000}
    assert len(big["buffer"]) > MAX_UPLOAD
    chooser.set_input_files(big)
    expect(page.locator("#error")).to_contain_text("too large")
    expect(page.locator("#error")).to_contain_text("64 KB")
    expect(page.locator("#analyse-button")).to_be_disabled()

    exe = {"name": "chat.exe", "mimeType": "application/octet-stream", "buffer": b"MZ\x90\x00"}
    chooser.set_input_files(exe)
    expect(page.locator("#error")).to_contain_text(".exe")
    expect(page.locator("#analyse-button")).to_be_disabled()
    page.locator("#analyse-button").click(force=True)
    page.set_viewport_size({"width": 390, "height": 844})
    assert _fits_width(page)
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-refused-phone.png"), full_page=True)
    assert watch.posts_to_analyze() == []


@pytest.fixture
def paid_server(tmp_path: Path) -> Iterator[tuple[str, FakeStripe]]:
    with running_fake_stripe(STRIPE_KEY) as fake:
        settings = make_settings(
            tmp_path,
            payment_required=True,
            stripe_secret_key=STRIPE_KEY,
            stripe_publishable_key="pk_test_x",
            stripe_api_base=fake.url,
            log_level="WARNING",
        )
        with running_server(create_app(settings)) as url:
            yield url, fake


def test_paid_page_pays_then_analyses(page: Any, paid_server: tuple[str, FakeStripe]) -> None:
    url, fake = paid_server
    confirmed: list[str] = []

    def stripe_js(route: Any) -> None:
        route.fulfill(status=200, content_type="application/javascript", body=STUB_STRIPE_JS)

    def confirm(route: Any) -> None:
        intent_id = route.request.url.split("pi=", 1)[1]
        fake.set_status(intent_id, "succeeded")
        confirmed.append(intent_id)
        route.fulfill(status=200, headers={"Access-Control-Allow-Origin": "*"}, body="{}")

    page.route("https://js.stripe.com/v3/", stripe_js)
    page.route(re.compile(r"^https://api\.stripe\.com/test-confirm\?"), confirm)
    watch = Watch(page)
    page.goto(f"{url}/")
    expect(page.locator("#price-text")).to_contain_text("$5.00")
    expect(page.locator(".stub-payment-element")).to_be_visible()
    assert page.evaluate("window.__stripeKey") == "pk_test_x"
    assert page.evaluate("window.__elementsOptions") | {"appearance": None} == {
        "mode": "payment",
        "amount": 500,
        "currency": "usd",
        "appearance": None,
    }
    expect(page.locator("#payments-off")).to_be_hidden()

    page.locator("#file-input").set_input_files(str(SAMPLE_CHAT))
    button = page.locator("#analyse-button")
    expect(button).to_have_text("Pay $5.00 and analyse")
    ARTIFACTS.mkdir(exist_ok=True)
    page.screenshot(path=str(ARTIFACTS / "page-payment.png"), full_page=True)
    button.click()
    expect(page.locator("#results")).to_be_visible()
    assert len(confirmed) == 1
    expect(page.locator("#total-events")).not_to_have_text("")
    assert len(fake.requests_to("POST", "/v1/payment_intents")) == 1
    assert watch.dialogs == []
    assert watch.errors == []


# -- analysis options: rule pack and semantic layer ------------------------------------

SEMANTIC_CHAT = (
    "[2024-03-01 21:04] Alex: I'm locked in the bathroom, he is banging on the door\n"
    "[2024-03-01 21:05] Sam: I'm going to hurt you if you don't listen.\n"
    "[2024-03-01 21:06] Alex: lunch at noon?\n"
)


def _options_ready(page: Any, server: str) -> None:
    page.goto(f"{server}/")
    expect(page.locator("#rules-select")).to_be_enabled()
    # Keep the form fields the page sends with the upload (all but the file itself).
    page.evaluate(
        """() => {
            const send = XMLHttpRequest.prototype.send;
            XMLHttpRequest.prototype.send = function (body) {
                if (body instanceof FormData) {
                    window.__sent = Object.fromEntries(
                        Array.from(body.entries()).filter(([name]) => name !== "file"));
                }
                return send.call(this, body);
            };
        }"""
    )


def _sent_fields(page: Any) -> dict[str, str]:
    fields: dict[str, str] = page.evaluate("window.__sent")
    return fields


def test_the_semantic_choice_follows_pack_and_format(page: Any, server: str) -> None:
    from chatscan.semantic import available

    _options_ready(page, server)
    select = page.locator("#rules-select")
    expect(select.locator("option")).to_have_text(
        ["Automatic (v2 for chats, original for paragraph text)", re.compile("^original "),
         re.compile("^v2 ")]
    )  # fmt: skip
    box, hint = page.locator("#semantic-check"), page.locator("#semantic-hint")
    reason = available()
    if reason is not None:
        expect(box).to_be_disabled()
        expect(hint).to_contain_text("Not available on this server")
        return
    expect(box).to_be_enabled()
    page.select_option("#rules-select", "original")
    expect(box).to_be_disabled()
    expect(hint).to_contain_text("“original” rule pack, which has no example sentences")
    page.select_option("#rules-select", "auto")
    page.select_option("#format-select", "paragraphs")
    expect(box).to_be_disabled()
    expect(hint).to_contain_text("Not available for paragraph text")
    page.select_option("#format-select", "auto")
    expect(box).to_be_enabled()
    expect(hint).to_contain_text("even when none of the rules’ words appear")


def test_paragraph_text_by_default_gives_the_original_results(page: Any, server: str) -> None:
    watch = Watch(page)
    _options_ready(page, server)
    page.select_option("#format-select", "paragraphs")
    page.locator("#file-input").set_input_files(str(SAMPLE_CHAT))
    page.click("#analyse-button")
    expect(page.locator("#results")).to_be_visible()
    sent = _sent_fields(page)
    assert (sent["format"], sent["rules"], sent["semantic"]) == ("paragraphs", "auto", "false")
    api = httpx.post(
        f"{server}/analyze",
        files={"file": ("sample_chat.txt", SAMPLE_CHAT.read_bytes(), "text/plain")},
        data={"format": "paragraphs", "rules": "original"},
        timeout=30,
    ).json()
    assert api["rules"]["name"] == "original"
    expect(page.locator("#total-events")).to_have_text(str(api["total_events"]))
    expect(page.locator("#facts")).to_contain_text("original " + api["rules"]["version"])
    expect(page.locator("#facts")).to_contain_text("Semantic layer")
    expect(page.locator("#events-body .badge-semantic")).to_have_count(0)
    assert _download(page, "events.csv") == api["events_csv"].encode("utf-8")
    assert watch.errors == []


def test_semantic_results_say_which_detector_found_each_match(page: Any, server: str) -> None:
    from tests.service.support import require_semantic

    require_semantic()
    watch = Watch(page)
    _options_ready(page, server)
    page.select_option("#rules-select", "v2")
    page.check("#semantic-check")
    _drop_file(page, "chat.txt", SEMANTIC_CHAT)
    expect(page.locator("#file-name")).to_have_text("chat.txt")
    page.click("#analyse-button")
    expect(page.locator("#results")).to_be_visible()
    assert (_sent_fields(page)["rules"], _sent_fields(page)["semantic"]) == ("v2", "true")
    rows = page.locator("#events-body tr")
    expect(rows).to_have_count(2)

    first = rows.nth(0)
    assert first.get_attribute("data-detectors") == "semantic"
    why = first.locator('.why li[data-detector="semantic"]')
    expect(why.locator(".badge-semantic")).to_have_text("semantic")
    expect(why).to_contain_text("semantic.harm_language")
    expect(why).to_contain_text(
        re.compile(r"similarity to the category 0\.\d+; nearest example: .+")
    )
    expect(why.locator("q.exemplar")).not_to_have_text("")
    expect(first.locator("td.message mark")).to_have_count(0)  # the whole message: no mark

    second = rows.nth(1)
    rule = second.locator('.why li[data-detector="rules"]').first
    expect(rule.locator(".badge-rules")).to_have_text(re.compile(r"^rules · (PHRASE|TOKEN)$"))
    expect(rule).to_contain_text("score ")
    expect(second.locator("td.message mark").first).to_be_visible()
    expect(page.locator("#facts")).to_contain_text("on — model all-MiniLM")

    ARTIFACTS.mkdir(exist_ok=True)
    page.locator("#events-table").scroll_into_view_if_needed()
    page.screenshot(path=str(ARTIFACTS / "page-results-semantic.png"), full_page=True)
    page.locator("#events-table").screenshot(path=str(ARTIFACTS / "page-events-semantic.png"))
    report = json.loads(_download(page, "report.json"))
    assert report["detectors"][0]["name"] == "semantic"
    page.set_viewport_size({"width": 390, "height": 844})
    page.wait_for_function("() => document.documentElement.scrollWidth <= window.innerWidth")
    page.screenshot(path=str(ARTIFACTS / "page-results-semantic-phone.png"), full_page=True)
    assert watch.errors == [] and watch.dialogs == []
