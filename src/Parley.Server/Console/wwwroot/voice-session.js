// One voice session on /ws/voice: the handoff URL from POST /v1/voice, then the Datagrid Voice API frames.
// Server frames are re-dispatched as events named after their type, with the payload as `detail`.

import { int16ToBase64 } from './pcm.js';

export class VoiceSession extends EventTarget {
  constructor(url, startMessage) {
    super();
    this.url = url;
    this.startMessage = startMessage;
    this.ended = false;
    this.lastError = null;
    this.socket = null;
  }

  open() {
    const socket = new WebSocket(this.url);
    this.socket = socket;
    socket.onopen = () => {
      socket.send(JSON.stringify(this.startMessage));
      this.dispatchEvent(new CustomEvent('open'));
    };
    socket.onmessage = (event) => this.receive(event.data);
    socket.onclose = (event) => {
      this.dispatchEvent(new CustomEvent('close', { detail: { code: event.code, reason: event.reason, ended: this.ended, error: this.lastError } }));
    };
  }

  receive(text) {
    let frame;
    try {
      frame = JSON.parse(text);
    } catch {
      return; // The server only sends JSON; anything else is ignored like an unknown type.
    }
    if (frame.type === 'ended') this.ended = true;
    if (frame.type === 'error') this.lastError = frame.payload ?? {};
    this.dispatchEvent(new CustomEvent(frame.type, { detail: frame.payload ?? {} }));
  }

  get isOpen() {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  /** Sends 16 kHz PCM16 samples as one `audio` frame when the socket is open. Returns the bytes sent. */
  sendAudio(samples) {
    if (!this.isOpen) return 0;
    this.socket.send(JSON.stringify({ type: 'audio', payload: { data: int16ToBase64(samples), mime_type: 'audio/pcm;rate=16000' } }));
    return samples.byteLength;
  }

  sendText(text) {
    this.send({ type: 'text', payload: { text } });
  }

  interrupt() {
    this.send({ type: 'interrupt' });
  }

  stop() {
    this.send({ type: 'stop' });
  }

  send(message) {
    if (this.isOpen) this.socket.send(JSON.stringify(message));
  }

  /** Closes the socket without `stop` (the server ends the session the same way). */
  close() {
    if (this.socket && this.socket.readyState <= WebSocket.OPEN) this.socket.close(1000, 'closed by the console');
  }
}

/** A socket `error` code or close code as something a person can act on. */
export function explainSessionEnd({ code, ended, error }) {
  if (error) {
    switch (error.code) {
      case 'unauthorized':
        return 'The voice server refused the session link (it is single-use and short-lived, or the key was revoked). Press the microphone to try again; if it keeps failing, sign in again.';
      case 'too_many_sessions':
        return 'Too many voice sessions are open with this key. End one elsewhere, then try again.';
      case 'agent_not_found':
        return 'That agent no longer exists. Pick another agent and try again.';
      case 'conversation_not_found':
        return 'That conversation no longer exists. Start a new conversation.';
      case 'session_timeout':
        return 'The session reached the server\'s maximum length. Press the microphone to start a new one.';
      case 'client_silence_timeout':
        return 'The session ended after a long silence. Press the microphone to talk again.';
      case 'rate_limited':
        return 'The microphone audio arrived faster than real time and the server ended the session. Try again.';
      case 'internal_error':
        return `The server hit an internal error (${error.message}). Try again; if it keeps failing, check the server's log.`;
      default:
        if (!ended) return `The server ended the session: ${error.message ?? error.code}.`;
    }
  }
  if (ended) return null;
  if (code === 1012) return 'The server is restarting. Wait a moment, then press the microphone to reconnect.';
  if (code === 1000) return null;
  return 'The connection to the server was lost. Check that Parley is still running, then press the microphone to reconnect.';
}
