// The microphone's level as a person needs it: a live meter in dBFS, the loudest moment of each turn (shown beside
// what the server heard), and a hint when the microphone gives nothing, is too quiet or clips. These thresholds are
// choices, not measurements: where recognisers commonly begin to fail, with room to spare.

import { byId } from './dom.js';
import { consoleState } from './state.js';

const FLOOR_DB = -90;
const SILENT_DB = -70; // nothing louder than this for SILENT_AFTER_MS after opening: a muted or wrong microphone
const SILENT_AFTER_MS = 3000;
const QUIET_DB = -40; // a turn whose loudest 50 ms stays below this gives the recogniser little to work with
const QUIET_AFTER_MS = 6000; // nothing heard yet this long after opening, and nothing louder than QUIET_DB: too quiet
const CLIPPING_PEAK = 0.99; // a sample this close to full scale: the signal was cut off at the top

const HINTS = {
  silent: 'No sound is coming from the microphone. Check that it is not muted and that the right one is chosen in the system\'s sound settings.',
  quiet: 'Your microphone is very quiet: move closer, or raise its input volume in the system\'s sound settings.',
  clipping: 'Your microphone is too loud and clips: lower its input volume in the system\'s sound settings, or move back a little.',
};

/** An amplitude (0..1) in dB below full scale, floored at -90. */
export function toDb(amplitude) {
  return amplitude > 0 ? Math.max(FLOOR_DB, 20 * Math.log10(amplitude)) : FLOOR_DB;
}

export class MicLevel {
  constructor() {
    this.meter = byId('level');
    this.readout = byId('level-db');
    this.hint = byId('mic-hint');
    this.stop();
  }

  /** The microphone opened: a new session's figures. */
  start() {
    this.openedAt = performance.now();
    this.loudestDb = FLOOR_DB;
    this.turnsHeard = 0;
    this.beginTurn();
    this.show(null);
  }

  /** A level report from the worklet: `rms` over the last 50 ms and its `peak` sample. */
  update(rms, peak) {
    const db = toDb(rms);
    this.meter.value = db;
    this.readout.textContent = `${Math.round(db)} dBFS`;
    consoleState.levelDb = db;
    if (db > consoleState.loudestDb) consoleState.loudestDb = db;
    if (db > this.loudestDb) this.loudestDb = db;
    if (db > this.turnLoudestDb) this.turnLoudestDb = db;
    if (peak > this.turnPeak) this.turnPeak = peak;

    const open = performance.now() - this.openedAt;
    if (this.loudestDb < SILENT_DB) {
      if (open >= SILENT_AFTER_MS) this.show('silent');
    } else if (this.problem === 'silent') {
      this.show(null);
    } else if (this.turnsHeard === 0 && open >= QUIET_AFTER_MS && this.loudestDb < QUIET_DB && !this.problem) {
      this.show('quiet'); // perhaps someone talking the server cannot hear
    }
  }

  /** The server heard a turn: returns how loud it was (and what was wrong with it), and starts the next turn. */
  endTurn() {
    const turn = {
      loudestDb: Math.round(this.turnLoudestDb),
      peakDb: Math.round(toDb(this.turnPeak) * 10) / 10,
      problem: this.turnPeak >= CLIPPING_PEAK ? 'clipping' : this.turnLoudestDb < QUIET_DB ? 'quiet' : null,
    };
    this.turnsHeard += 1;
    this.show(turn.problem);
    this.beginTurn();
    return turn;
  }

  /** The microphone closed. */
  stop() {
    this.meter.value = FLOOR_DB;
    this.readout.textContent = '';
    consoleState.levelDb = null;
    this.beginTurn();
  }

  beginTurn() {
    this.turnLoudestDb = FLOOR_DB;
    this.turnPeak = 0;
  }

  show(problem) {
    this.problem = problem;
    consoleState.micHint = problem;
    this.hint.hidden = !problem;
    this.hint.textContent = problem ? HINTS[problem] : '';
  }
}
