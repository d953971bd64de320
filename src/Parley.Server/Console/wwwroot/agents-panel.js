// The Agents panel: list, create and edit agents (name, prompts, tools, knowledge, turn-taking), delete the ones not default.

import { hideAlert, showAlert } from './alert.js';
import { byId, clear, el } from './dom.js';

export class AgentsPanel {
  /** `onChanged(agents)` hears the fresh list after every load or change. */
  constructor(api, onChanged) {
    this.api = api;
    this.onChanged = onChanged;
    this.agents = [];
    this.tools = [];
    this.knowledge = [];
    this.editing = null;
    this.form = byId('agent-form');
    this.list = byId('agent-list');
    byId('agent-new').addEventListener('click', () => this.edit(null));
    byId('agent-delete').addEventListener('click', () => this.remove());
    this.form.addEventListener('submit', (event) => {
      event.preventDefault();
      this.save();
    });
  }

  /** Loads agents (and, for the form, tools and knowledge); returns the agents. */
  async load({ withChoices = false } = {}) {
    const api = this.api();
    this.agents = await api.listAll('/agents');
    if (withChoices) {
      [this.tools, this.knowledge] = await Promise.all([api.listAll('/tools'), api.listAll('/knowledge')]);
    }
    this.renderList();
    this.onChanged(this.agents);
    return this.agents;
  }

  async show() {
    try {
      await this.load({ withChoices: true });
      const current = this.editing && this.agents.find((a) => a.id === this.editing.id);
      this.edit(current ?? null);
    } catch (error) {
      showAlert(error.message);
    }
  }

  renderList() {
    clear(this.list);
    for (const agent of this.agents) {
      this.list.append(el('li', { data: { agentId: agent.id }, attrs: { 'aria-selected': String(agent.id === this.editing?.id) } },
        el('button', { type: 'button', className: 'pick', onclick: () => this.edit(agent) }, `${agent.emoji ? agent.emoji + ' ' : ''}${agent.name}`),
        agent.is_default ? el('span', { className: 'badge' }, 'default') : null,
        el('span', { className: 'note' }, (agent.tools ?? []).map((t) => t.name).join(', ') || 'no tools')));
    }
  }

  edit(agent) {
    this.editing = agent;
    for (const item of this.list.children) item.setAttribute('aria-selected', String(item.dataset.agentId === agent?.id));
    byId('agent-form-title').textContent = agent ? `Edit ${agent.name}` : 'New agent';
    byId('agent-save').textContent = agent ? 'Save changes' : 'Create agent';
    byId('agent-delete').hidden = !agent || agent.is_default;
    byId('agent-saved').textContent = '';
    byId('agent-name').value = agent?.name ?? '';
    byId('agent-description').value = agent?.description ?? '';
    byId('agent-emoji').value = agent?.emoji ?? '';
    byId('agent-system-prompt').value = agent?.system_prompt ?? '';
    byId('agent-custom-prompt').value = agent?.custom_prompt ?? '';

    const enabled = new Set(agent ? (agent.tools ?? []).map((t) => t.name) : this.tools.map((t) => t.name));
    fillChoices(byId('agent-tools'), this.tools.map((t) => ({ value: t.name, label: t.label || t.name, title: t.description, checked: enabled.has(t.name) })));
    showTurnTaking(agent?.turn_taking ?? {});
    const chosen = new Set(agent?.knowledge_ids ?? []);
    fillChoices(byId('agent-knowledge'), this.knowledge.map((k) => ({ value: k.id, label: `${k.name} (${k.status})`, checked: chosen.has(k.id) })),
      'No knowledge yet: upload documents in the Knowledge panel.');
  }

  async save() {
    hideAlert();
    const text = (id) => byId(id).value.trim() || null;
    const body = {
      name: byId('agent-name').value.trim(),
      description: text('agent-description'),
      emoji: text('agent-emoji'),
      system_prompt: text('agent-system-prompt'),
      custom_prompt: text('agent-custom-prompt'),
      tools: checked(byId('agent-tools')),
      knowledge_ids: checked(byId('agent-knowledge')),
      turn_taking: readTurnTaking(),
    };
    try {
      const api = this.api();
      const saved = this.editing ? await api.patch(`/agents/${encodeURIComponent(this.editing.id)}`, body) : await api.post('/agents', body);
      this.editing = saved;
      await this.load();
      this.edit(this.agents.find((a) => a.id === saved.id) ?? saved);
      byId('agent-saved').textContent = `Saved ${saved.name}.`;
    } catch (error) {
      showAlert(`The agent was not saved: ${error.message}`);
    }
  }

  async remove() {
    const agent = this.editing;
    if (!agent || !window.confirm(`Delete the agent "${agent.name}"? Its conversations stay.`)) return;
    try {
      await this.api().delete(`/agents/${encodeURIComponent(agent.id)}`);
      this.editing = null;
      await this.load();
      this.edit(null);
    } catch (error) {
      showAlert(error.message);
    }
  }
}

/** The turn-taking fields, by their data-field names; an empty one is left to the server's default. */
function turnTakingInputs() {
  return [...byId('agent-turn-taking').querySelectorAll('input[data-field]')];
}

function showTurnTaking(settings) {
  for (const input of turnTakingInputs()) {
    const value = settings[input.dataset.field];
    if (input.type === 'checkbox') input.checked = value === true;
    else input.value = value ?? '';
  }
}

/** The settings the form holds, or null when all are left to the server. */
function readTurnTaking() {
  const settings = {};
  for (const input of turnTakingInputs()) {
    if (input.type === 'checkbox') {
      if (input.checked) settings[input.dataset.field] = true;
    } else if (input.value.trim() !== '') {
      settings[input.dataset.field] = input.type === 'number' ? Number(input.value) : input.value.trim();
    }
  }
  return Object.keys(settings).length > 0 ? settings : null;
}

function fillChoices(container, choices, empty) {
  clear(container);
  if (choices.length === 0 && empty) container.append(el('span', { className: 'note' }, empty));
  for (const choice of choices) {
    container.append(el('label', { className: 'check', title: choice.title ?? '' },
      el('input', { type: 'checkbox', value: choice.value, checked: choice.checked }),
      choice.label));
  }
}

function checked(container) {
  return [...container.querySelectorAll('input[type=checkbox]')].filter((c) => c.checked).map((c) => c.value);
}
