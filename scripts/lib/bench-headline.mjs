// The headline table of scripts/bench.sh: each of issue 15's targets beside what the runs in DIR measured.
// Usage: node bench-headline.mjs DIR IDLE_PSS_MIB "LOAD BEFORE" "LOAD AFTER" IDLE_RSS_MIB
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const [dir, idlePss, loadBefore, loadAfter, idleRss] = process.argv.slice(2);

const step = (run, transport = 'websocket') => {
  const file = join(dir, run, 'bench.json');
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')).steps.find((s) => (s.transport ?? 'websocket') === transport) : undefined;
};

const ms = (value) => (value === null || value === undefined ? '–' : `${Math.round(value)} ms`);
const mib = (value) => (value === null || value === undefined ? '–' : `${Math.round(value)} MiB`);
const mark = (value, goal) => (value === null || value === undefined ? '' : value <= goal ? ' ✓' : ' ✗');

const fine = step('v2v-20ms');
const ios = step('v2v-256ms');
const staggered = step('capacity');
const lockstep = step('lockstep');
const phone = step('phone', 'phone');
const kept = (s) => (s ? `${s.callers} callers: p95 ${ms(s.p95_ms)}, ${s.turns_fell_behind} behind, ${s.errors} errors, ${s.answered_turns}/${s.turns} answered` : '–');
const keptUp = (s) => s && s.p95_ms <= 450 && s.turns_fell_behind === 0 && s.errors === 0;

const rows = [
  ['Voice-to-voice p50, 20 ms chunks, 1 caller', '≤ 300 ms', ms(fine?.p50_ms) + mark(fine?.p50_ms, 300)],
  ['Voice-to-voice p95, 20 ms chunks, 1 caller', '≤ 450 ms', ms(fine?.p95_ms) + mark(fine?.p95_ms, 450)],
  ['Voice-to-voice p50, 256 ms chunks, 1 caller', '≤ 450 ms', ms(ios?.p50_ms) + mark(ios?.p50_ms, 450)],
  ['Barge-in onset → `interrupted` p50, 20 ms chunks', '≤ 250 ms', ms(fine?.barge_in_p50_ms) + mark(fine?.barge_in_p50_ms, 250)],
  ['Barge-in onset → `interrupted` p50, 256 ms chunks', '≤ 250 ms', ms(ios?.barge_in_p50_ms) + mark(ios?.barge_in_p50_ms, 250)],
  ['16 staggered callers, 20 ms chunks', 'p95 ≤ 450 ms, none behind', kept(staggered) + (staggered ? (keptUp(staggered) ? ' ✓' : ' ✗') : '')],
  ['16 callers in lockstep, 20 ms chunks (reported beside)', '–', kept(lockstep)],
  ['Phone (1 call): end of speech → first audio played on the line, p50 / p95', '–', phone ? `${ms(phone.p50_ms)} / ${ms(phone.p95_ms)}` : '–'],
  ['Phone (1 call): barge-in onset → `clear`, p50', '–', ms(phone?.barge_in_p50_ms)],
  ['Idle server memory (PSS of its process tree, before any session; RSS summed over the processes beside it)', '≤ 150 MiB', `${mib(Number(idlePss))} (RSS ${mib(Number(idleRss))})` + mark(Number(idlePss), 150)],
  ['RSS per talking caller at N = 16 (staggered)', '≤ 30 MiB', mib(staggered?.rss_mi_b_per_session) + mark(staggered?.rss_mi_b_per_session, 30)],
];

console.log(`Load average (1/5/15 min) before: ${loadBefore}; after: ${loadAfter}; ${new Date().toISOString()}\n`);
console.log('| target | goal | measured |');
console.log('|---|---|---|');
for (const [what, goal, measured] of rows) {
  console.log(`| ${what} | ${goal} | ${measured} |`);
}
console.log('\nPremature endpoints and false interruptions (≤ 5 % each) come from the scenario suite, not from this run;');
console.log('1,000 sessions in a row (RSS growth ≤ 5 %) from scripts/soak.sh sessions.');
