// The microphone's samples at any rate -> 16 kHz (resampler.js, whose filter is also the anti-alias low-pass) ->
// PCM16 chunks of 4096 samples (8192 bytes, the size the iOS client sends), plus the input's level (RMS and peak)
// twenty times a second. Pure code with no browser API: the AudioWorklet and the track reader both run it, and Node
// tests it.

import { Resampler } from './resampler.js';

export const TARGET_RATE = 16000;
export const CHUNK_SAMPLES = 4096;
const LEVELS_PER_SECOND = 20;

export class CapturePipeline {
  /** `onChunk(Int16Array)` gets each full chunk (a new array each time), `onLevel(rms, peak)` the level. */
  constructor(inputRate, { onChunk, onLevel }) {
    this.inputRate = inputRate;
    this.resampler = new Resampler(inputRate, TARGET_RATE);
    this.onChunk = onChunk;
    this.onLevel = onLevel;
    this.mono = new Float32Array(128);
    this.chunk = new Int16Array(CHUNK_SAMPLES);
    this.chunkAt = 0;
    this.emit = (value) => this.push(value);
    this.levelSum = 0;
    this.levelPeak = 0;
    this.levelCount = 0;
    this.levelEvery = Math.round(inputRate / LEVELS_PER_SECOND);
  }

  /** Takes `frames` samples of each channel in `channels` (Float32Arrays, -1..1), mixed to mono. */
  process(channels, frames = channels[0]?.length ?? 0) {
    if (channels.length === 0 || frames === 0) return;
    if (this.mono.length < frames) this.mono = new Float32Array(frames);
    const mono = this.mono.subarray(0, frames);
    for (let i = 0; i < frames; i++) {
      let x = 0;
      for (let c = 0; c < channels.length; c++) x += channels[c][i];
      x /= channels.length;
      mono[i] = x;
      this.levelSum += x * x;
      const magnitude = x < 0 ? -x : x;
      if (magnitude > this.levelPeak) this.levelPeak = magnitude;
      if (++this.levelCount === this.levelEvery) {
        this.onLevel(Math.sqrt(this.levelSum / this.levelCount), this.levelPeak);
        this.levelSum = 0;
        this.levelPeak = 0;
        this.levelCount = 0;
      }
    }
    this.resampler.process(mono, this.emit);
  }

  push(value) {
    const clamped = value > 1 ? 1 : value < -1 ? -1 : value;
    this.chunk[this.chunkAt++] = Math.round(clamped < 0 ? clamped * 32768 : clamped * 32767);
    if (this.chunkAt === CHUNK_SAMPLES) {
      const full = this.chunk;
      this.chunk = new Int16Array(CHUNK_SAMPLES);
      this.chunkAt = 0;
      this.onChunk(full);
    }
  }
}
