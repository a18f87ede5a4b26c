// The side panel: shows the latest verdict the service worker stored in chrome.storage.session, and follows it.
import { VERDICT_KEY } from "./lib/state.js";

const $ = (id) => document.getElementById(id);
const pct = (p) => `${(p * 100).toFixed(1)}%`;

function show(state) {
  $("idle").hidden = Boolean(state);
  $("working").hidden = !state || state.status !== "working";
  $("error").hidden = !state || state.status !== "error";
  $("result").hidden = !state || state.status !== "done";
  if (!state) return;
  if (state.status === "error") {
    $("error").textContent = state.error.message;
    $("error").dataset.kind = state.error.kind;
  } else if (state.status === "done") {
    render(state);
  }
}

function render(state) {
  const result = state.result;
  const fake = result.label === "fake";
  $("source").textContent = state.source === "page" ? `Page: ${state.request.title || state.url}` : "Selected text";
  const verdict = $("verdict");
  verdict.textContent = fake ? "Reads like fake news" : "Reads like real news";
  verdict.className = fake ? "fake" : "real";
  verdict.dataset.label = result.label;
  $("bar-fill").style.width = pct(result.p_fake);
  $("bar-fill").className = `bar-fill ${fake ? "fake" : "real"}`;
  $("bar").setAttribute("aria-valuenow", (result.p_fake * 100).toFixed(1));
  $("bar").setAttribute("aria-valuetext", `${pct(result.p_fake)} fake`);
  // The threshold is the input kind's (a headline's can differ from an article's), so it comes with each result.
  const threshold = typeof result.threshold === "number" ? ` (fake at ${pct(result.threshold)} or more)` : "";
  $("p-fake-label").textContent = `Probability fake: ${pct(result.p_fake)}${threshold}`;
  $("details").textContent = [result.kind && `read as ${result.kind}`, `${result.tokens} tokens`, result.model].filter(Boolean).join(" · ");

  const rows = $("window-rows");
  rows.replaceChildren();
  const chunks = result.chunks || [];
  for (const chunk of chunks) {
    const tr = document.createElement("tr");
    const cell = (text) => {
      const td = document.createElement("td");
      td.textContent = text;
      tr.appendChild(td);
      return td;
    };
    cell(String(chunk.index + 1));
    cell(`${chunk.start_token + 1}–${chunk.start_token + chunk.token_count}`);
    const score = cell("");
    const mini = document.createElement("span");
    mini.className = "mini";
    mini.setAttribute("aria-hidden", "true");
    const fill = document.createElement("span");
    fill.className = "mini-fill";
    fill.style.display = "block";
    fill.style.width = pct(chunk.p_fake);
    mini.appendChild(fill);
    score.append(mini, pct(chunk.p_fake));
    rows.appendChild(tr);
  }
  $("windows").hidden = chunks.length === 0;
  renderExplanation(state);
}

function renderExplanation(state) {
  const attributions = state.result.attributions;
  $("explanation").hidden = !attributions;
  if (!attributions) return;
  const maxAbs = Math.max(0, ...attributions.map((a) => Math.abs(a.weight)));
  const of = (source) => attributions.filter((a) => a.source === source);
  $("unit-kind").textContent = state.result.granularity === "sentence" ? "sentences" : "words";
  highlightAttributions($("explained-text"), state.request.text, of("text"), maxAbs);
  const title = of("title");
  $("explained-title").hidden = !state.request.title;
  if (state.request.title) highlightAttributions($("explained-title"), state.request.title, title, maxAbs);
}

chrome.storage.session.get(VERDICT_KEY).then((stored) => show(stored[VERDICT_KEY]));
chrome.storage.onChanged.addListener((changes, area) => {
  if (area === "session" && changes[VERDICT_KEY]) show(changes[VERDICT_KEY].newValue);
});
