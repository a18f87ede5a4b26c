"use strict";
(() => {
  const $ = (id) => document.getElementById(id);
  const form = $("classify-form");
  const text = $("text");
  const submit = $("submit");
  const errorBox = $("error");
  const explain = $("explain");
  let modelThreshold = 0.5;
  let last = null;

  const pct = (p) => `${(p * 100).toFixed(1)}%`;
  // How the server read the input (the kind is derived from its form alone, and each kind has its own calibration
  // and threshold), said so that a verdict that changes with a final period or a title can be understood.
  const kinds = {
    claim: "a claim",
    headline: "a headline (a short line without a final period)",
    article: "an article (it has a title, or 60 words or more)",
    post: "a post (it has a link, an @mention or a #hashtag)",
  };

  async function loadModel() {
    try {
      const response = await fetch("/v1/model");
      if (!response.ok) {
        $("model-name").textContent = "not ready yet (reload in a moment)";
        return;
      }
      const model = await response.json();
      modelThreshold = model.threshold;
      $("model-name").textContent = `${model.name} ${model.version} (${model.execution_provider})`;
    } catch {
      $("model-name").textContent = "unavailable";
    }
  }

  function showError(message) {
    errorBox.textContent = message;
    errorBox.hidden = false;
  }

  function render(result) {
    const fake = result.label === "fake";
    const threshold = typeof result.threshold === "number" ? result.threshold : modelThreshold;
    const verdict = $("verdict");
    const claim = !result.kind || result.kind === "claim";
    verdict.textContent = claim
      ? (fake ? "Reads like a false claim" : "Reads like a true claim")
      : (fake ? "Reads like fake news" : "Reads like real news");
    verdict.className = fake ? "fake" : "real";
    verdict.dataset.label = result.label;
    $("bar-fill").style.width = pct(result.p_fake);
    $("bar-fill").className = `bar-fill ${fake ? "fake" : "real"}`;
    $("bar-mark").style.left = pct(threshold);
    $("bar").setAttribute("aria-valuenow", (result.p_fake * 100).toFixed(1));
    $("bar").setAttribute("aria-valuetext", `${pct(result.p_fake)} fake`);
    $("p-fake-label").textContent = `Probability fake: ${pct(result.p_fake)} (verdict is fake at ${pct(threshold)} or more)`;
    $("kind").textContent = kinds[result.kind] ? `Read as ${kinds[result.kind]}.` : "";
    $("kind").hidden = !kinds[result.kind];
    $("details").textContent = `${result.tokens} tokens · ${result.latency_ms.toFixed(1)} ms · ${result.model}`;

    const rows = $("window-rows");
    rows.replaceChildren();
    const chunks = result.chunks || [];
    for (const chunk of chunks) {
      const tr = document.createElement("tr");
      const bar = `<div class="mini" aria-hidden="true"><div class="mini-fill ${chunk.p_fake >= threshold ? "fake" : "real"}"></div></div>`;
      tr.innerHTML = `<td>${chunk.index + 1}</td><td>${chunk.start_token + 1}–${chunk.start_token + chunk.token_count}</td><td><div class="cell">${bar}<span>${pct(chunk.p_fake)}</span></div></td>`;
      // Set through the CSSOM: the Content-Security-Policy refuses style attributes in markup.
      tr.querySelector(".mini-fill").style.width = pct(chunk.p_fake);
      rows.appendChild(tr);
    }
    $("windows").hidden = chunks.length === 0;
    $("result").hidden = false;
    renderExplanation();
    verdict.focus();
  }

  function renderExplanation() {
    const attributions = last && last.result.attributions;
    $("explanation").hidden = !explain.checked || !attributions;
    if ($("explanation").hidden) return;
    const maxAbs = Math.max(0, ...attributions.map((a) => Math.abs(a.weight)));
    const of = (source) => attributions.filter((a) => a.source === source);
    $("unit-kind").textContent = last.result.granularity === "sentence" ? "sentences" : "words";
    highlightAttributions($("explained-text"), last.request.text, of("text"), maxAbs);
    const title = of("title");
    $("explained-title").hidden = title.length === 0;
    if (title.length > 0) highlightAttributions($("explained-title"), last.request.title, title, maxAbs);
    const fields = of("metadata");
    $("explained-metadata").hidden = fields.length === 0;
    $("explained-metadata").textContent = fields.map((f) => `${f.field} "${f.text}": ${f.weight >= 0 ? "+" : ""}${(f.weight * 100).toFixed(2)} points toward ${f.weight > 0 ? "fake" : "real"}`).join(" · ");
  }

  async function classify() {
    errorBox.hidden = true;
    if (!text.value.trim()) {
      showError("Type or paste a claim or an article first.");
      text.focus();
      return;
    }
    const body = { text: text.value };
    if ($("title").value.trim()) body.title = $("title").value;
    if ($("speaker").value.trim()) body.metadata = { speaker: $("speaker").value };
    if (explain.checked) body.explain = true;
    submit.disabled = true;
    submit.textContent = "Classifying…";
    try {
      const response = await fetch("/v1/classify", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify(body),
      });
      const payload = await response.json().catch(() => ({}));
      if (!response.ok) {
        showError(`${payload.title || "Request failed"} (HTTP ${response.status})${payload.detail ? `: ${payload.detail}` : ""}`);
        return;
      }
      last = { request: body, result: payload };
      render(payload);
    } catch (e) {
      showError(`Could not reach the server: ${e.message}`);
    } finally {
      submit.disabled = false;
      submit.textContent = "Classify";
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    classify();
  });
  form.addEventListener("keydown", (event) => {
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      classify();
    }
  });
  // Turning the toggle on after a plain verdict asks again with explain; turning it off only hides the highlights.
  explain.addEventListener("change", () => {
    if (explain.checked && last && !last.result.attributions && text.value === last.request.text) {
      classify();
    } else {
      renderExplanation();
    }
  });
  loadModel();
})();
