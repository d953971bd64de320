// The microphone: getUserMedia with the browser's echo cancellation (and neither its noise suppression nor its gain
// control, which measurably made the server mishear: see the README's console section), then 16 kHz PCM16 chunks of
// 4096 samples and the level, by one of two paths:
//   - track (where the browser has MediaStreamTrackProcessor, e.g. Chromium): the track's own audio frames, read as
//     the device captured them, through the capture pipeline on the page. Nothing crosses from the microphone's clock
//     to the audio output's, so nothing is dropped or repeated;
//   - worklet (elsewhere): the track into the AudioContext, through the capture worklet. Web Audio bridges the two
//     clocks with a buffer that drops or repeats 10 ms blocks as they drift: measured with Chromium's fake
//     microphone, 1 to 6 such jumps in each minute-long run (the README's console section).

import { CapturePipeline } from './capture-pipeline.js';

/**
 * What the console asks the browser for. Echo cancellation stays: over loudspeakers the agent's own voice would
 * otherwise come back and interrupt it. Gain control raised the voice ~10 dB with a gain that moved within each
 * word, and noise suppression ate into the first word after a silence; both cost words on the test set.
 */
export const CAPTURE_CONSTRAINTS = Object.freeze({ echoCancellation: true, noiseSuppression: false, autoGainControl: false, channelCount: 1 });

const modules = new WeakMap(); // AudioContext -> the promise of its capture worklet module

/** Loads the capture worklet into `context` once; later calls share the first load. */
export function loadCaptureWorklet(context) {
  let loading = modules.get(context);
  if (!loading) {
    loading = context.audioWorklet.addModule(new URL('capture-worklet.js', import.meta.url));
    modules.set(context, loading);
    loading.catch(() => modules.delete(context)); // a failed load may be tried again
  }
  return loading;
}

/** Why the microphone could not be opened, in words a person can act on. */
export class MicrophoneError extends Error {
  constructor(message, reason) {
    super(message);
    this.name = 'MicrophoneError';
    this.reason = reason;
  }

  static from(error) {
    switch (error?.name) {
      case 'NotAllowedError':
      case 'SecurityError':
        return new MicrophoneError('Microphone access was refused. Allow the microphone for this page (the icon at the left of the address bar), then press the microphone button again.', 'refused');
      case 'NotFoundError':
      case 'OverconstrainedError':
        return new MicrophoneError('No microphone was found. Connect one (or choose it in the system sound settings), then try again.', 'missing');
      case 'NotReadableError':
      case 'AbortError':
        return new MicrophoneError('The microphone could not be opened: another program may be using it. Close that program, then try again.', 'busy');
      default:
        return new MicrophoneError(`The microphone could not be opened (${error?.message ?? error}).`, 'failed');
    }
  }
}

/** How many of the track's audio frames (10 ms each in Chromium) may wait for the page before the oldest are dropped. */
const TRACK_BUFFER_FRAMES = 300;

export class Microphone {
  /** `path` is 'track' or 'worklet'; `reader.close()` stops it and settles once it has; `gate.open` says whether it may still deliver. */
  constructor(stream, path, reader, gate) {
    this.stream = stream;
    this.path = path;
    this.reader = reader;
    this.gate = gate;
  }

  /** What the browser applied (echoCancellation, noiseSuppression, autoGainControl, sampleRate...). */
  get settings() {
    return this.stream.getAudioTracks()[0]?.getSettings() ?? {};
  }

  /** Whether this browser can read a microphone track's frames directly (the track path). */
  static get canReadTracks() {
    return typeof globalThis.MediaStreamTrackProcessor === 'function' && typeof globalThis.AudioData === 'function';
  }

  /**
   * Opens the microphone: asks for it at once (call this straight from the click, so nothing the person says after
   * pressing is lost to set-up) and reads it by the track path where the browser can, else through `context`'s
   * capture worklet (loaded meanwhile). `onChunk(Int16Array)` gets 4096-sample chunks, `onLevel(rms, peak)` the level
   * twenty times a second.
   */
  static async open(context, { onChunk, onLevel }) {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      throw new MicrophoneError('This browser only allows the microphone on https:// or on localhost. Open the console at an https address (or on this machine at http://localhost), then try again.', 'insecure');
    }

    // Once closed, a microphone delivers nothing more, whatever its path still has in hand.
    const gate = { open: true };
    const handlers = { onChunk: (samples) => gate.open && onChunk(samples), onLevel: (rms, peak) => gate.open && onLevel(rms, peak) };
    const asking = navigator.mediaDevices.getUserMedia({ audio: { ...CAPTURE_CONSTRAINTS } });
    const loading = Microphone.canReadTracks ? null : loadCaptureWorklet(context);
    loading?.catch(() => {}); // awaited below; this only keeps a failure while waiting for the person from going unhandled
    let stream;
    try {
      stream = await asking;
    } catch (error) {
      throw MicrophoneError.from(error);
    }

    try {
      return loading
        ? new Microphone(stream, 'worklet', await Microphone.readByWorklet(context, stream, loading, handlers), gate)
        : new Microphone(stream, 'track', Microphone.readTrack(stream, handlers), gate);
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      throw new MicrophoneError(`The audio pipeline could not start (${error?.message ?? error}).`, 'failed');
    }
  }

  /** Reads the track's own frames through the capture pipeline; returns what stops the reading. */
  static readTrack(stream, handlers) {
    const [track] = stream.getAudioTracks();
    const reader = new MediaStreamTrackProcessor({ track, maxBufferSize: TRACK_BUFFER_FRAMES }).readable.getReader();
    let pipeline = null;
    let planes = [];
    const reading = (async () => {
      for (;;) {
        const { value: frame, done } = await reader.read();
        if (done) return;
        try {
          if (pipeline?.inputRate !== frame.sampleRate) pipeline = new CapturePipeline(frame.sampleRate, handlers);
          const frames = frame.numberOfFrames;
          if (planes.length !== frame.numberOfChannels || planes[0].length < frames) {
            planes = Array.from({ length: frame.numberOfChannels }, () => new Float32Array(frames));
          }
          const channels = planes.map((plane, index) => {
            const samples = plane.subarray(0, frames);
            frame.copyTo(samples, { planeIndex: index, format: 'f32-planar' });
            return samples;
          });
          pipeline.process(channels, frames);
        } finally {
          frame.close();
        }
      }
    })();
    const finished = reading.catch(() => {}); // a track that ends or fails simply stops sending
    return {
      async close() {
        await reader.cancel().catch(() => {});
        await finished;
      },
    };
  }

  /** Connects the track to the capture worklet in `context` once its module is `loading`; returns what disconnects it. */
  static async readByWorklet(context, stream, loading, { onChunk, onLevel }) {
    await loading;
    const source = context.createMediaStreamSource(stream);
    const node = new AudioWorkletNode(context, 'parley-capture', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
    node.port.onmessage = ({ data }) => {
      if (data.type === 'chunk') onChunk(new Int16Array(data.pcm));
      else if (data.type === 'level') onLevel(data.rms, data.peak);
    };
    source.connect(node);
    // The node writes only silence; connecting it to the output keeps the graph pulling it on every browser.
    node.connect(context.destination);
    return {
      async close() {
        node.port.onmessage = null;
        source.disconnect();
        node.disconnect();
      },
    };
  }

  /** Stops the microphone; what it was reading is finished when the returned promise settles. */
  close() {
    this.gate.open = false;
    for (const track of this.stream.getTracks()) track.stop();
    return this.reader.close();
  }
}
