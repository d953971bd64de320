// What a live session shows: the transcript (agent pieces joined into one line per reply), tool calls and citations.

import { byId, clear, el } from './dom.js';
import { consoleState } from './state.js';

export class SessionView {
  constructor() {
    this.transcript = byId('transcript');
    this.toolCalls = byId('tool-calls');
    this.citations = byId('citations');
    this.lastLine = null;
    this.activeTools = []; // tools started and not yet completed, latest last
  }

  reset() {
    clear(this.transcript);
    clear(this.toolCalls);
    clear(this.citations);
    this.lastLine = null;
    this.activeTools = [];
  }

  /** A transcript line; a user line is what the server heard, with `turn`, how loud the microphone was meanwhile. */
  addLine(role, text, turn = null) {
    consoleState.transcripts += 1;
    if (role === 'agent' && this.lastLine?.dataset.role === 'agent' && this.lastLine.dataset.open === 'true') {
      const span = this.lastLine.querySelector('.text');
      span.textContent = `${span.textContent} ${text}`;
      return;
    }
    this.closeAgentLine(false);
    const line = el('li', { data: { role, open: String(role === 'agent') } },
      el('span', { className: 'who' }, role === 'user' ? 'Server heard' : 'Agent'),
      el('span', { className: 'text' }, text),
      turn && el('span', { className: 'turn-level', data: { problem: turn.problem ?? '' } },
        `microphone: loudest ${turn.loudestDb} dBFS${turn.problem === 'quiet' ? ' (very quiet)' : turn.problem === 'clipping' ? ' (clipping)' : ''}`));
    this.transcript.append(line);
    this.lastLine = line;
    line.scrollIntoView({ block: 'nearest' });
  }

  /** Ends the agent's current line; an interrupted one is marked so. */
  closeAgentLine(interrupted) {
    const line = this.lastLine;
    if (line?.dataset.role !== 'agent' || line.dataset.open !== 'true') return;
    line.dataset.open = 'false';
    if (interrupted) line.dataset.interrupted = 'true';
  }

  toolCall({ tool_name: name, status }) {
    if (status === 'started') {
      this.activeTools.push(name);
      this.toolCalls.append(el('li', { data: { tool: name, status } }, el('code', {}, name), ' ', el('span', { className: 'badge', data: { status } }, status)));
      return;
    }
    const index = this.activeTools.lastIndexOf(name);
    if (index >= 0) this.activeTools.splice(index, 1);
    const open = [...this.toolCalls.children].filter((li) => li.dataset.tool === name && li.dataset.status === 'started');
    const item = open[open.length - 1] ?? this.toolCalls.appendChild(el('li', { data: { tool: name } }, el('code', {}, name), ' ', el('span', { className: 'badge' })));
    item.dataset.status = status;
    const badge = item.querySelector('.badge');
    badge.dataset.status = status;
    badge.textContent = status;
  }

  addCitations(citations) {
    for (const citation of citations) {
      const sources = (citation.sources ?? []).map((s) => s.source_name).filter(Boolean).join(', ');
      this.citations.append(el('li', {}, el('q', {}, citation.citation ?? ''), sources ? ` — ${sources}` : ''));
    }
  }

  /** The tool in use now, if any. */
  get activeTool() {
    return this.activeTools[this.activeTools.length - 1] ?? null;
  }
}
