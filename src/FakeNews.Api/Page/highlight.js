"use strict";
// Marks each attributed unit of `source` in `element` (offsets are UTF-16, as JavaScript strings count them; a weight
// above 0 pushes toward fake). Built from text nodes, never from HTML, so the text cannot inject markup. Shared by the
// web page and the browser extension, whose lib/highlight.js links to this file.
function highlightAttributions(element, source, units, maxAbs) {
  element.replaceChildren();
  let position = 0;
  for (const unit of units) {
    element.appendChild(document.createTextNode(source.slice(position, unit.start)));
    const mark = document.createElement("mark");
    const towardFake = unit.weight > 0;
    const alpha = maxAbs > 0 ? 0.08 + 0.62 * Math.abs(unit.weight) / maxAbs : 0;
    mark.className = towardFake ? "toward-fake" : "toward-real";
    mark.style.backgroundColor = towardFake ? `rgba(220, 38, 38, ${alpha.toFixed(3)})` : `rgba(22, 163, 74, ${alpha.toFixed(3)})`;
    mark.dataset.weight = String(unit.weight);
    mark.title = `${unit.weight >= 0 ? "+" : ""}${(unit.weight * 100).toFixed(2)} points of p(fake) ${towardFake ? "toward fake" : "toward real"}`;
    mark.textContent = source.slice(unit.start, unit.end);
    element.appendChild(mark);
    position = unit.end;
  }
  element.appendChild(document.createTextNode(source.slice(position)));
}
