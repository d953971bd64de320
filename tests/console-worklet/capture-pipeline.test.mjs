// The console's capture pipeline (src/Parley.Server/Console/wwwroot/capture-pipeline.js): what both capture paths
// (the track reader and the AudioWorklet) run on the microphone's samples. Run: node --test tests/console-worklet

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

// Browser ES modules without a package.json: loaded as data: URLs, the pipeline's import of the resampler pointed at one too.
const moduleUrl = (source) => `data:text/javascript;base64,${Buffer.from(source).toString('base64')}`;
const read = (name) => readFileSync(new URL(`../../src/Parley.Server/Console/wwwroot/${name}`, import.meta.url), 'utf8');
const resamplerUrl = moduleUrl(read('resampler.js'));
const { Resampler } = await import(resamplerUrl);
const { CapturePipeline, CHUNK_SAMPLES } = await import(moduleUrl(read('capture-pipeline.js').replace("'./resampler.js'", `'${resamplerUrl}'`)));

function tone(rate, seconds, amplitude = 0.5, hz = 440) {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, i) => amplitude * Math.sin((2 * Math.PI * hz * i) / rate));
}

function run(rate, input, blocks) {
  const chunks = [];
  const levels = [];
  const pipeline = new CapturePipeline(rate, { onChunk: (c) => chunks.push(c), onLevel: (rms, peak) => levels.push({ rms, peak }) });
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = Math.min(blocks(i), input.length - at);
    pipeline.process([input.subarray(at, at + size)], size);
    at += size;
  }
  return { chunks, levels };
}

test('chunks are 4096 samples of the resampler output, the same however the input is split', () => {
  const input = tone(48000, 2);
  const expected = [];
  new Resampler(48000, 16000).process(input, (v) => expected.push(Math.round(Math.max(-1, Math.min(1, v)) * (v < 0 ? 32768 : 32767)) + 0)); // + 0: an Int16Array holds no -0
  for (const blocks of [() => 128, () => 480, (i) => 1 + ((i * 7919) % 1000)]) {
    const { chunks } = run(48000, input, blocks);
    assert.equal(chunks.length, Math.floor(expected.length / CHUNK_SAMPLES));
    for (const chunk of chunks) assert.equal(chunk.length, CHUNK_SAMPLES);
    assert.deepEqual(Array.from(chunks.flatMap((c) => Array.from(c))), expected.slice(0, chunks.length * CHUNK_SAMPLES));
  }
});

test('each chunk is a new array, so a chunk handed on is never written again', () => {
  const { chunks } = run(16000, tone(16000, 1), () => 160);
  assert.equal(new Set(chunks.map((c) => c.buffer)).size, chunks.length);
});

test('the level comes twenty times a second with the RMS and peak of the input', () => {
  const { levels } = run(44100, tone(44100, 1, 0.5), () => 441);
  assert.equal(levels.length, 20);
  for (const { rms, peak } of levels) {
    assert.ok(Math.abs(rms - 0.5 / Math.SQRT2) < 0.01, `rms ${rms}`);
    assert.ok(peak <= 0.5 && peak > 0.49, `peak ${peak}`);
  }
});

test('several channels are mixed to one', () => {
  const left = tone(16000, 1, 0.5);
  const silent = new Float32Array(left.length);
  const chunks = [];
  const pipeline = new CapturePipeline(16000, { onChunk: (c) => chunks.push(c), onLevel: () => {} });
  pipeline.process([left, silent], left.length);
  const halved = run(16000, tone(16000, 1, 0.25), () => left.length).chunks;
  assert.deepEqual(chunks, halved);
});
