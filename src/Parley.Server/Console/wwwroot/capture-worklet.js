// AudioWorklet processor: the microphone at the context's rate (usually 48 kHz) -> low-pass -> 16 kHz -> PCM16,
// posted in chunks of 4096 samples (8192 bytes), the size the iOS client sends. Also posts the input level.

const TARGET_RATE = 16000;
const CHUNK_SAMPLES = 4096;
const LEVELS_PER_SECOND = 20;

/** A windowed-sinc low-pass FIR (Blackman window), normalised to unity gain at DC. */
function lowPass(rate, cutoff, taps) {
  const h = new Float32Array(taps);
  const middle = (taps - 1) / 2;
  const fc = cutoff / rate;
  let sum = 0;
  for (let i = 0; i < taps; i++) {
    const x = i - middle;
    const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
    const window = 0.42 - 0.5 * Math.cos((2 * Math.PI * i) / (taps - 1)) + 0.08 * Math.cos((4 * Math.PI * i) / (taps - 1));
    h[i] = sinc * window;
    sum += h[i];
  }
  for (let i = 0; i < taps; i++) h[i] /= sum;
  return h;
}

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    // sampleRate is the AudioWorkletGlobalScope's: the context's rate.
    this.step = sampleRate / TARGET_RATE; // input samples per output sample
    const cutoff = Math.min(TARGET_RATE, sampleRate) * 0.45; // below the new Nyquist, with a transition band
    this.taps = lowPass(sampleRate, cutoff, sampleRate > TARGET_RATE ? 63 : 1);
    this.ring = new Float32Array(this.taps.length);
    this.ringAt = 0;
    this.inputIndex = 0; // index of the next input sample
    this.nextOutput = 0; // input-time position of the next output sample
    this.previous = 0; // the filtered sample before the current one
    this.chunk = new Int16Array(CHUNK_SAMPLES);
    this.chunkAt = 0;
    this.levelSum = 0;
    this.levelCount = 0;
    this.levelEvery = Math.round(sampleRate / LEVELS_PER_SECOND);
  }

  filtered(sample) {
    const ring = this.ring;
    const taps = this.taps;
    ring[this.ringAt] = sample;
    this.ringAt = (this.ringAt + 1) % ring.length;
    let acc = 0;
    let j = this.ringAt; // oldest sample first
    for (let k = 0; k < taps.length; k++) {
      acc += taps[k] * ring[j];
      j = j + 1 === ring.length ? 0 : j + 1;
    }
    return acc;
  }

  emit(value) {
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
    for (let i = 0; i < frames; i++) {
      let x = 0;
      for (let c = 0; c < channels.length; c++) x += channels[c][i];
      x /= channels.length;
      this.levelSum += x * x;
      if (++this.levelCount === this.levelEvery) {
        this.port.postMessage({ type: 'level', rms: Math.sqrt(this.levelSum / this.levelCount) });
        this.levelSum = 0;
        this.levelCount = 0;
      }

      const y = this.filtered(x);
      const n = this.inputIndex;
      // Output samples that fall between input n-1 and n, linearly interpolated on the filtered signal.
      while (this.nextOutput <= n) {
        const t = this.nextOutput - (n - 1);
        this.emit(this.previous + (y - this.previous) * t);
        this.nextOutput += this.step;
      }
      this.previous = y;
      this.inputIndex = n + 1;
    }
    // Keep the positions small so float precision holds over long sessions.
    if (this.inputIndex > 1 << 24) {
      this.nextOutput -= this.inputIndex;
      this.inputIndex = 0;
    }
    return true;
  }
}

registerProcessor('parley-capture', CaptureProcessor);
