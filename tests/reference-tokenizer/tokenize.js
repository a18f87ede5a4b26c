#!/usr/bin/env node
// Reference tokenizer: Hugging Face `tokenizers` (native Rust build via @anush008/tokenizers) configured exactly
// like a BERT uncased/cased fast tokenizer, used to check FakeNews.Core's BertWordPieceTokenizer id for id.
//
// Usage: node tokenize.js --vocab VOCAB.txt [--cased] [--strip-accents true|false] [--no-chinese-chars]
//                         [--max-length N]... [--tokens | --offsets] < texts.jsonl > ids.jsonl
//   --cased: lowercase off; --strip-accents: override strip_accents (default null: follows lowercase).
//   Input: one JSON string per line (or an object with a "text" field).
//   Output: one JSON array per input line: [fullIds, truncatedIds(N1), truncatedIds(N2), ...]; every list has
//   [CLS] and [SEP]; fullIds is not truncated. With --tokens the token strings are printed instead of ids; with
//   --offsets each line is [fullIds, offsets]: per id [start, end) in UTF-16 code units (tokenizers counts code
//   points; they are converted here), [0, 0] for [CLS] and [SEP].
// Special-token strings that occur inside the text ("[SEP]") are NOT matched as special tokens (no added_tokens),
// matching FakeNews.Core, so user text cannot inject control tokens.
'use strict';
const fs = require('fs');
const { Tokenizer } = require('@anush008/tokenizers');

function parseArgs(argv) {
  const args = { vocab: null, lowercase: true, stripAccents: null, chinese: true, maxLengths: [], tokens: false, offsets: false, maxChars: 100 };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--vocab') args.vocab = argv[++i];
    else if (a === '--cased') args.lowercase = false;
    else if (a === '--strip-accents') args.stripAccents = argv[++i] === 'true';
    else if (a === '--no-chinese-chars') args.chinese = false;
    else if (a === '--max-length') args.maxLengths.push(parseInt(argv[++i], 10));
    else if (a === '--tokens') args.tokens = true;
    else if (a === '--offsets') args.offsets = true;
    else if (a === '--max-input-chars-per-word') args.maxChars = parseInt(argv[++i], 10);
    else throw new Error(`unknown argument '${a}'`);
  }
  if (!args.vocab) throw new Error('--vocab VOCAB.txt is required');
  for (const n of args.maxLengths) if (!(n >= 2)) throw new Error('--max-length must be an integer >= 2');
  return args;
}

// Same as tokenizers' WordPiece::read_file: one token per line (split on \n only), trailing White_Space trimmed as
// Rust's trim_end does (JavaScript's trimEnd would also trim U+FEFF), the id is the line index and a repeated token
// keeps its last index.
const trailingWhiteSpace = /[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+$/u;
function readVocab(path) {
  const lines = fs.readFileSync(path, 'utf8').split('\n');
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  const vocab = {};
  lines.forEach((line, index) => { vocab[line.replace(trailingWhiteSpace, '')] = index; });
  return vocab;
}

function buildTokenizer(vocab, lowercase, maxChars, maxLength, stripAccents = null, chinese = true) {
  for (const t of ['[UNK]', '[CLS]', '[SEP]']) {
    if (!(t in vocab)) throw new Error(`the vocabulary lacks the special token ${t}`);
  }
  const special = (t) => ({ id: t, ids: [vocab[t]], tokens: [t] });
  const json = {
    version: '1.0',
    truncation: maxLength ? { direction: 'Right', max_length: maxLength, strategy: 'LongestFirst', stride: 0 } : null,
    padding: null,
    added_tokens: [],
    normalizer: { type: 'BertNormalizer', clean_text: true, handle_chinese_chars: chinese, strip_accents: stripAccents, lowercase },
    pre_tokenizer: { type: 'BertPreTokenizer' },
    post_processor: {
      type: 'TemplateProcessing',
      single: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } }],
      pair: [{ SpecialToken: { id: '[CLS]', type_id: 0 } }, { Sequence: { id: 'A', type_id: 0 } },
        { SpecialToken: { id: '[SEP]', type_id: 0 } }, { Sequence: { id: 'B', type_id: 1 } },
        { SpecialToken: { id: '[SEP]', type_id: 1 } }],
      special_tokens: { '[CLS]': special('[CLS]'), '[SEP]': special('[SEP]') },
    },
    decoder: null,
    model: {
      type: 'WordPiece', unk_token: '[UNK]', continuing_subword_prefix: '##', max_input_chars_per_word: maxChars, vocab,
    },
  };
  return Tokenizer.fromString(JSON.stringify(json));
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const vocab = readVocab(args.vocab);
  const tokenizers = [null, ...args.maxLengths]
    .map((n) => buildTokenizer(vocab, args.lowercase, args.maxChars, n, args.stripAccents, args.chinese));
  const input = fs.readFileSync(0, 'utf8').split('\n');
  if (input.length > 0 && input[input.length - 1] === '') input.pop();
  const texts = input.map((line, i) => {
    const value = JSON.parse(line);
    if (typeof value === 'string') return value;
    if (value && typeof value.text === 'string') return value.text;
    throw new Error(`line ${i + 1}: expected a JSON string or an object with a "text" string`);
  });
  const chunk = 512;
  for (let start = 0; start < texts.length; start += chunk) {
    const part = texts.slice(start, start + chunk);
    const results = await Promise.all(tokenizers.map((t) => t.encodeBatch(part)));
    const lines = [];
    for (let i = 0; i < part.length; i++) {
      if (args.offsets) {
        lines.push(JSON.stringify([results[0][i].getIds(), utf16Offsets(part[i], results[0][i].getOffsets())]));
        continue;
      }
      lines.push(JSON.stringify(results.map((r) => (args.tokens ? r[i].getTokens() : r[i].getIds()))));
    }
    if (!process.stdout.write(lines.join('\n') + '\n')) {
      await new Promise((resolve) => process.stdout.once('drain', resolve));
    }
  }
}

// tokenizers' offsets count code points (a lone surrogate counts as one: it reaches Rust as U+FFFD).
function utf16Offsets(text, offsets) {
  const at = [0];
  for (const c of text) at.push(at[at.length - 1] + c.length);
  return offsets.map(([start, end]) => [at[start], at[end]]);
}

module.exports = { readVocab, buildTokenizer };

if (require.main === module) {
  main().catch((error) => { process.stderr.write(`reference tokenizer: ${error.message}\n`); process.exit(1); });
}
