// The one message area at the top of the page: errors a person can act on, and the odd notice.

import { byId } from './dom.js';
import { setState } from './state.js';

export function showAlert(message, kind = 'error') {
  const alert = byId('alert');
  byId('alert-text').textContent = message;
  alert.dataset.kind = kind;
  alert.hidden = false;
  if (kind === 'error') setState({ lastError: message });
}

export function hideAlert() {
  byId('alert').hidden = true;
}

byId('alert-close').addEventListener('click', hideAlert);
