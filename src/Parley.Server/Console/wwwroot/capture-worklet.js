// AudioWorklet processor: the microphone at the context's rate (usually 48 kHz) -> 16 kHz (resampler.js, whose
// filter is also the anti-alias low-pass) -> PCM16, posted in chunks of 4096 samples (8192 bytes), the size the iOS
// client sends. Also posts the input's level (RMS and peak) twenty times a second.

import { Resampler } from './resampler.js';

const TARGET_RATE = 16000;
const CHUNK_SAMPLES = 4096;
const LEVELS_PER_SECOND = 20;

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    // sampleRate is the AudioWorkletGlobalScope's: the context's rate.
    this.resampler = new Resampler(sampleRate, TARGET_RATE);
    this.mono = new Float32Array(128);
    this.chunk = new Int16Array(CHUNK_SAMPLES);
    this.chunkAt = 0;
    this.emit = (value) => this.push(value);
    this.levelSum = 0;
    this.levelPeak = 0;
    this.levelCount = 0;
    this.levelEvery = Math.round(sampleRate / LEVELS_PER_SECOND);
  }

  push(value) {
    const clamped = value > 1 ? 1 : value < -1 ? -1 : value;
    this.chunk[this.chunkAt++] = Math.round(clamped < 0 ? clamped * 32768 : clamped * 32767);
    if (this.chunkAt === CHUNK_SAMPLES) {
      this.port.postMessage({ type: 'chunk', pcm: this.chunk.buffer }, [this.chunk.buffer]);
      this.chunk = new Int16Array(CHUNK_SAMPLES);
      this.chunkAt = 0;
    }
  }

  process(inputs) {
    const channels = inputs[0];
    if (!channels || channels.length === 0) return true;
    const frames = channels[0].length;
    if (this.mono.length !== frames) this.mono = new Float32Array(frames);
    const mono = this.mono;
    for (let i = 0; i < frames; i++) {
      let x = 0;
      for (let c = 0; c < channels.length; c++) x += channels[c][i];
      x /= channels.length;
      mono[i] = x;
      this.levelSum += x * x;
      const magnitude = x < 0 ? -x : x;
      if (magnitude > this.levelPeak) this.levelPeak = magnitude;
      if (++this.levelCount === this.levelEvery) {
        this.port.postMessage({ type: 'level', rms: Math.sqrt(this.levelSum / this.levelCount), peak: this.levelPeak });
        this.levelSum = 0;
        this.levelPeak = 0;
        this.levelCount = 0;
      }
    }
    this.resampler.process(mono, this.emit);
    return true;
  }
}

registerProcessor('parley-capture', CaptureProcessor);
