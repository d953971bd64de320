// AudioWorklet processor for browsers that cannot read a microphone track directly (see microphone.js): the
// context's audio (usually 48 kHz) through the capture pipeline, chunks and levels posted to the page.

import { CapturePipeline } from './capture-pipeline.js';

class CaptureProcessor extends AudioWorkletProcessor {
  constructor() {
    super();
    // sampleRate is the AudioWorkletGlobalScope's: the context's rate.
    this.pipeline = new CapturePipeline(sampleRate, {
      onChunk: (pcm) => this.port.postMessage({ type: 'chunk', pcm: pcm.buffer }, [pcm.buffer]),
      onLevel: (rms, peak) => this.port.postMessage({ type: 'level', rms, peak }),
    });
  }

  process(inputs) {
    const channels = inputs[0];
    if (channels && channels.length > 0) this.pipeline.process(channels);
    return true;
  }
}

registerProcessor('parley-capture', CaptureProcessor);
