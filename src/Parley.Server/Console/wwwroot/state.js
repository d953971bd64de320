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
