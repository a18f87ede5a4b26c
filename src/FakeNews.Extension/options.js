// The options page: the API's base URL, the API key and whether to ask for explanations.
import { DEFAULTS, loadSettings, normalizeBaseUrl, saveSettings } from "./lib/settings.js";

const $ = (id) => document.getElementById(id);

async function save() {
  const baseUrl = normalizeBaseUrl($("base-url").value || DEFAULTS.baseUrl);
  if (!baseUrl) {
    $("message").textContent = "The base URL must be an http:// or https:// address, such as http://127.0.0.1:5080.";
    return null;
  }
  const settings = { baseUrl, apiKey: $("api-key").value.trim(), explain: $("explain").checked };
  await saveSettings(settings);
  $("base-url").value = baseUrl;
  $("message").textContent = "Saved.";
  return settings;
}

// GET /v1/model checks the address, CORS and the key in one request without classifying anything.
async function test() {
  const settings = await save();
  if (!settings) return;
  $("message").textContent = "Testing…";
  const headers = settings.apiKey ? { Authorization: `Bearer ${settings.apiKey}` } : {};
  let response;
  try {
    response = await fetch(`${settings.baseUrl}/v1/model`, { headers, credentials: "omit" });
  } catch {
    $("message").textContent = `Cannot reach the API at ${settings.baseUrl}, or it does not allow this extension's origin (${location.origin}) in Api:Cors:Origins.`;
    return;
  }
  const model = await response.json().catch(() => ({}));
  $("message").textContent = response.ok
    ? `Connected: ${model.name} ${model.version} (${model.execution_provider}).`
    : response.status === 401
      ? (settings.apiKey ? "The API refused this API key." : "The API needs an API key.")
      : response.status === 429
        ? `The API is busy; try again in ${response.headers.get("Retry-After") || "a few"} s.`
        : response.status === 503
          ? "The API is up but its model is still loading."
          : `The API answered HTTP ${response.status}.`;
}

$("options-form").addEventListener("submit", (event) => {
  event.preventDefault();
  save();
});
$("test").addEventListener("click", () => test());
$("origin-setting").textContent = `--Api:Cors:Origins:0=${location.origin}`;
loadSettings().then((settings) => {
  $("base-url").value = settings.baseUrl;
  $("api-key").value = settings.apiKey;
  $("explain").checked = settings.explain;
});
