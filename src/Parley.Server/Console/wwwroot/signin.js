// Sign-in: the API key is checked against the server, then kept in this browser's local storage only.

import { ParleyApi } from './api.js';

const STORAGE_KEY = 'parley.apiKey';

export function savedKey() {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null; // Storage can be blocked; the person then signs in each time.
  }
}

export function forgetKey() {
  try { localStorage.removeItem(STORAGE_KEY); } catch { /* nothing kept */ }
}

/** Checks `key` by listing agents; resolves to the client and the agents, or throws an ApiError. */
export async function signIn(key) {
  const api = new ParleyApi(key);
  const agents = await api.listAll('/agents');
  try { localStorage.setItem(STORAGE_KEY, key); } catch { /* kept for this page only */ }
  return { api, agents };
}
