// The History panel: past conversations, their voice messages (from the REST API) with their recordings, and
// "Continue" for each.

import { showAlert } from './alert.js';
import { byId, clear, el, when } from './dom.js';
import { recordingView } from './recording-view.js';

export class HistoryPanel {
  /** `onContinue(conversationId, agentId)` starts the next session in that conversation. */
  constructor(api, agentName, onContinue) {
    this.api = api;
    this.agentName = agentName;
    this.onContinue = onContinue;
    this.list = byId('conversation-list');
    this.detail = byId('conversation-detail');
    this.selected = null;
    this.audioUrls = []; // blob: URLs of the recordings played in the messages shown
    byId('history-refresh').addEventListener('click', () => this.load());
  }

  async load() {
    try {
      const page = await this.api().get('/conversations?limit=50&sort=updated_at&direction=desc');
      this.render(page.data);
      if (this.selected && page.data.some((c) => c.id === this.selected)) await this.open(this.selected);
    } catch (error) {
      showAlert(error.message);
    }
  }

  render(conversations) {
    clear(this.list);
    if (conversations.length === 0) {
      this.list.append(el('li', { className: 'note' }, 'No conversations yet: talk to an agent first.'));
      return;
    }
    for (const conversation of conversations) {
      const agents = conversation.agent_ids.map((id) => this.agentName(id)).join(', ');
      const item = el('li', { data: { conversationId: conversation.id } },
        el('button', { type: 'button', className: 'pick', onclick: () => this.open(conversation.id) }, conversation.name ?? `Conversation of ${when(conversation.created_at)}`),
        el('span', { className: 'note' }, `${agents} · updated ${when(conversation.updated_at)}`));
      item.setAttribute('aria-selected', String(conversation.id === this.selected));
      this.list.append(item);
    }
  }

  async open(conversationId) {
    this.selected = conversationId;
    for (const item of this.list.children) item.setAttribute('aria-selected', String(item.dataset.conversationId === conversationId));
    try {
      const page = await this.api().get(`/conversations/${encodeURIComponent(conversationId)}/messages?limit=100`);
      this.showMessages(conversationId, page.data);
    } catch (error) {
      showAlert(error.message);
    }
  }

  showMessages(conversationId, messages) {
    for (const url of this.audioUrls.splice(0)) URL.revokeObjectURL(url);
    clear(this.detail);
    const agentId = messages.find((m) => m.agent_id)?.agent_id;
    this.detail.dataset.conversationId = conversationId;
    this.detail.append(el('div', { className: 'row' },
      el('h3', {}, 'Messages'),
      el('button', { type: 'button', id: 'history-continue', onclick: () => this.onContinue(conversationId, agentId) }, 'Continue this conversation')));
    if (messages.length === 0) this.detail.append(el('p', { className: 'note' }, 'Nothing stored yet.'));
    for (const message of messages) {
      for (const content of message.content ?? []) this.detail.append(renderContent(message, content, this.api, this.audioUrls));
    }
  }
}

function renderContent(message, content, api, audioUrls) {
  if (content.type !== 'voice') {
    return el('ol', { className: 'transcript' }, el('li', { data: { role: message.role } }, el('span', { className: 'who' }, message.role), el('span', { className: 'text' }, content.text ?? '')));
  }
  const seconds = content.duration_ms == null ? 'still live' : `${(content.duration_ms / 1000).toFixed(1)} s`;
  const lines = el('ol', { className: 'transcript' });
  const tools = el('ul', { className: 'plain' });
  for (const event of content.timeline_events ?? []) {
    if (event.type === 'transcript') {
      lines.append(el('li', { data: { role: event.role } }, el('span', { className: 'who' }, event.role === 'user' ? 'You' : 'Agent'), el('span', { className: 'text' }, event.text ?? '')));
    } else if (event.type === 'tool_call_status') {
      toolStatus(tools, event.tool_name, event.status);
    }
  }
  // A list carries a window of each timeline (the server bounds it); say so when the session holds more.
  const shown = (content.timeline_events ?? []).length;
  const more = (content.timeline_events_total ?? shown) > shown
    ? el('p', { className: 'note' }, `The first ${shown} of ${content.timeline_events_total} events.`)
    : null;
  return el('article', { className: 'voice-message', data: { messageId: message.id } },
    el('p', { className: 'note' }, `Voice session · ${when(message.created_at)} · ${seconds}`),
    recordingView(api, content, audioUrls),
    lines,
    tools.children.length > 0 ? tools : null,
    more);
}

/** One line per tool call: a `started` line is updated in place by the call's `completed` or `failed`. */
function toolStatus(list, name, status) {
  const open = [...list.children].filter((li) => li.dataset.tool === name && li.dataset.status === 'started');
  const item = status !== 'started' && open.length > 0 ? open[open.length - 1] : list.appendChild(
    el('li', { data: { tool: name } }, el('code', {}, name), ' ', el('span', { className: 'badge' })));
  item.dataset.status = status;
  const badge = item.querySelector('.badge');
  badge.dataset.status = status;
  badge.textContent = status;
}
