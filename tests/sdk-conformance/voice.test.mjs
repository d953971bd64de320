// client.voice.startSession, then the WebSocket at the returned url driven as a Datagrid client would; afterwards
// client.conversations.messages shows the stored voice message with its timeline.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import WebSocket from 'ws';
import {
  VoiceSessionResponseSchema,
  assertMessage,
  assertShape,
  client,
} from './support.mjs';

/** A WebSocket whose frames are read in order with a timeout: `await socket.next()`. */
class FrameReader {
  constructor(url) {
    this.frames = [];
    this.waiters = [];
    this.closed = null;
    this.ws = new WebSocket(url);
    this.opened = new Promise((resolve, reject) => {
      this.ws.once('open', resolve);
      this.ws.once('error', reject);
    });
    this.ws.on('message', (data, isBinary) => {
      const text = data.toString('utf8');
      let frame;
      try {
        frame = JSON.parse(text);
      } catch {
        frame = { type: '<not json>', text };
      }
      frame.binary = isBinary;
      frame.at = Date.now();
      this.frames.push(frame);
      this.wake();
    });
    this.ws.on('close', (code, reason) => {
      this.closed = { code, reason: reason.toString('utf8') };
      this.wake();
    });
    this.ws.on('error', () => {});
    this.read = 0;
  }

  wake() {
    for (const w of this.waiters.splice(0)) w();
  }

  /** The next frame, or null if the socket closed first; fails after `timeoutMs`. */
  async next(timeoutMs = 15000) {
    const deadline = Date.now() + timeoutMs;
    while (this.read >= this.frames.length) {
      if (this.closed) return null;
      const left = deadline - Date.now();
      if (left <= 0) throw new Error(`no frame within ${timeoutMs} ms; frames so far: ${this.describe()}`);
      await new Promise((resolve) => {
        const timer = setTimeout(resolve, left);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return this.frames[this.read++];
  }

  /** Resolves with the close { code, reason }. */
  async closedWith(timeoutMs = 10000) {
    const deadline = Date.now() + timeoutMs;
    while (!this.closed) {
      if (Date.now() > deadline) throw new Error(`the socket did not close within ${timeoutMs} ms`);
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return this.closed;
  }

  send(frame) {
    this.ws.send(JSON.stringify(frame));
  }

  describe() {
    return this.frames.map((f) => (f.type === 'audio' ? 'audio' : JSON.stringify({ type: f.type, payload: f.payload }))).join(' ');
  }

  terminate() {
    if (!this.closed) this.ws.terminate();
  }
}

const lower = (s) => s.toLowerCase();

describe('voice', () => {
  test('startSession, talk over the returned url, then read the voice message and its timeline', async (t) => {
    const dg = client();
    const session = await dg.voice.startSession({
      voice_config: { silent_start: true },
      initial_message: 'what is two plus three',
    });
    assertShape(session, VoiceSessionResponseSchema, 'voice.startSession');
    assert.equal(session.object, 'voice.session');
    assert.match(session.url, /^ws:\/\/.+\/ws\/voice\?token=/, 'a ws:// url with a token');
    assert.equal(session.start_message.type, 'start');
    assert.equal(session.start_message.payload.agent_id, session.agent_id);
    assert.equal(session.start_message.payload.initial_message, 'what is two plus three');
    assert.equal(session.start_message.payload.voice_config.silent_start, true);

    const socket = new FrameReader(session.url);
    t.after(() => socket.terminate());
    await socket.opened;
    socket.send(session.start_message);

    const started = await socket.next();
    assert.equal(started?.type, 'started', `the first frame is started: ${socket.describe()}`);
    for (const key of ['session_id', 'conversation_id', 'message_id']) {
      assert.equal(typeof started.payload[key], 'string', `started.payload.${key} is a string`);
      assert.ok(started.payload[key].length > 0, `started.payload.${key} is not empty`);
    }
    const ready = await socket.next();
    assert.equal(ready?.type, 'ready', `ready follows started: ${socket.describe()}`);

    // Read until the agent has said "five" and then stayed silent for 1.5 s after its last audio frame.
    const transcripts = [];
    const toolCalls = [];
    const audio = [];
    let lastAudioAt = 0;
    const quietAfterAudioMs = 1500;
    const deadline = Date.now() + 60000;
    for (;;) {
      const agentSaidFive = transcripts.some((x) => x.role === 'agent' && /\bfive\b/.test(lower(x.text)));
      const waitMs = agentSaidFive && audio.length > 0 ? lastAudioAt + quietAfterAudioMs - Date.now() : deadline - Date.now();
      if (waitMs <= 0) break;
      let frame;
      try {
        frame = await socket.next(waitMs);
      } catch (e) {
        if (agentSaidFive && audio.length > 0) break; // quiet long enough
        throw e;
      }
      assert.ok(frame, `the socket closed early: ${JSON.stringify(socket.closed)}; frames: ${socket.describe()}`);
      assert.equal(frame.binary, false, 'the server sends text frames only');
      switch (frame.type) {
        case 'transcript':
          assert.ok(['user', 'agent'].includes(frame.payload.role), `transcript role: ${frame.payload.role}`);
          assert.equal(typeof frame.payload.text, 'string');
          transcripts.push(frame.payload);
          break;
        case 'tool_call':
          assert.equal(typeof frame.payload.tool_name, 'string');
          assert.ok(['started', 'completed', 'failed'].includes(frame.payload.status), `tool_call status: ${frame.payload.status}`);
          toolCalls.push(frame.payload);
          break;
        case 'audio':
          assert.equal(frame.payload.mime_type, 'audio/pcm;rate=24000');
          assert.match(frame.payload.data, /^[A-Za-z0-9+/]*={0,2}$/, 'audio data is base64');
          assert.equal(Buffer.from(frame.payload.data, 'base64').length % 2, 0, 'PCM16: an even byte count');
          audio.push(frame);
          lastAudioAt = frame.at;
          break;
        case 'error':
          assert.fail(`unexpected error frame: ${JSON.stringify(frame.payload)}`);
          break;
        default:
          // citation or a server type a client must ignore
          break;
      }
    }

    const agentText = transcripts.filter((x) => x.role === 'agent').map((x) => x.text).join(' ');
    assert.match(lower(agentText), /\bfive\b/, `the agent says five: ${JSON.stringify(transcripts)}`);
    assert.ok(audio.length > 0, 'the agent speaks: audio frames arrive');
    assert.ok(
      toolCalls.some((c) => c.tool_name === 'calculator' && c.status === 'completed'),
      `the calculator is used: ${JSON.stringify(toolCalls)}`,
    );

    const audioMs = Math.round(audio.reduce((n, f) => n + Buffer.from(f.payload.data, 'base64').length, 0) / 48);
    const stopSentAt = Date.now();
    socket.send({ type: 'stop' });
    let ended;
    for (;;) {
      const frame = await socket.next();
      assert.ok(frame, `ended comes before the close: ${socket.describe()}`);
      if (frame.type === 'ended') {
        ended = frame;
        break;
      }
      assert.ok(['audio', 'transcript', 'tool_call', 'citation'].includes(frame.type), `after stop: ${frame.type}`);
    }
    assert.equal(typeof ended.payload.credits_consumed, 'number');
    assert.ok(Array.isArray(ended.payload.transcript), 'ended.transcript is a list');
    assert.ok(ended.payload.transcript.length >= 2, `a user and an agent turn: ${JSON.stringify(ended.payload.transcript)}`);
    for (const item of ended.payload.transcript) {
      assert.deepEqual(Object.keys(item).sort(), ['role', 'text'], `ended.transcript items have exactly role and text: ${JSON.stringify(item)}`);
      assert.equal(typeof item.role, 'string');
      assert.equal(typeof item.text, 'string');
    }
    const endedText = JSON.stringify(ended.payload.transcript);
    const timing = `stop sent ${stopSentAt - lastAudioAt} ms after the last of ${audio.length} audio frames (${audioMs} ms of audio over ${lastAudioAt - audio[0].at} ms)`;
    t.diagnostic(`${timing}: ${endedText}`);
    assert.ok(ended.payload.transcript.some((i) => i.role === 'user' && /two plus three/.test(lower(i.text))), `ended.transcript has the user turn: ${endedText}`);
    assert.ok(
      ended.payload.transcript.some((i) => i.role === 'agent' && /\bfive\b/.test(lower(i.text))),
      `ended.transcript has the whole agent answer, all of whose audio was delivered; ${timing}: ${endedText}`,
    );

    const close = await socket.closedWith();
    assert.equal(close.code, 1000, 'the socket closes with 1000 after ended');

    // The handoff url was single-use: a second connection is refused the WebSocket way.
    const again = new FrameReader(session.url);
    t.after(() => again.terminate());
    await again.opened;
    const refused = await again.next();
    assert.equal(refused?.type, 'error', `a reused handoff url gets an error: ${again.describe()}`);
    assert.equal(refused.payload.code, 'unauthorized');
    assert.equal((await again.closedWith()).code, 1008);

    // The stored message, through the SDK.
    const { conversation_id: conversationId, message_id: messageId } = started.payload;
    const conversation = await dg.conversations.retrieve(conversationId);
    assert.equal(conversation.id, conversationId);

    const page = await dg.conversations.messages.list(conversationId);
    assert.equal(page.data.length, 1, `one voice message: ${JSON.stringify(page.data)}`);
    const [message] = page.data;
    assertMessage(message, 'messages.list[0]');
    assert.equal(message.id, messageId, 'the message id is the one in started');
    assert.equal(message.conversation_id, conversationId);
    assert.equal(message.agent_id, session.agent_id);
    const voice = message.content[0];
    assert.equal(voice.type, 'voice');
    assert.match(lower(voice.transcript), /two plus three/);
    assert.match(lower(voice.agent_transcript ?? ''), /\bfive\b/);
    assert.ok(voice.duration_ms === null || voice.duration_ms > 0);

    const events = voice.timeline_events ?? [];
    const userTranscript = events.find((e) => e.type === 'transcript' && e.role === 'user');
    const agentTranscript = events.find((e) => e.type === 'transcript' && e.role === 'agent' && /\bfive\b/.test(lower(e.text ?? '')));
    const toolEvents = events.filter((e) => e.type === 'tool_call_status');
    assert.ok(userTranscript && /two plus three/.test(lower(userTranscript.text)), `a user transcript event: ${JSON.stringify(events)}`);
    assert.ok(agentTranscript, `an agent transcript event saying five: ${JSON.stringify(events)}`);
    assert.ok(toolEvents.length >= 2, `tool_call_status events: ${JSON.stringify(events)}`);
    assert.ok(toolEvents.every((e) => e.tool_name === 'calculator'), 'the tool events name the calculator');
    assert.deepEqual(toolEvents.map((e) => e.status), ['started', 'completed'], 'started, then completed');
    const times = events.map((e) => e.timestamp_ms);
    assert.deepEqual(times, [...times].sort((a, b) => a - b), 'the timeline is in time order');
    assert.ok(events.indexOf(userTranscript) < events.indexOf(toolEvents[0]), 'the user speaks before the tool runs');
    assert.ok(events.indexOf(toolEvents[1]) < events.indexOf(agentTranscript), 'the tool completes before the agent answers');

    const retrieved = await dg.conversations.messages.retrieve(conversationId, messageId);
    assertMessage(retrieved, 'messages.retrieve');
    assert.deepEqual(retrieved, message, 'retrieve returns the listed message');

    // Auto-pagination over messages ends.
    const all = [];
    for await (const m of dg.conversations.messages.list(conversationId, { limit: 1 })) all.push(m.id);
    assert.deepEqual(all, [messageId]);
  });

  test('startSession with an explicit agent and conversation resolves them', async () => {
    const dg = client();
    const agent = await dg.agents.create({ name: 'sdk-voice-agent', tools: ['calculator'] });
    const conversation = await dg.conversations.create({ name: 'sdk-voice-conversation' });
    const session = await dg.voice.startSession({
      agent_id: agent.id,
      conversation_id: conversation.id,
      voice_config: { silent_start: true, voice_preset: 'kal' },
    });
    assertShape(session, VoiceSessionResponseSchema, 'voice.startSession(agent, conversation)');
    assert.equal(session.agent_id, agent.id);
    assert.equal(session.start_message.payload.agent_id, agent.id);
    assert.equal(session.start_message.payload.conversation_id, conversation.id);

    const socket = new FrameReader(session.url);
    try {
      await socket.opened;
      socket.send(session.start_message);
      const started = await socket.next();
      assert.equal(started?.type, 'started', socket.describe());
      assert.equal(started.payload.conversation_id, conversation.id);
      assert.equal((await socket.next())?.type, 'ready');
      socket.send({ type: 'stop' });
      let frame;
      do frame = await socket.next();
      while (frame && frame.type !== 'ended');
      assert.equal(frame?.type, 'ended', socket.describe());
      for (const item of frame.payload.transcript) assert.deepEqual(Object.keys(item).sort(), ['role', 'text']);
      assert.equal((await socket.closedWith()).code, 1000);
    } finally {
      socket.terminate();
    }
    await dg.conversations.delete(conversation.id);
    await dg.agents.delete(agent.id);
  });
});
