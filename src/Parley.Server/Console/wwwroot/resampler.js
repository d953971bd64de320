// A streaming sample-rate converter for the microphone: any context rate (44.1 kHz, 48 kHz, 96 kHz...) to 16 kHz.
// A Kaiser-windowed sinc, evaluated at each output instant from a table of 256 phases with linear interpolation
// between neighbouring phases, so any ratio works, not only whole ones. The same filter is the anti-alias low-pass.
//
// Its quality is a specification, checked by tests/console-worklet on sine sweeps at every common rate:
//   - passband 0-7 kHz flat within 0.1 dB (PocketSphinx's filter bank stops at 6.8 kHz);
//   - anything from 8 kHz up, which would fold back into the band, at least 80 dB down (Kaiser design for 90 dB);
//   - no phase shift (a symmetric filter), a latency of `halfWidth` input samples (about 3 ms at 48 kHz), and the
//     same output however the input is chunked.
// Pure code with no browser API, so Node can test it as the AudioWorklet runs it.

const PHASES = 256;

/** The zeroth-order modified Bessel function of the first kind, by its power series (enough terms for β ≤ 20). */
function besselI0(x) {
  let sum = 1;
  let term = 1;
  const quarter = (x * x) / 4;
  for (let k = 1; k < 64; k++) {
    term *= quarter / (k * k);
    sum += term;
    if (term < sum * 1e-17) break;
  }
  return sum;
}

export class Resampler {
  /**
   * `passband` and `stopband` are in Hz and default to 7/16 and 1/2 of the lower of the two rates (7 and 8 kHz for a
   * 16 kHz output); `attenuation` is the Kaiser design's stopband in dB.
   */
  constructor(inputRate, outputRate, { passband, stopband, attenuation = 90 } = {}) {
    if (!(inputRate > 0) || !(outputRate > 0)) throw new RangeError('Sample rates must be positive.');
    this.inputRate = inputRate;
    this.outputRate = outputRate;
    this.step = inputRate / outputRate; // input samples per output sample
    this.identity = inputRate === outputRate;

    const nyquist = Math.min(inputRate, outputRate) / 2;
    const pass = passband ?? nyquist * 0.875;
    const stop = stopband ?? nyquist;
    if (!(pass > 0 && pass < stop && stop <= inputRate / 2 + 1e-9)) throw new RangeError('Need 0 < passband < stopband <= the input Nyquist.');
    const cutoff = (pass + stop) / 2 / inputRate; // cycles per input sample, where the response is -6 dB
    const width = (2 * Math.PI * (stop - pass)) / inputRate; // transition width in radians per input sample
    // Kaiser's formulas: filter length and window shape for the wanted stopband attenuation.
    const taps = Math.ceil((attenuation - 7.95) / (2.285 * width)) + 1;
    const beta = attenuation > 50 ? 0.1102 * (attenuation - 8.7) : attenuation >= 21 ? 0.5842 * (attenuation - 21) ** 0.4 + 0.07886 * (attenuation - 21) : 0;
    this.halfWidth = this.identity ? 0 : Math.ceil(taps / 2);
    this.taps = 2 * this.halfWidth;

    // table[p * taps + k] = h(p / PHASES + halfWidth - 1 - k): the weight of input `center - halfWidth + 1 + k` for
    // an output at `center + p / PHASES`. Row PHASES is the next whole sample, so phases interpolate up to it.
    const h = this.halfWidth;
    const i0beta = besselI0(beta);
    this.table = new Float32Array((PHASES + 1) * this.taps);
    for (let p = 0; p <= PHASES; p++) {
      for (let k = 0; k < this.taps; k++) {
        const d = p / PHASES + h - 1 - k;
        const x = d / h;
        if (Math.abs(x) >= 1) continue;
        const sinc = d === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * d) / (Math.PI * d);
        this.table[p * this.taps + k] = sinc * (besselI0(beta * Math.sqrt(1 - x * x)) / i0beta);
      }
    }

    // Input history: a linear buffer, compacted when full; `offset` is the absolute input index of history[0]. It
    // starts with halfWidth - 1 zeros before input 0, so the first output can sit at input 0.
    this.history = new Float32Array(Math.max(4 * this.taps, 8192));
    this.filled = Math.max(this.halfWidth - 1, 0);
    this.offset = -this.filled;
    this.produced = 0; // outputs so far; output n sits at input instant n * step
    this.next = 0;
  }

  /** How many input samples after an output's instant it can be computed (the filter itself shifts nothing). */
  get latency() {
    return this.halfWidth;
  }

  /** Feeds `input` (Float32Array of any length) and calls `emit(sample)` for each output sample now computable. */
  process(input, emit) {
    if (this.identity) {
      for (let i = 0; i < input.length; i++) emit(input[i]);
      return;
    }

    let read = 0;
    while (read < input.length) {
      if (this.filled === this.history.length) this.compact();
      const count = Math.min(input.length - read, this.history.length - this.filled);
      this.history.set(input.subarray(read, read + count), this.filled);
      this.filled += count;
      read += count;
      this.drain(emit);
    }
  }

  drain(emit) {
    const { table, taps, history, halfWidth } = this;
    const last = this.offset + this.filled - 1; // absolute index of the newest input sample
    while (true) {
      const center = Math.floor(this.next);
      if (center + halfWidth > last) return; // needs inputs not yet here
      const position = (this.next - center) * PHASES;
      const phase = Math.floor(position);
      const fraction = position - phase;
      const start = center - halfWidth + 1 - this.offset;
      const row = phase * taps;
      let a = 0;
      for (let k = 0; k < taps; k++) a += history[start + k] * table[row + k];
      if (fraction > 0) {
        // Between two tabulated phases (a ratio that is not whole): blend the outputs of both.
        let b = 0;
        for (let k = 0; k < taps; k++) b += history[start + k] * table[row + taps + k];
        a += (b - a) * fraction;
      }
      emit(a);
      // From the count, not by adding `step` up, so rounding never accumulates.
      this.produced += 1;
      this.next = this.produced * this.step;
    }
  }

  /** Drops history no output needs any more, keeping the last `taps` samples. */
  compact() {
    const keepFrom = Math.max(0, Math.floor(this.next) - this.halfWidth + 1 - this.offset);
    if (keepFrom === 0) throw new Error('Resampler history is full of needed samples.');
    this.history.copyWithin(0, keepFrom, this.filled);
    this.filled -= keepFrom;
    this.offset += keepFrom;
  }
}
