// The options page's settings, in chrome.storage.local (never synced: the key stays on this machine).
export const DEFAULTS = Object.freeze({ baseUrl: "http://127.0.0.1:5080", apiKey: "", explain: true });

export async function loadSettings() {
  const stored = await chrome.storage.local.get(Object.keys(DEFAULTS));
  return { ...DEFAULTS, ...stored };
}

export async function saveSettings(settings) {
  await chrome.storage.local.set(settings);
}

// A base URL the API can be reached at: http or https, no query or fragment; the trailing slash is dropped.
export function normalizeBaseUrl(value) {
  let url;
  try {
    url = new URL(value.trim());
  } catch {
    return null;
  }
  if ((url.protocol !== "http:" && url.protocol !== "https:") || url.search || url.hash || url.username || url.password) return null;
  return url.href.replace(/\/+$/, "");
}
