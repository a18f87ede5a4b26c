// The service worker: the context-menu entry on selected text and the toolbar action both classify through the API
// and leave the verdict in chrome.storage.session, which the side panel shows.
import { classify, ClassifyError } from "./lib/api.js";
import { extractMainText } from "./lib/extract.js";
import { loadSettings } from "./lib/settings.js";
import { storeVerdict } from "./lib/state.js";

export const MENU_ID = "fakenews-classify-selection";

let latestJob = 0;

chrome.runtime.onInstalled.addListener(() => {
  chrome.contextMenus.create({ id: MENU_ID, title: "Classify the selection with FakeNews", contexts: ["selection"] });
});

chrome.contextMenus.onClicked.addListener((info, tab) => {
  if (info.menuItemId !== MENU_ID) return;
  openPanel(tab);
  classifySelection(info.selectionText || "", tab);
});

chrome.action.onClicked.addListener((tab) => {
  openPanel(tab);
  classifyPage(tab);
});

// Opening the side panel needs the click's user gesture, so it is called before anything is awaited.
function openPanel(tab) {
  if (!tab || !chrome.sidePanel) return;
  chrome.sidePanel.open({ windowId: tab.windowId }).catch(() => {});
}

// What the context-menu entry runs: classifies the selected text (a claim or a passage; no title).
export async function classifySelection(text, tab) {
  return run("selection", tab, async () => ({ text }));
}

// What the toolbar action runs: classifies the page's title and main text, extracted in the page (activeTab).
export async function classifyPage(tab) {
  return run("page", tab, async () => {
    let injected;
    try {
      [injected] = await chrome.scripting.executeScript({ target: { tabId: tab.id }, func: extractMainText });
    } catch {
      throw new ClassifyError("unreadable", "This page cannot be read by extensions (a browser page, the web store or a PDF). Select text on an ordinary web page instead.");
    }
    const page = injected && injected.result ? injected.result : { text: "", title: null };
    return { text: page.text, title: page.title };
  });
}

async function run(source, tab, read) {
  const job = ++latestJob;
  const url = tab && tab.url ? tab.url : "";
  await storeVerdict({ status: "working", source, url });
  let state;
  try {
    const request = await read();
    const result = await classify(request, await loadSettings(), source);
    state = { status: "done", source, url, request, result };
  } catch (error) {
    const known = error instanceof ClassifyError;
    state = { status: "error", source, url, error: { kind: known ? error.kind : "failed", message: known ? error.message : `Unexpected error: ${error.message}` } };
  }
  // A later click wins: an older answer arriving late does not replace the newer one.
  if (job !== latestJob) return state;
  await storeVerdict(state);
  await showBadge(state, tab);
  return state;
}

async function showBadge(state, tab) {
  const text = state.status === "done" ? (state.result.label === "fake" ? "FAKE" : "REAL") : "!";
  const color = state.status === "done" ? (state.result.label === "fake" ? "#b91c1c" : "#15803d") : "#6b7280";
  const target = tab && tab.id !== undefined ? { tabId: tab.id } : {};
  await chrome.action.setBadgeText({ ...target, text });
  await chrome.action.setBadgeBackgroundColor({ ...target, color });
}

// Reachable from the service worker's console (and from the browser test), which cannot click a menu or the toolbar.
globalThis.fakenews = { classifySelection, classifyPage };
