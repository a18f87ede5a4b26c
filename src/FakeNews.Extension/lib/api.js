// Calls POST /v1/classify and turns every failure into one ClassifyError with a message a reader can act on.

// The API's default Api:MaxRequestBodyBytes; a larger body is refused (413) without being read.
export const MAX_BODY_BYTES = 1 << 20;

export class ClassifyError extends Error {
  // kind: empty | unreadable | too-long | unreachable | key | busy | not-ready | failed
  constructor(kind, message) {
    super(message);
    this.name = "ClassifyError";
    this.kind = kind;
  }
}

// request: { text, title? }; settings: { baseUrl, apiKey, explain }; what: "selection" or "page", for the messages.
export async function classify(request, settings, what = "selection") {
  const text = (request.text || "").trim();
  if (!text) {
    throw new ClassifyError("empty", what === "page"
      ? "No article text was found on this page."
      : "The selection is empty: select some text first.");
  }
  const body = { text: request.text };
  if (request.title && request.title.trim()) body.title = request.title;
  if (settings.explain) body.explain = true;
  const json = JSON.stringify(body);
  if (new TextEncoder().encode(json).length > MAX_BODY_BYTES) {
    throw new ClassifyError("too-long", `The ${what === "page" ? "page's text" : "selection"} is too long to send (over ${MAX_BODY_BYTES / (1 << 20)} MiB); select a part of it.`);
  }

  const headers = { "Content-Type": "application/json" };
  if (settings.apiKey) headers.Authorization = `Bearer ${settings.apiKey}`;
  let response;
  try {
    response = await fetch(`${settings.baseUrl}/v1/classify`, { method: "POST", headers, body: json, credentials: "omit" });
  } catch {
    // A network failure and a CORS refusal look the same from here.
    throw new ClassifyError("unreachable",
      `Cannot reach the FakeNews API at ${settings.baseUrl}. Check that it is running (make serve) and the base URL in the options, `
      + `and that the API lists this extension's origin, ${location.origin}, in Api:Cors:Origins.`);
  }

  const payload = await response.json().catch(() => ({}));
  if (response.ok) return payload;
  const detail = payload.detail ? ` ${payload.detail}` : "";
  const retry = Number.parseInt(response.headers.get("Retry-After") || "", 10);
  const later = Number.isFinite(retry) ? ` Try again in ${retry} s.` : " Try again shortly.";
  switch (response.status) {
    case 401:
      throw new ClassifyError("key", settings.apiKey
        ? "The API refused the API key. Check it in the extension's options: it must be one of the API's Api:Keys."
        : "The API needs an API key. Set one in the extension's options.");
    case 413:
      throw new ClassifyError("too-long", `The text is too long for the API.${detail}`);
    case 422:
      throw new ClassifyError("empty", `The API cannot classify this text.${detail}`);
    case 429:
      throw new ClassifyError("busy", `The API is busy (too many requests).${later}`);
    case 503:
      throw new ClassifyError("not-ready", `The API is starting and its model is not ready yet.${later}`);
    default:
      throw new ClassifyError("failed", `The API answered HTTP ${response.status}${payload.title ? `: ${payload.title}.` : "."}${detail}`);
  }
}
