#!/usr/bin/env node
// Throughput of the Hugging Face reference on LIAR's validation statements (the texts of the .NET benchmark).
// Usage: node bench.js VOCAB.txt LIAR_VALID.tsv [SECONDS]
'use strict';
const fs = require('fs');

const [vocab, tsv, seconds = '5'] = process.argv.slice(2);
if (!vocab || !tsv) throw new Error('usage: node bench.js VOCAB.txt LIAR_VALID.tsv [SECONDS]');
const texts = fs.readFileSync(tsv, 'utf8').split('\n').map((l) => l.split('\t')).filter((f) => f.length > 2).map((f) => f[2]);
const { readVocab, buildTokenizer } = require('./tokenize.js');
const tokenizer = buildTokenizer(readVocab(vocab), true, 100, null);

async function measure(name, run) {
  let tokens = 0, ops = 0;
  await run(); // warm-up
  const start = process.hrtime.bigint();
  const limit = Number(seconds) * 1e9;
  while (Number(process.hrtime.bigint() - start) < limit) { tokens += await run(); ops++; }
  const elapsed = Number(process.hrtime.bigint() - start) / 1e9;
  console.log(`${name}: ${(elapsed / ops * 1000).toFixed(2)} ms per ${texts.length} texts, ${Math.round(tokens / elapsed).toLocaleString('en-US')} tokens/s (special tokens excluded)`);
}

(async () => {
  await measure('encodeBatch (Rust threads)', async () => (await tokenizer.encodeBatch(texts)).reduce((n, e) => n + e.getLength() - 2, 0));
  await measure('encode, one at a time', async () => { let n = 0; for (const t of texts) n += (await tokenizer.encode(t)).getLength() - 2; return n; });
})();
