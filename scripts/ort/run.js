// Runs one ONNX model under ONNX Runtime (CPU) for the Python scripts, which cannot install Python onnxruntime.
// Usage: node run.js <request.json>
// request.json: { "model": "path.onnx", "inputs": [{ "name", "dtype": "int64"|"float32", "dims": [...], "file" }],
//                 "outputDir": "dir" }
// or, to run many batches through one session: { "model", "batches": [[inputs of batch 0], ...], "outputDir" },
// optionally with "profilePrefix": ONNX Runtime's profiler writes <profilePrefix>_<time>.json for those runs.
// Writes <outputDir>/<name>.bin (raw little-endian float32) and <outputDir>/outputs.json ({ name: dims }); with
// "batches", <outputDir>/b<i>_<name>.bin and outputs.json { "batches": [{ name: dims }, ...] }.
'use strict';
const fs = require('fs');
const path = require('path');
const ort = require('onnxruntime-node');

async function main() {
  const requestPath = process.argv[2];
  if (!requestPath) {
    throw new Error('usage: node run.js <request.json>');
  }
  const request = JSON.parse(fs.readFileSync(requestPath, 'utf8'));
  const session = await ort.InferenceSession.create(request.model, {
    executionProviders: ['cpu'],
    intraOpNumThreads: request.threads || 1,
    graphOptimizationLevel: 'all',
    ...(request.profilePrefix ? { enableProfiling: true, profileFilePrefix: request.profilePrefix } : {}),
  });
  if (request.batches) {
    const batches = [];
    for (let i = 0; i < request.batches.length; i++) {
      const results = await session.run(readFeeds(request.batches[i]));
      batches.push(writeOutputs(results, request.outputDir, `b${i}_`));
    }
    if (request.profilePrefix) {
      session.endProfiling();
    }
    fs.writeFileSync(path.join(request.outputDir, 'outputs.json'), JSON.stringify({
      inputNames: session.inputNames, outputNames: session.outputNames, batches,
    }));
    return;
  }
  const results = await session.run(readFeeds(request.inputs));
  fs.writeFileSync(path.join(request.outputDir, 'outputs.json'), JSON.stringify({
    inputNames: session.inputNames, outputNames: session.outputNames,
    outputs: writeOutputs(results, request.outputDir, ''),
  }));
}

function readFeeds(inputs) {
  const feeds = {};
  for (const input of inputs) {
    const bytes = fs.readFileSync(input.file);
    const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength);
    let data;
    if (input.dtype === 'int64') {
      data = new BigInt64Array(buffer);
    } else if (input.dtype === 'float32') {
      data = new Float32Array(buffer);
    } else {
      throw new Error(`unsupported dtype ${input.dtype} for input ${input.name}`);
    }
    feeds[input.name] = new ort.Tensor(input.dtype, data, input.dims);
  }
  return feeds;
}

function writeOutputs(results, outputDir, prefix) {
  const manifest = {};
  for (const [name, tensor] of Object.entries(results)) {
    if (tensor.type !== 'float32') {
      throw new Error(`output ${name} has type ${tensor.type}; only float32 is supported`);
    }
    const data = tensor.data;
    const file = `${prefix}${safeName(name)}.bin`;
    fs.writeFileSync(path.join(outputDir, file), Buffer.from(data.buffer, data.byteOffset, data.byteLength));
    manifest[name] = { dims: tensor.dims, file };
  }
  return manifest;
}

function safeName(name) {
  return name.replace(/[^A-Za-z0-9_.-]/g, '_');
}

main().catch((error) => {
  console.error(error && error.stack ? error.stack : String(error));
  process.exit(1);
});
