// Chat Pattern Scanner web page. Plain JavaScript, no build step, no frameworks.
//
// Safety rules kept throughout this file:
// - chat text (and anything else from an analysis) is only ever inserted as text:
//   textContent, text nodes, setAttribute; never as markup;
// - no chat content ever goes into a URL: downloads are Blobs with object URLs;
// - the only outside script is Stripe.js, loaded only when the server takes payments.
"use strict";

(function () {
  const SVG_NS = "http://www.w3.org/2000/svg";
  const STRIPE_JS = "https://js.stripe.com/v3/";
  const PAID_KEY = "chatscan.paidIntent";
  const EVENTS_PAGE = 300;
  const SEQUENCES_PAGE = 50;
  // Colours with at least 3:1 contrast against the white chart background.
  const PALETTE = [
    "#1f5fa8", "#b3470f", "#1b7f5a", "#8e3b91", "#8a6a00", "#b0244f",
    "#4a5a6a", "#00708a", "#6b4f2a", "#5b5fc7",
  ];

  const state = {
    config: null,
    descriptions: {},
    file: null,
    xhr: null,
    busy: false,
    stripe: null,
    elements: null,
    paidIntent: null,
    result: null,
    categories: [],
    colours: {},
    eventsByEntry: new Map(),
    filtered: [],
    eventsShown: 0,
    sequencesShown: 0,
    timelineView: "time",
  };

  const $ = (id) => document.getElementById(id);

  // ---- small DOM helpers (text only) --------------------------------------------------

  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function svg(tag, attrs, children) {
    const node = document.createElementNS(SVG_NS, tag);
    setAttrs(node, attrs);
    append(node, children);
    return node;
  }

  function setAttrs(node, attrs) {
    if (!attrs) return;
    for (const [name, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (name === "text") node.textContent = String(value);
      else if (name === "class") node.setAttribute("class", value);
      else node.setAttribute(name, value === true ? "" : String(value));
    }
  }

  function append(node, children) {
    if (children === null || children === undefined) return;
    for (const child of Array.isArray(children) ? children : [children]) {
      if (child === null || child === undefined || child === false) continue;
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    }
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function show(node, visible) {
    node.hidden = !visible;
  }

  // ---- formatting ---------------------------------------------------------------------

  function formatBytes(n) {
    if (n < 1024) return n + (n === 1 ? " byte" : " bytes");
    const units = ["KB", "MB", "GB"];
    let value = n / 1024;
    let unit = 0;
    while (value >= 1024 && unit < units.length - 1) {
      value /= 1024;
      unit += 1;
    }
    const digits = value < 10 && Math.round(value * 10) % 10 !== 0 ? 1 : 0;
    return value.toFixed(digits) + " " + units[unit];
  }

  function formatPrice(amount, currency) {
    try {
      return new Intl.NumberFormat("en-US", {
        style: "currency",
        currency: currency.toUpperCase(),
      }).format(amount / 100);
    } catch (_err) {
      return (amount / 100).toFixed(2) + " " + currency.toUpperCase();
    }
  }

  function humanCategory(name) {
    const words = String(name).toLowerCase().split("_").join(" ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function contextLabel(key) {
    if (!key) return "(none)";
    return key === "UNANCHORED" ? "No place or year given" : key;
  }

  function formatTimestamp(ts) {
    if (!ts) return "";
    const [date, time] = String(ts).split("T");
    return time ? date + " " + time.slice(0, 5) : date;
  }

  function extensionOf(name) {
    const dot = name.lastIndexOf(".");
    return dot > 0 ? name.slice(dot).toLowerCase() : "";
  }

  // ---- status, errors, progress -------------------------------------------------------

  function setStatus(text) {
    $("status").textContent = text || "";
  }

  function showError(message) {
    const box = $("error");
    clear(box);
    if (!message) {
      show(box, false);
      return;
    }
    append(box, el("p", { text: message }));
    show(box, true);
  }

  function setProgress(mode, percent) {
    const box = $("progress-box");
    const bar = $("upload-progress");
    const label = $("progress-label");
    if (mode === "hidden") {
      show(box, false);
      return;
    }
    show(box, true);
    if (mode === "upload") {
      bar.setAttribute("value", String(percent));
      label.textContent = "Uploading… " + percent + "%";
    } else if (mode === "paying") {
      bar.removeAttribute("value");
      label.textContent = "Confirming your payment…";
    } else {
      bar.removeAttribute("value"); // indeterminate
      label.textContent = "Analysing your file… this can take a little while for a long chat.";
    }
  }

  function setBusy(busy) {
    state.busy = busy;
    $("file-input").disabled = busy || !state.config;
    $("format-select").disabled = busy || !state.config;
    $("rules-select").disabled = busy || !state.config;
    $("dropzone").classList.toggle("disabled", busy);
    updateSemantic();
    updateAnalyseButton();
  }

  // ---- analysis options: rule pack and semantic layer ---------------------------------

  function packByName(name) {
    const packs = (state.config && state.config.packs) || [];
    return packs.find((pack) => pack.name === name) || null;
  }

  function chosenPack() {
    // The pack the server will use: the chosen one, or the default of the mode.
    const cfg = state.config;
    const chosen = $("rules-select").value || "auto";
    if (chosen !== "auto") return packByName(chosen);
    const defaults = (cfg && cfg.default_packs) || {};
    const paragraphs = $("format-select").value === "paragraphs";
    return packByName(paragraphs ? defaults.paragraphs : defaults.messages);
  }

  function setupOptions(cfg) {
    const select = $("rules-select");
    const defaults = cfg.default_packs || {};
    clear(select);
    const automatic = defaults.messages === defaults.paragraphs
      ? "Automatic (" + defaults.messages + ")"
      : "Automatic (" + defaults.messages + " for chats, " + defaults.paragraphs + " for paragraph text)";
    append(select, el("option", { value: "auto", text: automatic }));
    for (const pack of cfg.packs || []) {
      append(select, el("option", { value: pack.name, text: pack.name + " " + pack.version }));
    }
    select.addEventListener("change", updateSemantic);
    $("format-select").addEventListener("change", updateSemantic);
  }

  function semanticRefusal() {
    // Why the semantic layer can't be used with the current choices, or "" when it can.
    const cfg = state.config;
    if (!cfg) return "Loading…";
    const status = cfg.semantic || {};
    if (!status.available) return "Not available on this server: " + (status.reason || "not installed") + ".";
    if ($("format-select").value === "paragraphs") {
      return "Not available for paragraph text: the semantic layer reads chat messages.";
    }
    const pack = chosenPack();
    if (pack && !pack.semantic) {
      return "Not available with the “" + pack.name + "” rule pack, which has no example sentences.";
    }
    return "";
  }

  function updateSemantic() {
    const box = $("semantic-check");
    const refusal = semanticRefusal();
    box.disabled = Boolean(refusal) || state.busy;
    if (refusal) box.checked = false;
    const hint = $("semantic-hint");
    if (!hint.dataset.about) hint.dataset.about = hint.textContent;
    hint.textContent = refusal || hint.dataset.about;
    hint.classList.toggle("refusal", Boolean(refusal));
  }

  function updateAnalyseButton() {
    const button = $("analyse-button");
    const cfg = state.config;
    let ready = Boolean(cfg && state.file && !state.busy);
    if (cfg && cfg.payment_required && !state.paidIntent && !state.elements) ready = false;
    button.disabled = !ready;
    if (cfg && cfg.payment_required && !state.paidIntent) {
      button.textContent = "Pay " + formatPrice(cfg.price_amount, cfg.price_currency) + " and analyse";
    } else {
      button.textContent = "Analyse";
    }
  }

  // ---- configuration ------------------------------------------------------------------

  async function loadConfig() {
    let cfg;
    try {
      const response = await fetch("/config", { headers: { Accept: "application/json" } });
      if (!response.ok) throw new Error("HTTP " + response.status);
      cfg = await response.json();
    } catch (_err) {
      $("file-hint").textContent = "";
      showError("The page could not load the server’s settings. Please reload the page in a moment.");
      return;
    }
    state.config = cfg;
    const extensions = cfg.allowed_extensions || [];
    $("file-input").setAttribute("accept", extensions.join(","));
    $("file-hint").textContent =
      "Accepted: " + extensions.join(" ") + " — up to " + formatBytes(cfg.max_upload_bytes) + ".";
    const select = $("format-select");
    for (const name of cfg.formats || []) {
      if (name === "auto") continue;
      append(select, el("option", { value: name, text: name }));
    }
    setupOptions(cfg);
    if (cfg.version) $("version").textContent = "v" + cfg.version;
    if (cfg.payment_required) {
      show($("payment-section"), true);
      $("price-text").textContent =
        "One analysis costs " + formatPrice(cfg.price_amount, cfg.price_currency) + ".";
      restorePaidIntent();
      setupStripe(cfg);
    } else {
      show($("payments-off"), true);
    }
    setBusy(false);
    loadDescriptions();
  }

  async function loadDescriptions() {
    try {
      const response = await fetch("/patterns", { headers: { Accept: "application/json" } });
      if (!response.ok) return;
      const body = await response.json();
      for (const [name, info] of Object.entries(body.categories || {})) {
        if (info && info.description) state.descriptions[name] = String(info.description);
      }
    } catch (_err) {
      // optional: the results simply go without the category descriptions
    }
  }

  // ---- choosing a file ----------------------------------------------------------------

  function sniff(bytes) {
    if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b) return "ZIP archive";
    let i = 0;
    if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) i = 3; // UTF-8 BOM
    while (i < bytes.length && (bytes[i] === 0x20 || bytes[i] === 0x0a || bytes[i] === 0x0d || bytes[i] === 0x09)) i += 1;
    const first = bytes[i];
    if (first === 0x7b || first === 0x5b) return "JSON data";
    if (first === 0x3c) return "XML data";
    for (let j = 0; j < bytes.length; j += 1) {
      if (bytes[j] === 0) return "binary data (not text)";
    }
    return "text";
  }

  async function describeType(file) {
    const ext = extensionOf(file.name) || "(no extension)";
    let kind = "";
    try {
      const head = new Uint8Array(await file.slice(0, 512).arrayBuffer());
      kind = sniff(head);
    } catch (_err) {
      kind = "";
    }
    return kind ? kind + " (" + ext + ")" : ext;
  }

  function checkFile(file) {
    const cfg = state.config;
    const ext = extensionOf(file.name);
    const allowed = cfg.allowed_extensions || [];
    if (!allowed.includes(ext)) {
      const what = ext ? "files ending in " + ext : "files without an extension";
      return (
        "“" + file.name + "” can’t be analysed: " + what + " aren’t accepted. " +
        "Please choose a chat export ending in one of: " + allowed.join(" ") + "."
      );
    }
    if (file.size > cfg.max_upload_bytes) {
      return (
        "“" + file.name + "” is too large (" + formatBytes(file.size) + "). This server accepts files up to " +
        formatBytes(cfg.max_upload_bytes) + ". Try exporting a shorter period, or without media."
      );
    }
    if (file.size === 0) {
      return "“" + file.name + "” is empty. Please choose the exported chat file.";
    }
    return null;
  }

  async function chooseFile(file) {
    if (!file || state.busy || !state.config) return;
    showError(null);
    setStatus("");
    $("file-name").textContent = file.name;
    $("file-size").textContent = formatBytes(file.size);
    $("file-type").textContent = "checking…";
    show($("file-info"), true);
    const problem = checkFile(file);
    state.file = problem ? null : file;
    updateAnalyseButton();
    if (problem) showError(problem);
    else setStatus("Ready: “" + file.name + "”. Press “" + $("analyse-button").textContent + "” when you are ready.");
    const type = await describeType(file);
    if ($("file-name").textContent === file.name) $("file-type").textContent = type;
  }

  function setupFileInput() {
    const input = $("file-input");
    const zone = $("dropzone");
    input.addEventListener("change", () => {
      if (input.files && input.files.length) chooseFile(input.files[0]);
    });
    let depth = 0;
    zone.addEventListener("dragenter", (event) => {
      event.preventDefault();
      depth += 1;
      zone.classList.add("dragover");
    });
    zone.addEventListener("dragover", (event) => {
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = "copy";
    });
    zone.addEventListener("dragleave", () => {
      depth = Math.max(0, depth - 1);
      if (depth === 0) zone.classList.remove("dragover");
    });
    zone.addEventListener("drop", (event) => {
      event.preventDefault();
      depth = 0;
      zone.classList.remove("dragover");
      const files = event.dataTransfer && event.dataTransfer.files;
      if (files && files.length) chooseFile(files[0]);
    });
    // A file dropped anywhere else must not make the browser leave the page to open it.
    for (const type of ["dragover", "drop"]) {
      window.addEventListener(type, (event) => {
        if (!zone.contains(event.target)) event.preventDefault();
      });
    }
  }

  // ---- payments -----------------------------------------------------------------------

  function restorePaidIntent() {
    // After a payment that needed a redirect (some banks do), Stripe sends the browser
    // back here with the intent in the query string: keep its id, then clean the address.
    const params = new URLSearchParams(window.location.search);
    const returned = params.get("payment_intent");
    if (returned) {
      if (params.get("redirect_status") === "succeeded") rememberPaid(returned);
      else showError("The payment was not completed. You have not been charged for an analysis; please try again.");
      window.history.replaceState(null, "", window.location.pathname);
    }
    try {
      const kept = window.sessionStorage.getItem(PAID_KEY);
      if (kept) state.paidIntent = kept;
    } catch (_err) {
      // storage may be off; the id then lives only in this page
    }
    if (state.paidIntent) notePaid();
  }

  function rememberPaid(intentId) {
    state.paidIntent = intentId;
    try {
      window.sessionStorage.setItem(PAID_KEY, intentId);
    } catch (_err) {
      // ignore
    }
    notePaid();
  }

  function forgetPaid() {
    state.paidIntent = null;
    try {
      window.sessionStorage.removeItem(PAID_KEY);
    } catch (_err) {
      // ignore
    }
    show($("payment-note"), false);
    show($("payment-element"), true);
    updateAnalyseButton();
  }

  function notePaid() {
    const note = $("payment-note");
    note.textContent = "Your payment has been received and covers one analysis. Choose your file and press Analyse.";
    show(note, true);
    show($("payment-element"), false);
    updateAnalyseButton();
  }

  function setupStripe(cfg) {
    if (!cfg.stripe_publishable_key) {
      showError("Payments are on, but this server has no Stripe publishable key set, so the payment form cannot be shown.");
      return;
    }
    const script = document.createElement("script");
    script.src = STRIPE_JS;
    script.async = true;
    script.addEventListener("load", () => {
      try {
        state.stripe = window.Stripe(cfg.stripe_publishable_key);
        state.elements = state.stripe.elements({
          mode: "payment",
          amount: cfg.price_amount,
          currency: cfg.price_currency,
          appearance: { theme: "stripe" },
        });
        state.elements.create("payment").mount("#payment-element");
      } catch (_err) {
        state.elements = null;
        showError("The payment form could not be started. Please reload the page.");
      }
      updateAnalyseButton();
    });
    script.addEventListener("error", () => {
      showError(
        "The payment form (from js.stripe.com) could not be loaded. Check your connection, " +
        "or allow js.stripe.com if a blocker is on, then reload the page."
      );
    });
    document.head.appendChild(script);
  }

  function newKey() {
    if (window.crypto && window.crypto.randomUUID) return window.crypto.randomUUID();
    const bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  async function pay() {
    const submitted = await state.elements.submit();
    if (submitted && submitted.error) throw new UserError(submitted.error.message || "Please check your payment details.");
    setProgress("paying");
    setStatus("Confirming your payment…");
    let response;
    try {
      response = await fetch("/create-payment-intent", {
        method: "POST",
        headers: { "Content-Type": "application/json", "Idempotency-Key": newKey() },
        body: "{}",
      });
    } catch (_err) {
      throw new UserError("Could not reach the server to start the payment. Check your connection and try again.");
    }
    const body = await readJson(response);
    if (!response.ok) throw new UserError(apiMessage(response.status, body, response.headers));
    const confirmed = await state.stripe.confirmPayment({
      elements: state.elements,
      clientSecret: body.client_secret,
      redirect: "if_required",
      confirmParams: { return_url: window.location.origin + window.location.pathname },
    });
    if (confirmed.error) {
      throw new UserError(confirmed.error.message || "The payment did not go through. You have not been charged.");
    }
    const intent = confirmed.paymentIntent || {};
    if (intent.status === "succeeded") {
      rememberPaid(intent.id || body.payment_intent_id);
      return;
    }
    if (intent.status === "processing") {
      rememberPaid(intent.id || body.payment_intent_id);
      throw new UserError("Your payment is still being processed. Wait a minute, then press Analyse again — you will not be charged twice.");
    }
    throw new UserError("The payment did not go through (status: " + (intent.status || "unknown") + "). You have not been charged.");
  }

  // ---- talking to the API -------------------------------------------------------------

  class UserError extends Error {}

  async function readJson(response) {
    try {
      return await response.json();
    } catch (_err) {
      return null;
    }
  }

  function apiMessage(status, body, headers) {
    let detail = body && typeof body.detail === "string" ? body.detail : "";
    if (status === 429) {
      const wait = headers && headers.get ? headers.get("Retry-After") : null;
      const again = wait ? " Please wait " + wait + " seconds and try again." : " Please wait a minute and try again.";
      return (detail || "Too many requests.") + again;
    }
    if (!detail) detail = "The server could not handle this request (HTTP " + status + "). Please try again.";
    return detail;
  }

  function upload(file) {
    return new Promise((resolve, reject) => {
      const form = new FormData();
      form.append("file", file, file.name);
      form.append("format", $("format-select").value || "auto");
      form.append("rules", $("rules-select").value || "auto");
      form.append("semantic", $("semantic-check").checked && !semanticRefusal() ? "true" : "false");
      form.append("include", "html,pdf,zip");
      if (state.paidIntent) form.append("payment_intent_id", state.paidIntent);
      const xhr = new XMLHttpRequest();
      state.xhr = xhr;
      xhr.open("POST", "/analyze");
      xhr.setRequestHeader("Accept", "application/json");
      xhr.responseType = "text";
      xhr.upload.addEventListener("progress", (event) => {
        if (event.lengthComputable) setProgress("upload", Math.round((event.loaded / event.total) * 100));
      });
      xhr.upload.addEventListener("load", () => {
        setProgress("analysing");
        setStatus("Your file is uploaded. Analysing…");
      });
      xhr.addEventListener("load", () => {
        state.xhr = null;
        let body = null;
        try {
          body = JSON.parse(xhr.responseText);
        } catch (_err) {
          body = null;
        }
        if (xhr.status === 200 && body && typeof body === "object") {
          resolve(body);
          return;
        }
        const headers = { get: (name) => xhr.getResponseHeader(name) };
        const error = new UserError(apiMessage(xhr.status, body, headers));
        error.status = xhr.status;
        error.fromUpload = true;
        reject(error);
      });
      xhr.addEventListener("error", () => {
        state.xhr = null;
        const error = new UserError("Could not reach the server. Check your connection and try again.");
        error.fromUpload = true;
        reject(error);
      });
      xhr.addEventListener("abort", () => {
        state.xhr = null;
        const error = new UserError("Cancelled. Nothing was analysed.");
        error.fromUpload = true;
        reject(error);
      });
      setProgress("upload", 0);
      setStatus("Uploading “" + file.name + "”…");
      xhr.send(form);
    });
  }

  async function analyse() {
    const file = state.file;
    if (!file || state.busy) return;
    showError(null);
    setBusy(true);
    show($("cancel-button"), true);
    try {
      if (state.config.payment_required && !state.paidIntent) await pay();
      const result = await upload(file);
      if (state.config.payment_required) forgetPaid();
      setProgress("hidden");
      setStatus("Done. The results are below.");
      renderResults(result);
    } catch (err) {
      setProgress("hidden");
      setStatus("");
      if (err && (err.status === 402 || err.status === 409) && state.paidIntent) {
        forgetPaid();
      }
      let message = err instanceof UserError ? err.message : "Something went wrong in the page. Please reload it and try again.";
      if (state.paidIntent && state.config.payment_required && err && err.fromUpload) {
        message += " Your payment is kept for one analysis: you can try again without paying again.";
      }
      showError(message);
    } finally {
      show($("cancel-button"), false);
      setBusy(false);
    }
  }

  // ---- results ------------------------------------------------------------------------

  function categoriesOf(result) {
    const names = new Set(Object.keys(result.unique_patterns || {}));
    for (const row of result.context_summary || []) {
      for (const key of Object.keys(row)) if (key !== "context_key") names.add(key);
    }
    for (const event of result.events || []) {
      for (const key of Object.keys(event.categories || {})) names.add(key);
    }
    return Array.from(names).sort();
  }

  function renderResults(result) {
    state.result = result;
    state.categories = categoriesOf(result);
    state.colours = {};
    state.categories.forEach((name, i) => {
      state.colours[name] = PALETTE[i % PALETTE.length];
    });
    state.eventsByEntry = new Map();
    for (const event of result.events || []) state.eventsByEntry.set(event.entry_index, event);

    // Shown first, so the charts can measure the width they have.
    show($("upload-section"), false);
    show($("results"), true);

    renderTotals(result);
    renderDownloads(result);
    renderCategoryChart(result);
    setupTimelineChoice(result);
    renderTimeline(result);
    renderSequences(result);
    renderSpeakers(result);
    setupFilters(result);
    applyFilters();
    $("results-title").focus();
  }

  function renderTotals(result) {
    const events = result.total_events;
    $("total-events").textContent = String(events);
    const messages = result.messages_total;
    $("total-messages").textContent = messages === undefined || messages === null ? "—" : String(messages);
    $("total-messages-label").textContent = result.mode === "paragraphs" ? "paragraphs read" : "messages read";
    $("total-sequences").textContent = String((result.sequences || []).length);

    const facts = $("facts");
    clear(facts);
    const add = (term, value, wide) => {
      if (value === "" || value === null || value === undefined) return;
      append(facts, el("div", { class: wide ? "wide" : null }, [el("dt", { text: term }), el("dd", { text: value })]));
    };
    const file = state.file;
    if (file) add("File", file.name + " (" + formatBytes(file.size) + ")");
    let format = result.format || "";
    if (typeof result.format_confidence === "number" && result.format) {
      format += " (" + Math.round(result.format_confidence * 100) + "% sure)";
    }
    add("Export format", format);
    add("Read as", result.mode === "paragraphs" ? "paragraphs of text" : "messages");
    if (result.skipped_total) add("Lines skipped", String(result.skipped_total));
    if (result.rules) add("Rules", result.rules.name + " " + result.rules.version);
    const semantic = (result.detectors || []).find((d) => d && d.name === "semantic");
    add("Semantic layer", semantic ? "on — model " + (semantic.model || "") : "off");
    add("File fingerprint (SHA-256), to show later that a report came from this exact file", result.source_sha256 || "", true);

    const warnings = result.warnings || [];
    const list = $("warnings-list");
    clear(list);
    for (const warning of warnings) append(list, el("li", { text: warning }));
    show($("warnings"), warnings.length > 0);
  }

  // -- downloads --

  function base64Bytes(b64) {
    const text = window.atob(b64);
    const bytes = new Uint8Array(text.length);
    for (let i = 0; i < text.length; i += 1) bytes[i] = text.charCodeAt(i);
    return bytes;
  }

  function saveBlob(blob, filename) {
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: filename, class: "visually-hidden" });
    document.body.appendChild(link);
    link.click();
    link.remove();
    window.setTimeout(() => URL.revokeObjectURL(url), 60000);
  }

  function reportJson(result) {
    const copy = Object.assign({}, result);
    delete copy.report_pdf;
    delete copy.reports_zip;
    delete copy.report_html;
    return JSON.stringify(copy, null, 2) + "\n";
  }

  function renderDownloads(result) {
    const box = $("downloads");
    clear(box);
    const text = (field, type) => (typeof result[field] === "string" ? () => new Blob([result[field]], { type }) : null);
    const binary = (field, type) =>
      typeof result[field] === "string" && result[field] ? () => new Blob([base64Bytes(result[field])], { type }) : null;
    const items = [
      ["events.csv", "Events (CSV)", text("events_csv", "text/csv;charset=utf-8")],
      ["sequences.csv", "Sequences (CSV)", text("sequences_csv", "text/csv;charset=utf-8")],
      ["context_summary.csv", "Per place and year (CSV)", text("context_summary_csv", "text/csv;charset=utf-8")],
      ["speakers.csv", "Speakers (CSV)", result.mode === "paragraphs" ? null : text("speakers_csv", "text/csv;charset=utf-8")],
      ["summary.txt", "Summary (text)", text("summary_text", "text/plain;charset=utf-8")],
      ["report.json", "Everything (JSON)", () => new Blob([reportJson(result)], { type: "application/json" })],
      ["report.html", "Report (web page)", text("report_html", "text/html;charset=utf-8")],
      ["report.pdf", "Report (PDF)", binary("report_pdf", "application/pdf")],
      ["chatscan-reports.zip", "All reports (ZIP)", binary("reports_zip", "application/zip")],
    ];
    for (const [filename, label, make] of items) {
      if (filename === "speakers.csv" && result.mode === "paragraphs") continue;
      const button = el("button", {
        type: "button",
        class: "download",
        "data-file": filename,
        disabled: make ? null : true,
      }, [el("span", { class: "download-label", text: label }), el("span", { class: "download-name", text: filename })]);
      if (make) button.addEventListener("click", () => saveBlob(make(), filename));
      else if (filename === "report.pdf" && result.pdf_omitted) button.setAttribute("title", result.pdf_omitted);
      else button.setAttribute("title", "Not available from this server");
      append(box, button);
    }
  }

  // -- charts --

  function chartWidth(container, fallback) {
    const width = container.clientWidth || fallback;
    return Math.max(260, Math.floor(width));
  }

  function renderCategoryChart(result) {
    const box = $("category-chart");
    clear(box);
    const counts = result.unique_patterns || {};
    const rows = state.categories.map((name) => [name, counts[name] || 0]);
    rows.sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
    const width = chartWidth(box, 600);
    const rowHeight = 44;
    const height = rows.length * rowHeight + 8;
    const max = Math.max(1, ...rows.map((r) => r[1]));
    const barSpace = width - 56;
    const description = rows.map(([name, n]) => humanCategory(name) + ": " + n).join("; ");
    const chart = svg("svg", {
      width: width,
      height: height,
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label": "Matches per category. " + description,
      class: "bar-chart",
    });
    rows.forEach(([name, n], i) => {
      const y = i * rowHeight;
      const barWidth = n ? Math.max(3, Math.round((n / max) * barSpace)) : 0;
      append(chart, svg("g", { "data-category": name, "data-count": n, class: "bar" }, [
        svg("text", { x: 0, y: y + 14, class: "bar-label", text: humanCategory(name) }),
        svg("rect", { x: 0, y: y + 20, width: barSpace, height: 16, class: "bar-track" }),
        svg("rect", { x: 0, y: y + 20, width: barWidth, height: 16, fill: state.colours[name] }),
        svg("text", { x: barWidth + 6, y: y + 33, class: "bar-count", text: String(n) }),
      ]));
    });
    append(box, chart);

    const help = $("category-descriptions");
    clear(help);
    let any = false;
    for (const [name] of rows) {
      const text = state.descriptions[name];
      if (!text) continue;
      any = true;
      append(help, [el("dt", { text: humanCategory(name) }), el("dd", { text: text })]);
    }
    show($("category-help"), any);
  }

  function monthKeys(first, last) {
    const keys = [];
    let [year, month] = first.split("-").map(Number);
    const [endYear, endMonth] = last.split("-").map(Number);
    while (year < endYear || (year === endYear && month <= endMonth)) {
      keys.push(year + "-" + String(month).padStart(2, "0"));
      month += 1;
      if (month > 12) {
        month = 1;
        year += 1;
      }
    }
    return keys;
  }

  function datedEvents(result) {
    return (result.events || []).filter((e) => e.timestamp && /^\d{4}-\d{2}/.test(e.timestamp));
  }

  function setupTimelineChoice(result) {
    const events = result.events || [];
    const dated = datedEvents(result).length;
    // By month when most matches have a date; otherwise by place and year.
    state.timelineView = dated && dated * 2 >= events.length ? "time" : "context";
    show($("timeline-choice"), dated > 0);
    $("timeline-by-time").checked = state.timelineView === "time";
    $("timeline-by-context").checked = state.timelineView === "context";
  }

  function timelineData(result) {
    const events = result.events || [];
    const dated = datedEvents(result);
    let keys;
    let keyOf;
    let hint;
    if (dated.length && state.timelineView === "time") {
      const months = dated.map((e) => e.timestamp.slice(0, 7)).sort();
      keys = monthKeys(months[0], months[months.length - 1]);
      keyOf = (e) => e.timestamp.slice(0, 7);
      hint = "Messages with a match, per month and category.";
      if (keys.length > 72) {
        const years = monthKeys(months[0], months[months.length - 1]).map((k) => k.slice(0, 4));
        keys = Array.from(new Set(years));
        keyOf = (e) => e.timestamp.slice(0, 4);
        hint = "Messages with a match, per year and category.";
      }
      const undated = events.length - dated.length;
      if (undated) {
        hint += " " + undated + (undated === 1 ? " message has" : " messages have") +
          " no date in the export and " + (undated === 1 ? "is" : "are") + " not shown here.";
      }
      return { keys, items: dated, keyOf, hint, unit: "time" };
    }
    keys = [];
    for (const e of events) {
      const key = (e.context && e.context.key) || "";
      if (!keys.includes(key)) keys.push(key);
    }
    return {
      keys,
      items: events,
      keyOf: (e) => (e.context && e.context.key) || "",
      hint: dated.length
        ? "Messages with a match per place and year, in the order they appear in the chat. Only " +
          dated.length + " of " + events.length + " have a date in the export."
        : "The export has no dates, so this shows messages with a match per place and year, in the order they appear.",
      unit: "context",
    };
  }

  function renderTimeline(result) {
    const box = $("timeline-chart");
    const legend = $("timeline-legend");
    const tableBox = $("timeline-table");
    clear(box);
    clear(legend);
    clear(tableBox);
    const data = timelineData(result);
    $("timeline-hint").textContent = data.hint;
    const cats = state.categories;
    const counts = new Map(data.keys.map((k) => [k, Object.fromEntries(cats.map((c) => [c, 0]))]));
    for (const event of data.items) {
      const row = counts.get(data.keyOf(event));
      if (!row) continue;
      for (const cat of Object.keys(event.categories || {})) row[cat] = (row[cat] || 0) + 1;
    }
    if (!data.keys.length) {
      append(box, el("p", { class: "empty", text: "No matches to show." }));
      return;
    }

    const totals = data.keys.map((k) => cats.reduce((sum, c) => sum + (counts.get(k)[c] || 0), 0));
    const max = Math.max(1, ...totals);
    const step = Math.max(1, Math.ceil(max / 4));
    const top = step * Math.ceil(max / step);
    const label = (k) => (data.unit === "context" ? contextLabel(k) : k);
    const longest = Math.min(24, Math.max(...data.keys.map((k) => label(k).length)));
    const rotate = data.unit === "context" || data.keys.length > 6;
    const right = 8;
    const plotHeight = 180;
    const labelReach = Math.min(120, longest * 6.2 * 0.71); // a label's length at 45 degrees
    const bottom = rotate ? Math.ceil(18 + labelReach) : 28;
    const available = chartWidth(box, 600);
    const minColumn = rotate ? 26 : 40;
    const columnFor = (leftEdge) => Math.max(minColumn, Math.floor((available - leftEdge - right) / data.keys.length));
    // Room on the left for the first slanted label, which reaches back past its column.
    let left = 36;
    if (rotate) left = Math.max(left, Math.ceil(labelReach - columnFor(left) / 2 + 4));
    const column = columnFor(left);
    const width = Math.max(available, left + right + column * data.keys.length);
    const height = 10 + plotHeight + bottom;
    const y = (v) => 10 + plotHeight - (v / top) * plotHeight;
    const chart = svg("svg", {
      width: width,
      height: height,
      viewBox: "0 0 " + width + " " + height,
      role: "img",
      "aria-label": (data.unit === "time" ? "Timeline" : "Matches per place and year") +
        ". The same numbers are in the table below.",
      class: "timeline",
    });
    for (let v = 0; v <= top; v += step) {
      append(chart, [
        svg("line", { x1: left, x2: width - right, y1: y(v), y2: y(v), class: "grid" }),
        svg("text", { x: left - 6, y: y(v) + 4, class: "axis-label", "text-anchor": "end", text: String(v) }),
      ]);
    }
    data.keys.forEach((key, i) => {
      const x = left + i * column;
      const barWidth = Math.max(6, column * 0.7);
      let base = 0;
      const group = svg("g", { "data-key": key });
      for (const cat of cats) {
        const n = counts.get(key)[cat] || 0;
        if (!n) continue;
        append(group, svg("rect", {
          x: x + (column - barWidth) / 2,
          y: y(base + n),
          width: barWidth,
          height: y(base) - y(base + n),
          fill: state.colours[cat],
        }, svg("title", { text: label(key) + " — " + humanCategory(cat) + ": " + n })));
        base += n;
      }
      const full = label(key);
      const text = full.length > 24 ? full.slice(0, 23) + "…" : full;
      const lx = x + column / 2;
      const ly = 10 + plotHeight + 14;
      append(group, rotate
        ? svg("text", { x: lx, y: ly, class: "axis-label", "text-anchor": "end", transform: "rotate(-45 " + lx + " " + ly + ")", text: text })
        : svg("text", { x: lx, y: ly, class: "axis-label", "text-anchor": "middle", text: text }));
      append(chart, group);
    });
    append(box, chart);

    for (const cat of cats) {
      append(legend, el("span", { class: "legend-item" }, [
        svg("svg", { width: 14, height: 14, viewBox: "0 0 14 14", "aria-hidden": "true" },
          svg("rect", { x: 0, y: 0, width: 14, height: 14, fill: state.colours[cat] })),
        humanCategory(cat),
      ]));
    }

    const head = el("tr", null, [el("th", { scope: "col", text: data.unit === "time" ? "When" : "Place and year" })]);
    for (const cat of cats) append(head, el("th", { scope: "col", text: humanCategory(cat) }));
    const body = el("tbody");
    for (const key of data.keys) {
      const tr = el("tr", null, el("th", { scope: "row", text: label(key) }));
      for (const cat of cats) append(tr, el("td", { class: "num", text: String(counts.get(key)[cat] || 0) }));
      append(body, tr);
    }
    append(tableBox, el("table", { class: "data" }, [el("thead", null, head), body]));
  }

  // -- highlighted text --

  function highlighted(text, hits) {
    // Spans count Unicode code points (as Python does); split the text the same way.
    const chars = Array.from(String(text || ""));
    const ranges = [];
    for (const hit of hits || []) {
      // A semantic hit is about the whole message: nothing to highlight (see "Why").
      if (!hit || !Array.isArray(hit.span) || hit.detector === "semantic") continue;
      const start = Math.max(0, Math.min(chars.length, Number(hit.span[0]) || 0));
      const end = Math.max(start, Math.min(chars.length, Number(hit.span[1]) || 0));
      if (end > start) ranges.push({ start, end, cats: [hit.category] });
    }
    ranges.sort((a, b) => a.start - b.start || b.end - a.end);
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range.start < last.end) {
        last.end = Math.max(last.end, range.end);
        for (const c of range.cats) if (!last.cats.includes(c)) last.cats.push(c);
      } else {
        merged.push({ start: range.start, end: range.end, cats: range.cats.slice() });
      }
    }
    const out = document.createDocumentFragment();
    let at = 0;
    for (const range of merged) {
      if (range.start > at) out.appendChild(document.createTextNode(chars.slice(at, range.start).join("")));
      out.appendChild(el("mark", {
        title: range.cats.map(humanCategory).join(", "),
        text: chars.slice(range.start, range.end).join(""),
      }));
      at = range.end;
    }
    if (at < chars.length) out.appendChild(document.createTextNode(chars.slice(at).join("")));
    return out;
  }

  function chips(categories) {
    const list = el("ul", { class: "chips" });
    for (const cat of Object.keys(categories || {}).sort()) {
      const strength = categories[cat] === "PHRASE" ? "strong" : "weak";
      append(list, el("li", { class: "chip chip-" + strength, "data-category": cat, title: strength + " match" }, [
        svg("svg", { class: "chip-dot", width: 10, height: 10, viewBox: "0 0 10 10", "aria-hidden": "true" },
          svg("circle", { cx: 5, cy: 5, r: 5, fill: state.colours[cat] || "#4a5a6a" })),
        humanCategory(cat),
      ]));
    }
    return list;
  }

  function formatScore(value) {
    const n = Number(value);
    return Number.isFinite(n) ? String(Math.round(n * 100) / 100) : "";
  }

  function explanations(hits) {
    // Why each hit counts: which detector found it, and what it found.
    const list = el("ul", { class: "why" });
    const ordered = (hits || []).slice().sort((a, b) =>
      (a.detector === "semantic") - (b.detector === "semantic") || (a.start || 0) - (b.start || 0));
    for (const hit of ordered) {
      if (!hit) continue;
      const semantic = hit.detector === "semantic";
      const badge = el("span", {
        class: "badge badge-" + (semantic ? "semantic" : "rules"),
        text: semantic ? "semantic" : "rules · " + (hit.tier || ""),
      });
      const item = el("li", { "data-detector": semantic ? "semantic" : "rules", "data-rule": hit.rule_id }, [
        badge, " ", el("code", { text: hit.rule_id || "" }),
      ]);
      if (semantic) {
        append(item, [" similarity to the category " + formatScore(hit.similarity !== undefined ? hit.similarity : hit.score) +
          "; nearest example: ", el("q", { class: "exemplar", text: hit.exemplar || "" })]);
      } else {
        append(item, [" ", el("q", { text: hit.matched || "" }), el("span", { class: "detail", text: " · score " + formatScore(hit.score) })]);
        if (hit.context) append(item, el("span", { class: "detail", text: " · context word “" + hit.context + "”" }));
      }
      append(list, item);
    }
    return list;
  }

  // -- sequences --

  function renderSequences(result) {
    const countsBox = $("sequence-counts");
    clear(countsBox);
    const entries = Object.entries(result.sequence_counts || {});
    if (!entries.length) {
      append(countsBox, el("p", { class: "empty", text: "No sequences were found." }));
    } else {
      const body = el("tbody");
      for (const [name, n] of entries) {
        const label = name.split(" -> ").map(humanCategory).join(" → ");
        append(body, el("tr", null, [el("th", { scope: "row", text: label }), el("td", { class: "num", text: String(n) })]));
      }
      append(countsBox, el("table", { class: "data" }, [
        el("thead", null, el("tr", null, [el("th", { scope: "col", text: "Sequence" }), el("th", { scope: "col", text: "Times found" })])),
        body,
      ]));
    }
    clear($("sequence-list"));
    state.sequencesShown = 0;
    moreSequences();
  }

  function excerpt(role, entry, speaker, timestamp) {
    const event = state.eventsByEntry.get(entry);
    const meta = [role];
    if (event && event.source_ref) meta.push(event.source_ref);
    if (speaker) meta.push(speaker);
    if (timestamp) meta.push(formatTimestamp(timestamp));
    return el("div", { class: "excerpt" }, [
      el("p", { class: "excerpt-meta", text: meta.join(" · ") }),
      el("blockquote", null, event ? highlighted(event.text, event.hits) : "(message not found)"),
    ]);
  }

  function moreSequences() {
    const sequences = (state.result && state.result.sequences) || [];
    const list = $("sequence-list");
    const end = Math.min(sequences.length, state.sequencesShown + SEQUENCES_PAGE);
    for (let i = state.sequencesShown; i < end; i += 1) {
      const seq = sequences[i];
      const title = humanCategory(seq.start) + " → " + humanCategory(seq.end);
      append(list, el("li", { class: "sequence" }, [
        el("p", { class: "sequence-title" }, [el("strong", { text: title }), seq.context_key ? " · " + contextLabel(seq.context_key) : ""]),
        excerpt("First", seq.from_entry, seq.from_speaker, seq.from_timestamp),
        excerpt("Then", seq.to_entry, seq.to_speaker, seq.to_timestamp),
      ]));
    }
    state.sequencesShown = end;
    const more = $("sequence-more");
    show(more, end < sequences.length);
    more.textContent = "Show more sequences (" + (sequences.length - end) + " more)";
  }

  // -- speakers --

  function parseCsv(text) {
    // Drop the report's "#" header lines, then read RFC 4180 CSV.
    const lines = String(text || "").split(/\r?\n/);
    let start = 0;
    while (start < lines.length && lines[start].startsWith("#")) start += 1;
    const src = lines.slice(start).join("\n");
    const rows = [];
    let row = [];
    let field = "";
    let quoted = false;
    for (let i = 0; i < src.length; i += 1) {
      const ch = src[i];
      if (quoted) {
        if (ch === '"') {
          if (src[i + 1] === '"') {
            field += '"';
            i += 1;
          } else quoted = false;
        } else field += ch;
      } else if (ch === '"') quoted = true;
      else if (ch === ",") {
        row.push(field);
        field = "";
      } else if (ch === "\n") {
        row.push(field);
        rows.push(row);
        row = [];
        field = "";
      } else field += ch;
    }
    if (field !== "" || row.length) {
      row.push(field);
      rows.push(row);
    }
    return rows.filter((r) => r.length > 1 || r[0] !== "");
  }

  function renderSpeakers(result) {
    const box = $("speakers-table");
    clear(box);
    const rows = typeof result.speakers_csv === "string" ? parseCsv(result.speakers_csv) : [];
    if (result.mode === "paragraphs" || rows.length < 1) {
      show($("speakers-block"), false);
      return;
    }
    const [header, ...data] = rows;
    const head = el("tr");
    header.forEach((name, i) => {
      const label = i === 0 ? "Speaker" : i === 1 ? "Messages" : i === 2 ? "With a match" : humanCategory(name);
      append(head, el("th", { scope: "col", text: label }));
    });
    const body = el("tbody");
    for (const row of data) {
      const tr = el("tr", null, el("th", { scope: "row", text: row[0] || "(no name)" }));
      for (const value of row.slice(1)) append(tr, el("td", { class: "num", text: value }));
      append(body, tr);
    }
    append(box, el("table", { class: "data", id: "speakers-data" }, [el("thead", null, head), body]));
    show($("speakers-block"), true);
  }

  // -- events table and filters --

  function fillSelect(select, allLabel, values, labelOf) {
    clear(select);
    append(select, el("option", { value: "", text: allLabel }));
    for (const value of values) append(select, el("option", { value: value, text: labelOf ? labelOf(value) : value || "(none)" }));
  }

  function setupFilters(result) {
    const events = result.events || [];
    const present = state.categories.filter((c) => events.some((e) => e.categories && c in e.categories));
    fillSelect($("filter-category"), "All categories", present, humanCategory);
    const speakers = Array.from(new Set(events.map((e) => e.speaker || ""))).sort((a, b) => a.localeCompare(b));
    fillSelect($("filter-speaker"), "All speakers", speakers, (s) => s || "(no speaker)");
    const contexts = [];
    for (const e of events) {
      const key = (e.context && e.context.key) || "";
      if (!contexts.includes(key)) contexts.push(key);
    }
    fillSelect($("filter-context"), "All places and years", contexts, contextLabel);
  }

  function applyFilters() {
    const events = (state.result && state.result.events) || [];
    const category = $("filter-category").value;
    const speakerSelect = $("filter-speaker");
    const speaker = speakerSelect.selectedIndex > 0 ? speakerSelect.value : null;
    const contextSelect = $("filter-context");
    const context = contextSelect.selectedIndex > 0 ? contextSelect.value : null;
    state.filtered = events.filter((e) =>
      (!category || (e.categories && category in e.categories)) &&
      (speaker === null || (e.speaker || "") === speaker) &&
      (context === null || ((e.context && e.context.key) || "") === context));
    clear($("events-body"));
    state.eventsShown = 0;
    moreEvents();
  }

  function moreEvents() {
    const body = $("events-body");
    const end = Math.min(state.filtered.length, state.eventsShown + EVENTS_PAGE);
    for (let i = state.eventsShown; i < end; i += 1) {
      const e = state.filtered[i];
      append(body, el("tr", {
        "data-entry": e.entry_index,
        "data-categories": Object.keys(e.categories || {}).join(" "),
        "data-detectors": (e.detectors || []).join(" "),
      }, [
        el("td", { "data-label": "Where", class: "nowrap", text: e.source_ref || "#" + e.entry_index }),
        el("td", { "data-label": "When", class: e.timestamp ? "nowrap" : "nowrap blank", text: formatTimestamp(e.timestamp) || "—" }),
        el("td", { "data-label": "Place and year", text: contextLabel(e.context && e.context.key) }),
        el("td", { "data-label": "Speaker", class: e.speaker ? null : "blank", text: e.speaker || "—" }),
        el("td", { "data-label": "Patterns and why", class: "patterns" }, [chips(e.categories), explanations(e.hits)]),
        el("td", { "data-label": "Message", class: "message" }, highlighted(e.text, e.hits)),
      ]));
    }
    state.eventsShown = end;
    const total = (state.result.events || []).length;
    $("events-count").textContent =
      state.filtered.length === total
        ? "Showing all " + total + " messages with a match."
        : "Showing " + state.filtered.length + " of " + total + " messages with a match.";
    const more = $("events-more");
    show(more, end < state.filtered.length);
    more.textContent = "Show more messages (" + (state.filtered.length - end) + " more)";
  }

  // ---- starting over ------------------------------------------------------------------

  function reset() {
    state.result = null;
    state.file = null;
    $("file-input").value = "";
    show($("file-info"), false);
    show($("results"), false);
    show($("upload-section"), true);
    showError(null);
    setStatus("");
    updateAnalyseButton();
    $("file-input").focus();
  }

  // Charts are drawn for the width they have: redraw them when it changes (a phone turned).
  let resizeTimer = 0;
  let lastWidth = window.innerWidth;
  function onResize() {
    if (window.innerWidth === lastWidth) return;
    lastWidth = window.innerWidth;
    window.clearTimeout(resizeTimer);
    resizeTimer = window.setTimeout(() => {
      if (!state.result) return;
      renderCategoryChart(state.result);
      renderTimeline(state.result);
    }, 150);
  }

  function start() {
    setupFileInput();
    $("analyse-button").addEventListener("click", analyse);
    $("cancel-button").addEventListener("click", () => {
      if (state.xhr) state.xhr.abort();
    });
    $("again-button").addEventListener("click", reset);
    $("events-more").addEventListener("click", moreEvents);
    $("sequence-more").addEventListener("click", moreSequences);
    for (const id of ["filter-category", "filter-speaker", "filter-context"]) {
      $(id).addEventListener("change", applyFilters);
    }
    for (const id of ["timeline-by-time", "timeline-by-context"]) {
      $(id).addEventListener("change", () => {
        state.timelineView = $("timeline-by-time").checked ? "time" : "context";
        if (state.result) renderTimeline(state.result);
      });
    }
    window.addEventListener("resize", onResize);
    loadConfig();
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
