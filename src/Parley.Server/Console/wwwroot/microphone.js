// The microphone: getUserMedia with the browser's echo cancellation, noise suppression and gain control, into the
// capture worklet, which hands back 16 kHz PCM16 chunks of 4096 samples and a level.

const loaded = new WeakSet();

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

  /** Opens the microphone on `context`; `onChunk(Int16Array)` gets 4096-sample chunks, `onLevel(rms)` the level. */
  static async open(context, { onChunk, onLevel }) {
    if (!window.isSecureContext || !navigator.mediaDevices?.getUserMedia) {
      throw new MicrophoneError('This browser only allows the microphone on https:// or on localhost. Open the console at an https address (or on this machine at http://localhost), then try again.', 'insecure');
    }

    let stream;
    try {
      stream = await navigator.mediaDevices.getUserMedia({
        audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true, channelCount: 1 },
      });
    } catch (error) {
      throw MicrophoneError.from(error);
    }

    try {
      if (!loaded.has(context)) {
        await context.audioWorklet.addModule(new URL('capture-worklet.js', import.meta.url));
        loaded.add(context);
      }
      const source = context.createMediaStreamSource(stream);
      const node = new AudioWorkletNode(context, 'parley-capture', { numberOfInputs: 1, numberOfOutputs: 1, channelCount: 1, channelCountMode: 'explicit' });
      node.port.onmessage = ({ data }) => {
        if (data.type === 'chunk') onChunk(new Int16Array(data.pcm));
        else if (data.type === 'level') onLevel(data.rms);
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
