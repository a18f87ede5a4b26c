// The latest verdict, shared by the service worker (writer) and the side panel (reader) through chrome.storage.session:
// { status: "working" | "done" | "error", source: "selection" | "page", url, request: { text, title }, result, error }.
export const VERDICT_KEY = "verdict";

export async function storeVerdict(state) {
  await chrome.storage.session.set({ [VERDICT_KEY]: { ...state, at: Date.now() } });
}
