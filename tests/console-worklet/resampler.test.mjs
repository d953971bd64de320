// The console's microphone resampler (src/Parley.Server/Console/wwwroot/resampler.js) held to its specification on
// sine sweeps, at every context rate a browser commonly runs: passband flat, aliases rejected, no time shift, and the
// same output however the audio is chunked. Run: node --test tests/console-worklet

import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';

// The console's modules are plain browser ES modules (.js without a package.json saying so); a data: URL is always
// read as a module, whatever Node version runs this.
const source = readFileSync(new URL('../../src/Parley.Server/Console/wwwroot/resampler.js', import.meta.url), 'utf8');
const { Resampler } = await import(`data:text/javascript;base64,${Buffer.from(source).toString('base64')}`);

const OUTPUT_RATE = 16000;
const AMPLITUDE = 0.5;
const SWEEP_SECONDS = 4;
const WINDOW = 480; // 30 ms of output per measurement
const PASSBAND_HZ = 7000;
const STOPBAND_HZ = 8000;

/** A linear sine sweep from `from` to `to` Hz; `frequencyAt(t)` and `valueAt(t)` describe it at any instant. */
function sweep(from, to, seconds) {
  const rate = (to - from) / seconds;
  return {
    frequencyAt: (t) => from + rate * t,
    valueAt: (t) => AMPLITUDE * Math.sin(2 * Math.PI * (from * t + (rate * t * t) / 2)),
  };
}

function resampleAll(inputRate, input, chunking = () => 128) {
  const resampler = new Resampler(inputRate, OUTPUT_RATE);
  const output = [];
  for (let at = 0; at < input.length;) {
    const size = Math.min(chunking(), input.length - at);
    resampler.process(input.subarray(at, at + size), (sample) => output.push(sample));
    at += size;
  }
  return { resampler, output: Float64Array.from(output) };
}

function rms(values) {
  let sum = 0;
  for (const v of values) sum += v * v;
  return Math.sqrt(sum / values.length);
}

const db = (ratio) => 20 * Math.log10(ratio);

/** Sweeps 20 Hz to just under the input's Nyquist and measures each 30 ms output window against the ideal. */
function measure(inputRate) {
  const s = sweep(20, inputRate * 0.495, SWEEP_SECONDS);
  const input = new Float32Array(Math.round(SWEEP_SECONDS * inputRate));
  for (let i = 0; i < input.length; i++) input[i] = s.valueAt(i / inputRate);
  const { resampler, output } = resampleAll(inputRate, input);

  const passband = { worstGainDb: 0, worstErrorDb: -Infinity, windows: 0 };
  const stopband = { worstDb: -Infinity, windows: 0 };
  // Skip the filter's start-up and the sweep's end (the last outputs wait for inputs that never come).
  for (let start = WINDOW; start + WINDOW < output.length - WINDOW; start += WINDOW) {
    const t0 = start / OUTPUT_RATE;
    const t1 = (start + WINDOW) / OUTPUT_RATE;
    const got = output.subarray(start, start + WINDOW);
    if (s.frequencyAt(t1) <= PASSBAND_HZ) {
      const ideal = Float64Array.from({ length: WINDOW }, (_, k) => s.valueAt((start + k) / OUTPUT_RATE));
      const error = got.map((v, k) => v - ideal[k]);
      const gain = db(rms(got) / rms(ideal));
      if (Math.abs(gain) > Math.abs(passband.worstGainDb)) passband.worstGainDb = gain;
      passband.worstErrorDb = Math.max(passband.worstErrorDb, db(rms(error) / rms(ideal)));
      passband.windows += 1;
    } else if (s.frequencyAt(t0) >= STOPBAND_HZ) {
      stopband.worstDb = Math.max(stopband.worstDb, db(rms(got) / (AMPLITUDE / Math.SQRT2)));
      stopband.windows += 1;
    }
  }
  return { resampler, input, output, passband, stopband };
}

for (const inputRate of [44100, 48000, 96000, 32000, 22050]) {
  test(`${inputRate} Hz to 16 kHz: flat to 7 kHz, everything from 8 kHz at least 80 dB down, no time shift`, () => {
    const { resampler, input, output, passband, stopband } = measure(inputRate);
    const figures = `passband gain ${passband.worstGainDb.toFixed(3)} dB, error ${passband.worstErrorDb.toFixed(1)} dB; `
      + `stopband ${stopband.worstDb.toFixed(1)} dB; ${resampler.taps} taps, latency ${(1000 * resampler.latency / inputRate).toFixed(2)} ms`;
    console.log(`${inputRate} Hz: ${figures}`);

    assert.ok(passband.windows > 10, `too few passband windows (${passband.windows})`);
    assert.ok(Math.abs(passband.worstGainDb) <= 0.1, `passband not flat within 0.1 dB: ${figures}`);
    // The waveform itself, not only its level: a shift of even a quarter sample at 7 kHz would show here.
    assert.ok(passband.worstErrorDb <= -40, `passband waveform differs from the ideal: ${figures}`);
    if (inputRate / 2 > STOPBAND_HZ * 1.1) {
      assert.ok(stopband.windows > 10, `too few stopband windows (${stopband.windows})`);
      assert.ok(stopband.worstDb <= -80, `an alias is less than 80 dB down: ${figures}`);
    }

    // Exactly one output per 1/16000 s of input, less the samples still waiting for their look-ahead.
    const expected = Math.floor((input.length - 1 - resampler.latency) / (inputRate / OUTPUT_RATE)) + 1;
    assert.ok(Math.abs(output.length - expected) <= 1, `${output.length} outputs for ${input.length} inputs, expected ${expected}`);
  });
}

test('the same rate passes the audio through untouched', () => {
  const input = Float32Array.from({ length: 1000 }, (_, i) => Math.sin(i / 3) * 0.25);
  const { output } = resampleAll(16000, input);
  assert.deepEqual(Array.from(output), Array.from(input));
});

test('the output is the same whatever the sizes of the chunks fed in', () => {
  const inputRate = 44100;
  const s = sweep(20, 20000, 1);
  const input = Float32Array.from({ length: inputRate }, (_, i) => s.valueAt(i / inputRate));
  const quanta = resampleAll(inputRate, input, () => 128).output;
  const single = resampleAll(inputRate, input, () => 1).output;
  let seed = 7;
  const random = resampleAll(inputRate, input, () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return 1 + (seed % 3000);
  }).output;
  const whole = resampleAll(inputRate, input, () => input.length).output;
  assert.deepEqual(Array.from(single), Array.from(quanta));
  assert.deepEqual(Array.from(random), Array.from(quanta));
  assert.deepEqual(Array.from(whole), Array.from(quanta));
});

test('rates that make no filter are refused', () => {
  assert.throws(() => new Resampler(0, 16000), RangeError);
  assert.throws(() => new Resampler(48000, 16000, { passband: 9000, stopband: 8000 }), RangeError);
});
