// Recordings as the SDK reads them: a voice message's audio_clips (field by field against AudioClip), each clip's file
// through client.files, and its audio: what was sent and what was played, on the session's clock within 40 ms.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import WebSocket from 'ws';
import { assertFile, assertMessage, client, freshTeamspaceKey } from './support.mjs';
import { channel, concat, indexOf, parseWav, say, silence } from './audio.mjs';
import { startReceiver, until as untilDelivered } from './receiver.mjs';

const toleranceMs = 40;

/** Frames of a socket, each stamped with when it came. */
function openSocket(url) {
  const frames = [];
  const ws = new WebSocket(url);
  ws.on('message', (data) => frames.push({ ...JSON.parse(data.toString('utf8')), at: performance.now() }));
  return { ws, frames, opened: new Promise((resolve, reject) => { ws.once('open', resolve); ws.once('error', reject); }) };
}

async function until(predicate, what, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    assert.ok(Date.now() < deadline, `no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

test('a spoken turn is recorded: audio_clips as the SDK types them, each clip downloadable as the audio sent and played', async () => {
  // A teamspace of its own whose webhook hears the session start: `started_at` is where the session's clock starts, on
  // the server's clock (the client's arrival of `started` is late by however busy the machine is).
  const dg = client({ apiKey: await freshTeamspaceKey('recordings') });
  const receiver = await startReceiver();
  receiver.secret = (await dg.webhooks.create({ url: receiver.url, events: ['voice.session.started'] })).secret;
  const session = await dg.voice.startSession({ voice_config: { silent_start: true } });
  const socket = openSocket(session.url);
  await socket.opened;
  try {
    socket.ws.send(JSON.stringify(session.start_message));
    await until(() => socket.frames.some((f) => f.type === 'ready'), 'ready');

    // Streamed as a microphone sends it: each 4096-sample chunk once its last sample would have been recorded.
    const sent = concat(silence(500), say('what time is it'), silence(1200));
    const streamStart = performance.now();
    const streamStartUtc = Date.now(); // the same moment on the wall clock, which the server's clock runs on
    for (let offset = 0; offset < sent.length; offset += 4096) {
      const chunk = sent.subarray(offset, Math.min(offset + 4096, sent.length));
      const due = streamStart + ((offset + chunk.length) / 16000) * 1000;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - performance.now())));
      socket.ws.send(JSON.stringify({ type: 'audio', payload: { data: Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength).toString('base64') } }));
    }
    await until(() => socket.frames.some((f) => f.type === 'audio'), 'agent audio');
    await until(() => performance.now() - socket.frames.filter((f) => f.type === 'audio').at(-1).at > 1000, 'the answer to play out');
    socket.ws.send(JSON.stringify({ type: 'stop' }));
    await until(() => socket.frames.some((f) => f.type === 'ended'), 'ended');

    const { conversation_id: conversationId, message_id: messageId, session_id: sessionId } = socket.frames.find((f) => f.type === 'started').payload;
    const startedEvent = (await untilDelivered(() => receiver.received.find((r) => r.status === 200), 'voice.session.started')).event;
    assert.ok(receiver.received.every((r) => r.valid && r.fresh), 'every delivery verified');
    assert.equal(startedEvent.data.session_id, sessionId);
    // The session's start in the client's performance.now() terms.
    const startedAt = streamStart - (streamStartUtc - Date.parse(startedEvent.data.started_at));
    // The recording is closed as the session ends: the message has it once ended has come.
    const message = await dg.conversations.messages.retrieve(conversationId, messageId);
    assertMessage(message, 'messages.retrieve');
    const voice = message.content[0];
    const clips = voice.audio_clips;
    assert.deepEqual(clips.map((c) => c.participant.type), ['user', 'agent'], `a user clip and the answer's: ${JSON.stringify(clips)}`);
    assert.equal(clips[1].participant.id, message.agent_id, 'an agent clip names the agent');

    // The user's clip: a run of exactly the audio sent, lying where it was sent on the session's clock.
    const user = clips[0];
    const userFile = await dg.files.retrieve(user.id);
    assertFile(userFile, 'files.retrieve(user clip)');
    assert.equal(userFile.media_type, 'audio/wav');
    assert.ok(user.audio_uri.endsWith(`/v1/files/${user.id}/content`), `audio_uri: ${user.audio_uri}`);
    const userWav = parseWav(await (await dg.files.content(user.id)).arrayBuffer(), 'the user clip');
    assert.deepEqual([userWav.rate, userWav.channels], [16000, 1]);
    assert.ok(Math.abs(userWav.durationMs - user.duration_ms) < 1, `duration_ms ${user.duration_ms} is the WAV's ${userWav.durationMs}`);
    const at = indexOf(sent, userWav.samples);
    assert.ok(at >= 0, 'the user clip is a run of the audio sent');
    const expectedStart = streamStart - startedAt + at / 16;
    assert.ok(Math.abs(user.start_time_ms - expectedStart) <= toleranceMs, `user start_time_ms ${user.start_time_ms}, sent at ${expectedStart.toFixed(0)}`);

    // The answer's clip: every sample the client was sent, from when the first came.
    const agent = clips[1];
    const agentWav = parseWav(await (await dg.files.content(agent.id)).arrayBuffer(), 'the agent clip');
    const audio = socket.frames.filter((f) => f.type === 'audio');
    const received = concat(...audio.map((f) => { const b = Buffer.from(f.payload.data, 'base64'); return new Int16Array(b.buffer.slice(b.byteOffset, b.byteOffset + b.length)); }));
    assert.deepEqual([agentWav.rate, agentWav.channels], [24000, 1]);
    assert.deepEqual(Buffer.from(agentWav.samples.buffer), Buffer.from(received.buffer), 'the agent clip is the audio played');
    assert.ok(Math.abs(agentWav.durationMs - received.length / 24) < 1);
    // Its start is when the server sent the first of it: not after the client had it, and not before the question ended.
    // (How much later the client had it depends on how busy the machine is: 50 ms under load, so no closer bound here;
    // the whole call below checks the clip's place on the server's own clock to the millisecond.)
    const firstAudioAt = audio[0].at - startedAt;
    assert.ok(agent.start_time_ms <= firstAudioAt + toleranceMs, `agent start_time_ms ${agent.start_time_ms}, first audio at ${firstAudioAt.toFixed(0)}`);
    assert.ok(agent.start_time_ms >= user.start_time_ms + user.duration_ms, `agent start_time_ms ${agent.start_time_ms}, before the question ended at ${user.start_time_ms + user.duration_ms}`);

    // Parley's own: the whole call in stereo, the agent's clip on the right where it says it starts.
    const call = parseWav(await (await dg.files.content(voice.recording.id)).arrayBuffer(), 'the call');
    assert.deepEqual([call.rate, call.channels], [24000, 2]);
    const right = channel(call.samples, 2, 1);
    const lies = indexOf(right, agentWav.samples) / 24;
    assert.ok(Math.abs(lies - agent.start_time_ms) <= 1, `the agent's clip lies at ${lies} ms in the call, start_time_ms ${agent.start_time_ms}`);

    console.log(`audio_clips of one voice message:\n${JSON.stringify(clips, null, 2)}`);
  } finally {
    socket.ws.terminate();
    await receiver.close();
  }
});
