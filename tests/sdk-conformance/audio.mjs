// Audio for the recording tests: speech synthesised at test time with the Flite command line, and WAV reading.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A canonical PCM16 WAV: its rate, channels and samples (an Int16Array, interleaved when stereo); the header is checked against the data. */
export function parseWav(bytes, where = 'WAV') {
  const buffer = Buffer.from(bytes);
  assert.ok(buffer.length >= 44, `${where}: ${buffer.length} bytes is no WAV`);
  assert.equal(buffer.toString('ascii', 0, 4), 'RIFF', `${where}: RIFF`);
  assert.equal(buffer.readUInt32LE(4), buffer.length - 8, `${where}: the RIFF length is the file's`);
  assert.equal(buffer.toString('ascii', 8, 16), 'WAVEfmt ', `${where}: WAVE fmt`);
  assert.equal(buffer.readUInt16LE(20), 1, `${where}: PCM`);
  assert.equal(buffer.readUInt16LE(34), 16, `${where}: 16 bits`);
  assert.equal(buffer.toString('ascii', 36, 40), 'data', `${where}: data follows fmt`);
  assert.equal(buffer.readUInt32LE(40), buffer.length - 44, `${where}: the data length is the rest of the file`);
  const channels = buffer.readUInt16LE(22);
  const rate = buffer.readUInt32LE(24);
  const samples = new Int16Array(buffer.buffer.slice(buffer.byteOffset + 44, buffer.byteOffset + buffer.length));
  return { rate, channels, samples, durationMs: (samples.length / channels / rate) * 1000 };
}

/** PCM16 mono 16 kHz samples of `text` spoken by Flite's rms voice. */
export function say(text) {
  const dir = mkdtempSync(join(tmpdir(), 'parley-sdk-speech-'));
  try {
    const path = join(dir, 'speech.wav');
    execFileSync('flite', ['-voice', 'rms', '-t', text, '-o', path]);
    const wav = parseWav(readFileSync(path), 'flite');
    assert.equal(wav.rate, 16000, 'Flite rms speaks at 16 kHz');
    return wav.samples;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** `ms` of silence at 16 kHz. */
export const silence = (ms) => new Int16Array(Math.round(ms * 16));

/** Joins sample arrays. */
export function concat(...parts) {
  const out = new Int16Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** Where `needle` first occurs in `haystack` as a run of samples, or -1. */
export function indexOf(haystack, needle) {
  const h = Buffer.from(haystack.buffer, haystack.byteOffset, haystack.byteLength);
  const n = Buffer.from(needle.buffer, needle.byteOffset, needle.byteLength);
  for (let from = 0; ; ) {
    const at = h.indexOf(n, from);
    if (at < 0) return -1;
    if (at % 2 === 0) return at / 2;
    from = at + 1;
  }
}

/** One channel of interleaved samples. */
export function channel(samples, channels, which) {
  const out = new Int16Array(samples.length / channels);
  for (let i = 0; i < out.length; i++) out[i] = samples[i * channels + which];
  return out;
}
