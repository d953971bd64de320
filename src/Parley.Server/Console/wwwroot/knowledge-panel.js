// The Knowledge panel: upload documents, then watch each knowledge go pending -> ready (or failed, with why).

import { hideAlert, showAlert } from './alert.js';
import { byId, clear, el, when } from './dom.js';

const POLL_MS = 1000;
const SETTLED = new Set(['ready', 'failed']);

export class KnowledgePanel {
  constructor(api) {
    this.api = api;
    this.list = byId('knowledge-list');
    this.items = [];
    this.timer = 0;
    byId('knowledge-form').addEventListener('submit', (event) => {
      event.preventDefault();
      this.upload();
    });
  }

  async show() {
    try {
      this.items = await this.api().listAll('/knowledge');
      this.render();
      this.poll();
    } catch (error) {
      showAlert(error.message);
    }
  }

  async upload() {
    hideAlert();
    const files = byId('knowledge-files').files;
    if (!files || files.length === 0) return showAlert('Choose at least one file (.txt, .md or .pdf) to upload.');
    const form = new FormData();
    for (const file of files) form.append('files[]', file, file.name);
    const name = byId('knowledge-name').value.trim();
    if (name) form.append('name', name);
    const button = byId('knowledge-upload');
    button.disabled = true;
    try {
      const created = await this.api().post('/knowledge', form);
      this.items = [created, ...this.items.filter((k) => k.id !== created.id)];
      byId('knowledge-form').reset();
      this.render();
      this.poll();
    } catch (error) {
      showAlert(`The upload failed: ${error.message}`);
    } finally {
      button.disabled = false;
    }
  }

  /** Re-reads every knowledge not yet ready or failed, once a second, until all have settled. */
  poll() {
    clearTimeout(this.timer);
    if (this.items.every((k) => SETTLED.has(k.status))) return;
    this.timer = setTimeout(async () => {
      try {
        const api = this.api();
        this.items = await Promise.all(this.items.map((k) => (SETTLED.has(k.status) ? k : api.get(`/knowledge/${encodeURIComponent(k.id)}`))));
        this.render();
        this.poll();
      } catch (error) {
        showAlert(`Could not check the documents' status: ${error.message}`);
      }
    }, POLL_MS);
  }

  stop() {
    clearTimeout(this.timer);
  }

  render() {
    clear(this.list);
    if (this.items.length === 0) this.list.append(el('li', { className: 'note' }, 'No knowledge yet.'));
    for (const knowledge of this.items) {
      const counts = knowledge.row_counts ?? {};
      this.list.append(el('li', { data: { knowledgeId: knowledge.id, status: knowledge.status } },
        el('strong', {}, knowledge.name),
        el('span', { className: 'badge status', data: { status: knowledge.status } }, knowledge.status),
        el('span', { className: 'note' }, `${counts.completed ?? 0} of ${counts.total ?? 0} files indexed · ${when(knowledge.created_at)}`),
        knowledge.last_error ? el('span', { className: 'note' }, `Why: ${knowledge.last_error.message ?? knowledge.last_error}`) : null,
        el('button', { type: 'button', className: 'quiet', onclick: () => this.remove(knowledge) }, 'Delete')));
    }
  }

  async remove(knowledge) {
    if (!window.confirm(`Delete the knowledge "${knowledge.name}"?`)) return;
    try {
      await this.api().delete(`/knowledge/${encodeURIComponent(knowledge.id)}`);
      this.items = this.items.filter((k) => k.id !== knowledge.id);
      this.render();
    } catch (error) {
      showAlert(error.message);
    }
  }
}
