// The microphone: getUserMedia with the browser's echo cancellation (and neither its noise suppression nor its gain
// control, which measurably made the server mishear: see the README's console section), into the capture worklet,
// which hands back 16 kHz PCM16 chunks of 4096 samples and the level.

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

export class Microphone {
  constructor(stream, source, node) {
    this.stream = stream;
    this.source = source;
    this.node = node;
  }

  /** What the browser applied (echoCancellation, noiseSuppression, autoGainControl, sampleRate...). */
  get settings() {
    return this.stream.getAudioTracks()[0]?.getSettings() ?? {};
  }

  /**
   * Opens the microphone on `context`: asks for it at once (call this straight from the click, so nothing the person
   * says after pressing is lost to set-up), loads the worklet meanwhile, and connects them as soon as both are there.
   * `onChunk(Int16Array)` gets 4096-sample chunks, `onLevel(rms, peak)` the level twenty times a second.
   */
  static async open(context, { onChunk, onLevel }) {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      throw new MicrophoneError('This browser only allows the microphone on https:// or on localhost. Open the console at an https address (or on this machine at http://localhost), then try again.', 'insecure');
    }

    const asking = navigator.mediaDevices.getUserMedia({ audio: { ...CAPTURE_CONSTRAINTS } });
    const loading = loadCaptureWorklet(context);
    loading.catch(() => {}); // awaited below; this only keeps a failure while waiting for the person from going unhandled
    let stream;
    try {
      stream = await asking;
    } catch (error) {
      throw MicrophoneError.from(error);
    }

    try {
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
      return new Microphone(stream, source, node);
    } catch (error) {
      for (const track of stream.getTracks()) track.stop();
      throw new MicrophoneError(`The audio pipeline could not start (${error?.message ?? error}).`, 'failed');
    }
  }

  close() {
    this.node.port.onmessage = null;
    this.source.disconnect();
    this.node.disconnect();
    for (const track of this.stream.getTracks()) track.stop();
  }
}
