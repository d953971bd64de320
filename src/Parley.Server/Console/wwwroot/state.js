// What the page is doing, in one object on `window.parleyConsole` (for tests and for curious people in
// devtools); the headline values are mirrored on <body data-*> so CSS and selectors can see them too.

export const consoleState = {
  state: 'signed-out', // signed-out | idle | connecting | live | ending
  status: '',
  sessionId: null,
  conversationId: null,
  messageId: null,
  playback: 'idle', // idle | playing
  samplesScheduled: 0,
  samplesPlayed: 0,
  samplesFlushed: 0,
  chunksReceived: 0,
  chunksPlayed: 0,
  chunksSent: 0,
  peakLevel: 0, // the loudest microphone level (RMS, 0..1) seen this session
  levelDb: null, // the microphone's level now (RMS over 50 ms, dBFS); null while it is closed
  loudestDb: -90, // the loudest 50 ms this session, dBFS
  micHint: null, // what is wrong with the microphone, if anything: silent | quiet | clipping
  heard: [], // per user turn: { text (what the server heard), loudestDb, peakDb, problem }
  micOpenMs: null, // from the press to the microphone feeding the capture worklet
  chunksBuffered: 0, // chunks captured before the server's `started`, sent when it came
  capture: null, // { asked: constraints, applied: the track's settings, contextRate }
  sentChunkBytes: [], // the distinct sizes of the audio chunks sent
  interruptions: 0, // `interrupted` frames received
  flushes: 0,
  transcripts: 0,
  lastError: null,
};

window.parleyConsole = consoleState;

/** Changes fields of the state and mirrors the headline ones on the body element. */
export function setState(changes) {
  Object.assign(consoleState, changes);
  const data = document.body.dataset;
  data.state = consoleState.state;
  data.playback = consoleState.playback;
  if (consoleState.conversationId) data.conversationId = consoleState.conversationId;
}
