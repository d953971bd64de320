// Agent speech: 24 kHz PCM16 chunks scheduled back to back on an AudioContext, so there is no gap between them,
// and all stopped at once on `interrupted`.

const RATE = 24000;
const START_DELAY = 0.08; // seconds of cushion when playback (re)starts, against network jitter

export class Player {
  /** `stats` is the console state it counts into; `onChange(playing)` hears when playback starts or drains. */
  constructor(context, stats, onChange) {
    this.context = context;
    this.stats = stats;
    this.onChange = onChange;
    this.entries = new Set();
    this.nextStart = 0;
  }

  get playing() {
    return this.entries.size > 0;
  }

  enqueue(samples) {
    if (samples.length === 0) return;
    const context = this.context;
    const buffer = context.createBuffer(1, samples.length, RATE);
    const channel = buffer.getChannelData(0);
    for (let i = 0; i < samples.length; i++) channel[i] = samples[i] / 32768;

    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const now = context.currentTime;
    const start = this.nextStart > now ? this.nextStart : now + START_DELAY;
    const entry = { source, start, end: start + buffer.duration, samples: samples.length };
    source.onended = () => this.finished(entry);
    source.start(start);
    this.nextStart = entry.end;

    const wasPlaying = this.playing;
    this.entries.add(entry);
    this.stats.samplesScheduled += samples.length;
    if (!wasPlaying) this.onChange(true);
  }

  /** Stops everything scheduled, now; returns how many samples were cut. */
  flush() {
    const now = this.context.currentTime;
    let cut = 0;
    for (const entry of this.entries) {
      entry.source.onended = null;
      const remaining = Math.min(entry.end - entry.start, entry.end - Math.max(now, entry.start));
      if (remaining > 0) cut += Math.round(remaining * RATE);
      try { entry.source.stop(); } catch { /* not started yet on some engines: disconnecting is enough */ }
      entry.source.disconnect();
    }
    const hadAudio = this.entries.size > 0;
    this.entries.clear();
    this.nextStart = 0;
    this.stats.flushes += 1;
    this.stats.samplesFlushed += cut;
    if (hadAudio) this.onChange(false);
    return cut;
  }

  finished(entry) {
    if (!this.entries.delete(entry)) return;
    entry.source.disconnect();
    this.stats.chunksPlayed += 1;
    this.stats.samplesPlayed += entry.samples;
    if (!this.playing) this.onChange(false);
  }
}
