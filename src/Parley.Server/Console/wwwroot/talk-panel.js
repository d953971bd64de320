// The Talk panel: microphone button, level, status line, live transcript, tool calls and citations.

import { hideAlert, showAlert } from './alert.js';
import { byId, clear, el } from './dom.js';
import { CAPTURE_CONSTRAINTS, loadCaptureWorklet, Microphone } from './microphone.js';
import { MicLevel } from './mic-level.js';
import { base64ToInt16 } from './pcm.js';
import { Player } from './player.js';
import { SessionView } from './session-view.js';
import { consoleState, setState } from './state.js';
import { explainSessionEnd, VoiceSession } from './voice-session.js';

const STOP_GRACE_MS = 5000; // how long `stop` may take to be answered with `ended` before the socket is closed
// Audio captured from the press until the server's `started` is held here, then sent at once. At most ~4 s: the
// server takes up to 5 s of audio ahead of its clock, which starts at `start`, and refuses the rest.
const MAX_PENDING_CHUNKS = 16;
const MUTE_AFTER_INTERRUPT_MS = 1500; // drop agent audio still in flight this long, unless `interrupted` comes first

export class TalkPanel {
  /** `api()` gives the signed-in API client; `onUnauthorized()` is called when the key stops working. */
  constructor(api, onUnauthorized) {
    this.api = api;
    this.onUnauthorized = onUnauthorized;
    this.audio = null;
    this.player = null;
    this.mic = null;
    this.micClosing = null;
    this.session = null;
    this.pending = [];
    this.started = false; // the server said `started`: audio goes straight out from now on
    this.ready = false;
    this.mutedUntil = 0; // after a local interrupt, until the server confirms: drop agent audio still in flight
    this.view = new SessionView();
    this.continueId = null;
    this.stopTimer = 0;

    this.picker = byId('agent-picker');
    this.greet = byId('greet');
    this.micButton = byId('mic');
    this.level = new MicLevel();
    this.statusLine = byId('status');
    this.textInput = byId('text-input');

    this.micButton.addEventListener('click', () => (this.live ? this.stop() : this.start()));
    byId('interrupt').addEventListener('click', () => this.interrupt());
    byId('stop').addEventListener('click', () => this.stop());
    byId('continuing-cancel').addEventListener('click', () => this.continueConversation(null));
    byId('text-form').addEventListener('submit', (event) => {
      event.preventDefault();
      const text = this.textInput.value.trim();
      if (!text || !this.session?.isOpen) return;
      this.session.sendText(text);
      this.textInput.value = '';
    });
    this.render();
  }

  get live() {
    return consoleState.state === 'connecting' || consoleState.state === 'live' || consoleState.state === 'ending';
  }

  /** Fills the agent picker, keeping the current choice when it still exists. */
  setAgents(agents) {
    const chosen = this.picker.value;
    clear(this.picker);
    for (const agent of agents) {
      const label = `${agent.emoji ? agent.emoji + ' ' : ''}${agent.name}${agent.is_default ? ' (default)' : ''}`;
      this.picker.append(el('option', { value: agent.id }, label));
    }
    const keep = agents.find((a) => a.id === chosen) ?? agents.find((a) => a.is_default) ?? agents[0];
    if (keep) this.picker.value = keep.id;
  }

  /** The next session continues `conversationId` (null: a new conversation), with `agentId` when given. */
  continueConversation(conversationId, agentId) {
    this.continueId = conversationId;
    if (agentId && [...this.picker.options].some((o) => o.value === agentId)) this.picker.value = agentId;
    byId('continuing').hidden = !conversationId;
    byId('continuing-id').textContent = conversationId ?? '';
  }

  /**
   * Makes the audio ready before the first press (call it at sign-in): the AudioContext and, where the microphone is
   * read through the capture worklet, its module. Loaded at the press instead, the module could come after the
   * microphone, and what the person said in between was lost. The context waits suspended until the press.
   */
  prepareAudio() {
    try {
      this.audio ??= new AudioContext({ latencyHint: 'interactive' });
    } catch {
      return; // no Web Audio here: the press reports it
    }
    const context = this.audio;
    const ready = Microphone.canReadTracks ? Promise.resolve() : loadCaptureWorklet(context);
    ready
      .then(() => { if (!this.live && context.state === 'running') return context.suspend(); })
      .catch(() => {}); // the press loads it again and reports a failure
  }

  async start() {
    hideAlert();
    const closing = this.micClosing;
    this.view.reset();
    const pressedAt = performance.now();
    setState({ state: 'connecting', sessionId: null, conversationId: null, messageId: null, peakLevel: 0, loudestDb: -90, heard: [], chunksBuffered: 0, micOpenMs: null, capture: null });
    this.render();
    // Everything at once, from the click itself: the microphone (so what is said from now on is captured), the
    // audio output, and the session link. Audio waits in this.pending until the server has started the session.
    this.audio ??= new AudioContext({ latencyHint: 'interactive' });
    const resuming = this.audio.state === 'running' ? Promise.resolve() : this.audio.resume();
    const opening = Promise.resolve(closing).then(() => Microphone.open(this.audio, {
      onChunk: (samples) => this.onChunk(samples),
      onLevel: (rms, peak) => {
        this.level.update(rms, peak);
        if (rms > consoleState.peakLevel) consoleState.peakLevel = rms;
      },
    }));
    const request = { agent_id: this.picker.value || undefined, voice_config: { silent_start: !this.greet.checked } };
    if (this.continueId) request.conversation_id = this.continueId;
    const linking = Promise.resolve().then(() => this.api().post('/voice', request));
    // Whichever fails first is reported; the others are awaited below or, once abandoned, must not go unhandled.
    for (const pending of [resuming, opening, linking]) pending.catch(() => {});
    try {
      this.mic = await opening;
      if (consoleState.state !== 'connecting') return this.teardown();
      this.level.start();
      setState({
        micOpenMs: Math.round(performance.now() - pressedAt),
        capture: { asked: { ...CAPTURE_CONSTRAINTS }, applied: this.mic.settings, contextRate: this.audio.sampleRate, path: this.mic.path },
      });
      await resuming;
      this.player ??= new Player(this.audio, consoleState, () => this.onPlayback());

      const handoff = await linking;
      if (consoleState.state !== 'connecting') return this.teardown();
      this.session = new VoiceSession(handoff.url, handoff.start_message);
      this.listen(this.session);
      this.session.open();
    } catch (error) {
      this.teardown();
      setState({ state: 'idle' });
      showAlert(error.message);
      if (error.status === 401) this.onUnauthorized();
      this.render();
    }
  }

  listen(session) {
    const on = (type, handler) => session.addEventListener(type, (event) => {
      if (session === this.session) handler(event.detail);
      this.render();
    });
    on('open', () => setState({ state: 'live' }));
    on('started', (p) => {
      setState({ sessionId: p.session_id, conversationId: p.conversation_id, messageId: p.message_id, chunksBuffered: this.pending.length });
      this.started = true;
      const held = this.pending;
      this.pending = [];
      for (const samples of held) this.onChunk(samples);
    });
    on('ready', () => { this.ready = true; });
    on('audio', (p) => {
      consoleState.chunksReceived += 1;
      if (p.data && performance.now() >= this.mutedUntil) this.player.enqueue(base64ToInt16(p.data));
    });
    on('transcript', (p) => {
      if (p.role !== 'user') return this.view.addLine(p.role, p.text);
      const turn = { text: p.text, ...this.level.endTurn() };
      consoleState.heard.push(turn);
      this.view.addLine('user', p.text, turn);
    });
    on('tool_call', (p) => this.view.toolCall(p));
    on('citation', (p) => this.view.addCitations(p.citations ?? []));
    on('interrupted', () => {
      consoleState.interruptions += 1;
      this.mutedUntil = 0;
      this.player.flush();
      this.view.closeAgentLine(true);
    });
    on('error', (p) => showAlert(`The voice server says: ${p.message ?? p.code}`));
    on('ended', () => setState({ state: 'ending' }));
    on('close', (detail) => {
      this.teardown();
      if (consoleState.state !== 'signed-out') setState({ state: 'idle' });
      const problem = explainSessionEnd(detail);
      if (problem) showAlert(problem);
    });
  }

  onChunk(samples) {
    if (!this.started) {
      if (this.pending.length >= MAX_PENDING_CHUNKS) this.pending.shift();
      this.pending.push(samples);
      return;
    }
    if (consoleState.state === 'ending') return;
    const bytes = this.session.sendAudio(samples);
    if (bytes > 0) {
      consoleState.chunksSent += 1;
      if (!consoleState.sentChunkBytes.includes(bytes)) consoleState.sentChunkBytes.push(bytes);
    }
  }

  onPlayback() {
    setState({ playback: this.player?.playing ? 'playing' : 'idle' });
    this.render();
  }

  interrupt() {
    if (!this.session?.isOpen) return;
    this.mutedUntil = performance.now() + MUTE_AFTER_INTERRUPT_MS;
    this.player.flush();
    this.view.closeAgentLine(true);
    this.session.interrupt();
    this.render();
  }

  stop() {
    const session = this.session;
    if (!session) {
      this.teardown();
      setState({ state: 'idle' });
      this.render();
      return;
    }
    setState({ state: 'ending' });
    this.closeMicrophone();
    this.player?.flush();
    if (session.isOpen) {
      session.stop();
      this.stopTimer = setTimeout(() => session.close(), STOP_GRACE_MS);
    } else {
      session.close();
    }
    this.render();
  }

  teardown() {
    clearTimeout(this.stopTimer);
    this.closeMicrophone();
    this.player?.flush();
    if (this.session) {
      const session = this.session;
      this.session = null;
      session.close();
    }
    this.pending = [];
    this.started = false;
    this.ready = false;
    this.mutedUntil = 0;
    this.view.activeTools = [];
  }

  closeMicrophone() {
    if (this.mic) {
      // Owned here: the next press waits for it, so two readers never hold the microphone at once.
      this.micClosing = this.mic.close().catch(() => {});
      this.mic = null;
    }
    this.level.stop();
  }

  status() {
    switch (consoleState.state) {
      case 'connecting': return 'Connecting…';
      case 'ending': return 'Ending the session…';
      case 'live':
        if (!this.ready) return 'Connecting…';
        if (this.view.activeTool) return `Using ${this.view.activeTool}…`;
        if (this.player?.playing) return 'Agent speaking…';
        return 'Listening…';
      default: return consoleState.sessionId ? 'Session ended. Press the microphone to talk again' : 'Press the microphone to talk';
    }
  }

  render() {
    const status = this.status();
    this.statusLine.textContent = status;
    setState({ status });
    const live = this.live;
    const open = consoleState.state === 'live';
    this.micButton.setAttribute('aria-pressed', String(live));
    byId('mic-label').textContent = live ? 'Stop talking' : 'Start talking';
    byId('interrupt').disabled = !(open && this.ready);
    byId('stop').disabled = !live;
    this.textInput.disabled = !(open && this.ready);
    byId('text-send').disabled = !(open && this.ready);
    this.picker.disabled = live;
    this.greet.disabled = live;
  }
}
