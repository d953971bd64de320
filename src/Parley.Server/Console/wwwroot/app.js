// The Parley voice console: wires sign-in, the tabs and the four panels together.

import { AgentsPanel } from './agents-panel.js';
import { hideAlert, showAlert } from './alert.js';
import { byId } from './dom.js';
import { HistoryPanel } from './history-panel.js';
import { KnowledgePanel } from './knowledge-panel.js';
import { forgetKey, savedKey, signIn } from './signin.js';
import { consoleState, setState } from './state.js';
import { TalkPanel } from './talk-panel.js';

const PANELS = ['talk', 'history', 'agents', 'knowledge'];

let client = null;
const api = () => {
  if (!client) throw new Error('Sign in first.');
  return client;
};

const talk = new TalkPanel(api, () => signOut('That API key is no longer accepted. Sign in again with a valid key.'));
const agents = new AgentsPanel(api, (list) => talk.setAgents(list));
const history = new HistoryPanel(api, (id) => agents.agents.find((a) => a.id === id)?.name ?? id, (conversationId, agentId) => {
  talk.continueConversation(conversationId, agentId);
  showPanel('talk');
});
const knowledge = new KnowledgePanel(api);

function showPanel(name) {
  for (const panel of PANELS) {
    byId(`${panel}-panel`).hidden = panel !== name;
  }
  for (const tab of byId('tabs').querySelectorAll('button')) {
    if (tab.dataset.panel === name) tab.setAttribute('aria-current', 'page');
    else tab.removeAttribute('aria-current');
  }
  document.body.dataset.panel = name;
  if (name !== 'knowledge') knowledge.stop();
  if (name === 'history') history.load();
  if (name === 'agents') agents.show();
  if (name === 'knowledge') knowledge.show();
}

function showSignedIn(signedIn) {
  byId('signin-panel').hidden = signedIn;
  byId('tabs').hidden = !signedIn;
  byId('sign-out').hidden = !signedIn;
  if (!signedIn) for (const panel of PANELS) byId(`${panel}-panel`).hidden = true;
}

async function trySignIn(key, { remembered = false } = {}) {
  hideAlert();
  try {
    const result = await signIn(key);
    client = result.api;
    talk.setAgents(result.agents);
    talk.prepareAudio();
    agents.agents = result.agents;
    setState({ state: 'idle' });
    showSignedIn(true);
    showPanel('talk');
    talk.render();
  } catch (error) {
    if (error.status === 401) forgetKey();
    showAlert(remembered && error.status === 401 ? 'The saved API key is no longer accepted. Sign in again with a valid key.' : error.message);
    byId('api-key').focus();
  }
}

function signOut(message) {
  if (consoleState.state !== 'idle' && consoleState.state !== 'signed-out') talk.stop();
  knowledge.stop();
  forgetKey();
  client = null;
  setState({ state: 'signed-out' });
  showSignedIn(false);
  byId('api-key').value = '';
  if (message) showAlert(message);
}

byId('signin-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const key = byId('api-key').value.trim();
  if (key) trySignIn(key);
});
byId('sign-out').addEventListener('click', () => signOut(null));
for (const tab of byId('tabs').querySelectorAll('button')) {
  tab.addEventListener('click', () => showPanel(tab.dataset.panel));
}

const remembered = savedKey();
if (remembered) trySignIn(remembered, { remembered: true });
