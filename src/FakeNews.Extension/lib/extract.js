// The page's main text, by the rules of the CLI's HTML reader (src/FakeNews.Cli/Readers/HtmlReader.cs): the content
// root is the longest <article>, else <main>, else <body>; navigation, headers, footers, asides, scripts, styles and
// forms are dropped; block elements become paragraphs separated by blank lines. The title is the first <h1> (removed
// from the body), else <title>. It reads the live document, so text that scripts added counts too.
//
// Injected with chrome.scripting.executeScript({ func }), which sends the function's source: it must not use
// anything outside its own body.
export function extractMainText() {
  const dropped = new Set([
    "nav", "header", "footer", "aside", "script", "style", "noscript", "form", "template", "iframe", "svg",
    "button", "select", "textarea", "input", "object", "embed", "canvas", "head",
  ]);
  const blocks = new Set([
    "p", "div", "section", "article", "main", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "dl", "dt",
    "dd", "blockquote", "pre", "table", "tr", "td", "th", "caption", "figure", "figcaption", "br", "hr",
    "address", "details", "summary", "body",
  ]);
  // .NET's char.IsWhiteSpace, which the CLI splits on.
  const collapse = (text) => text.split(/[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean).join(" ");
  const name = (element) => element.localName.toLowerCase();
  const insideDropped = (element) => {
    for (let parent = element.parentElement; parent; parent = parent.parentElement) {
      if (dropped.has(name(parent))) return true;
    }
    return false;
  };

  let root = null;
  for (const article of document.querySelectorAll("article")) {
    if (!root || article.textContent.length > root.textContent.length) root = article;
  }
  root = root || document.querySelector("main") || document.body || document.documentElement;

  // An article's own <h1> often sits in its <header>, which the body drops; outside the root, skip site chrome.
  let heading = root.querySelector("h1") || [...document.querySelectorAll("h1")].find((h) => !insideDropped(h)) || null;
  let title = collapse(heading ? heading.textContent : "");
  if (!title) {
    heading = null;
    title = collapse(document.title || "");
  }

  const paragraphs = [];
  let current = "";
  const flush = () => {
    const text = collapse(current);
    current = "";
    if (text) paragraphs.push(text);
  };
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE || child.nodeType === Node.CDATA_SECTION_NODE) {
        current += child.textContent;
      } else if (child.nodeType === Node.ELEMENT_NODE && child !== heading && !dropped.has(name(child))) {
        const block = blocks.has(name(child));
        if (block) flush();
        walk(child);
        if (block) flush();
      }
    }
  };
  walk(root);
  flush();
  return { title: title || null, text: paragraphs.join("\n\n"), url: location.href };
}
