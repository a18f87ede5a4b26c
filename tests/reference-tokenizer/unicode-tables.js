#!/usr/bin/env node
// Generates src/FakeNews.Core/Tokenization/BertUnicode.Data.g.cs: the per-code-point behaviour of Hugging Face's
// BertNormalizer and BertPreTokenizer, read off the reference itself. HF mixes three Unicode versions (Rust std for
// lowercase and whitespace, the old `unicode_categories` crate for control/punctuation/non-spacing marks, and
// `unicode-normalization` for NFD), and .NET cannot do NFD at all under InvariantGlobalization, so the only exact
// source is the reference. Usage: node unicode-tables.js [OUTPUT.cs]   (run `npm ci` first)
'use strict';
const fs = require('fs');
const path = require('path');
const { bertNormalizer, bertPreTokenizer } = require('@anush008/tokenizers');

const version = require('@anush008/tokenizers/package.json').version;
const out = process.argv[2] ||
  path.join(__dirname, '..', '..', 'src', 'FakeNews.Core', 'Tokenization', 'BertUnicode.Data.g.cs');

const normalizer = (o) => bertNormalizer({ cleanText: false, handleChineseChars: false, stripAccents: false, lowercase: false, ...o });
const clean = normalizer({ cleanText: true, handleChineseChars: true });
const maps = {
  U: normalizer({ stripAccents: true, lowercase: true }),
  S: normalizer({ stripAccents: true }),
  L: normalizer({ lowercase: true }),
};
const pre = bertPreTokenizer();
const hex = (s) => Array.from(s).map((c) => c.codePointAt(0).toString(16)).join(' ');

const isHangulSyllable = (cp) => cp >= 0xac00 && cp <= 0xd7a3;
function hangulNfd(cp) { // Unicode 3.12 algorithmic decomposition, checked against the reference below
  const s = cp - 0xac00;
  const l = 0x1100 + Math.floor(s / 588), v = 0x1161 + Math.floor((s % 588) / 28), t = 0x11a7 + (s % 28);
  return String.fromCodePoint(l, v) + (t === 0x11a7 ? '' : String.fromCodePoint(t));
}

const ranges = { R: [], W: [], P: [], C: [] };
function addToRange(kind, cp) {
  const list = ranges[kind];
  const last = list[list.length - 1];
  if (last && last[1] === cp - 1) last[1] = cp; else list.push([cp, cp]);
}
const mapLines = [];
for (let cp = 0; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const c = String.fromCodePoint(cp);
  const cleaned = clean.normalizeString(c);
  if (cleaned === '') { addToRange('R', cp); continue; }
  if (cleaned === ' ') addToRange('W', cp);
  else if (cleaned === ` ${c} `) addToRange('C', cp);
  else if (cleaned !== c) throw new Error(`unexpected clean_text result for U+${cp.toString(16)}`);
  const pieces = pre.preTokenizeString(`a${c}a`).length;
  if (pieces === 3) addToRange('P', cp);
  else if (pieces !== 1 && cleaned !== ' ') throw new Error(`unexpected split of U+${cp.toString(16)}`);
  if (cleaned === ' ' || cp < 0x80) continue; // ASCII is handled in code (checked by the tests)
  for (const [mode, n] of Object.entries(maps)) {
    const mapped = n.normalizeString(c);
    if (mapped === c) continue;
    if (isHangulSyllable(cp) && mode !== 'L') {
      if (mapped !== hangulNfd(cp)) throw new Error(`Hangul U+${cp.toString(16)} does not decompose as expected`);
      continue;
    }
    mapLines.push(`${mode} ${cp.toString(16)} ${hex(mapped)}`.trimEnd());
  }
}
// Canonical ordering (NFD sorts runs of non-starters by combining class). Only the marks that survive accent stripping
// matter, and of those only the order between them, so the table holds a rank, not the class itself:
//   N cp rank   a kept non-starter; B cp   a dropped mark that is a starter (it still ends a run before it goes).
const strip = maps.S;
const high = '\u{1d16d}', low = '\u{1d165}'; // kept non-starters of classes 226 and 216
if (strip.normalizeString(`a${high}${low}`) !== `a${low}${high}`) throw new Error('probe marks are not reordered');
const nonStarters = [], barriers = [];
for (let cp = 0x80; cp <= 0x10ffff; cp++) {
  if (cp >= 0xd800 && cp <= 0xdfff) continue;
  const c = String.fromCodePoint(cp);
  const mapped = strip.normalizeString(c);
  if (mapped !== c && mapped !== '') continue;
  const probe = `a${high}${c}${low}`;
  const out = strip.normalizeString(probe);
  if (mapped === c && out !== probe) nonStarters.push(c);
  else if (mapped === '' && out === `a${high}${low}`) barriers.push(cp);
}
const swaps = (x, y) => x !== y && strip.normalizeString(`a${x}${y}`) === `a${y}${x}`;
nonStarters.sort((x, y) => (swaps(x, y) ? 1 : swaps(y, x) ? -1 : 0));
const rank = new Map();
nonStarters.forEach((c, i) => {
  const previous = nonStarters[i - 1];
  rank.set(c, i === 0 ? 1 : rank.get(previous) + (swaps(previous, c) || swaps(c, previous) ? 1 : 0));
});
for (const x of nonStarters) {
  for (const y of nonStarters) {
    if (swaps(x, y) !== (rank.get(x) > rank.get(y))) throw new Error(`combining classes are not a total order: ${x.codePointAt(0).toString(16)} ${y.codePointAt(0).toString(16)} ${rank.get(x)} ${rank.get(y)}`);
  }
}
for (const c of nonStarters) mapLines.push(`N ${c.codePointAt(0).toString(16)} ${rank.get(c)}`);
for (const cp of barriers) mapLines.push(`B ${cp.toString(16)}`);

const rangeLines = [];
for (const [kind, list] of Object.entries(ranges)) {
  for (const [a, b] of list) rangeLines.push(a === b ? `${kind} ${a.toString(16)}` : `${kind} ${a.toString(16)}-${b.toString(16)}`);
}
const body = [...rangeLines, ...mapLines].join('\n');
const cs = `// <auto-generated>
// Generated by tests/reference-tokenizer/unicode-tables.js from @anush008/tokenizers ${version} (Hugging Face
// tokenizers). Do not edit: rerun the script. One entry a line, code points in hex:
//   R a-b  removed by clean_text (NUL, U+FFFD, control, format, private use)
//   W a-b  whitespace (becomes a word boundary)
//   P a-b  punctuation for BertPreTokenizer (its own token)
//   C a-b  CJK ideograph surrounded by spaces (handle_chinese_chars)
//   U cp x y...  strip accents + lowercase (NFD, drop Mn, lowercase); S: strip accents only; L: lowercase only.
//   N cp rank  a non-starter that survives accent stripping, with its rank in NFD's canonical ordering.
//   B cp  a mark that accent stripping drops but that NFD treats as a starter (it ends a run of non-starters).
//   Code points not listed map to themselves; ASCII and Hangul syllables (NFD by formula) are handled in code.
// </auto-generated>
namespace FakeNews.Core.Tokenization;

internal static partial class BertUnicode
{
    private const string Data = """
${body}
""";
}
`;
fs.writeFileSync(out, cs);
process.stderr.write(`wrote ${out}: ${rangeLines.length} ranges, ${mapLines.length} mappings and marks\n`);
