#!/usr/bin/env node
// Runs an ONNX model with onnxruntime-node (CPU) on raw input files; used by the Python side
// for parity checks and timing. Usage: node ort_run.js SPEC.json
// SPEC: {"model": path, "threads": 2, "inputs": [{"name","dtype":"float32"|"int64","shape":[...],"file"}],
//        "out_dir": path (writes <name>.bin float32 + outputs.json), "bench": {"warmup":3,"runs":20}}
'use strict';
const fs = require('fs');
const path = require('path');

function findOrt() {
  const env = process.env.SCCDM_ORT_NODE;
  if (env) return env;
  let dir = __dirname;
  for (;;) {
    const cand = path.join(dir, '.deps', 'npm', 'node_modules', 'onnxruntime-node');
    if (fs.existsSync(cand)) return cand;
    const up = path.dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  throw new Error('onnxruntime-node not found: set SCCDM_ORT_NODE');
}

async function main() {
  const spec = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
  const ort = require(findOrt());
  const threads = spec.threads || 2;
  const session = await ort.InferenceSession.create(spec.model, {
    intraOpNumThreads: threads, interOpNumThreads: 1, executionMode: 'sequential',
    graphOptimizationLevel: 'all', executionProviders: ['cpu'],
  });
  const feeds = {};
  for (const inp of spec.inputs) {
    const buf = fs.readFileSync(inp.file);
    const ab = buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.byteLength);
    const data = inp.dtype === 'int64' ? new BigInt64Array(ab) : new Float32Array(ab);
    feeds[inp.name] = new ort.Tensor(inp.dtype, data, inp.shape);
  }
  const result = { inputNames: session.inputNames, outputNames: session.outputNames, outputs: {} };
  let out = await session.run(feeds);
  if (spec.bench) {
    const warm = spec.bench.warmup || 3, runs = spec.bench.runs || 20;
    for (let i = 0; i < warm; i++) out = await session.run(feeds);
    const times = [];
    for (let i = 0; i < runs; i++) {
      const t0 = process.hrtime.bigint();
      out = await session.run(feeds);
      times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    }
    times.sort((a, b) => a - b);
    result.bench_ms = { min: times[0], median: times[Math.floor(times.length / 2)], runs };
  }
  if (spec.out_dir) {
    fs.mkdirSync(spec.out_dir, { recursive: true });
    for (const name of session.outputNames) {
      const t = out[name];
      fs.writeFileSync(path.join(spec.out_dir, name + '.bin'), Buffer.from(t.data.buffer, t.data.byteOffset, t.data.byteLength));
      result.outputs[name] = { dims: t.dims, type: t.type };
    }
  }
  process.stdout.write(JSON.stringify(result) + '\n');
}

main().catch((e) => { console.error(String(e && e.stack || e)); process.exit(1); });
