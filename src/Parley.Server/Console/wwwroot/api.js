// The REST API of this server, with the key as a bearer token. Errors become ApiError with a message a person can act on.

/** A failed API call: `status` is the HTTP status (0 when the server could not be reached). */
export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

export class ParleyApi {
  constructor(key, base = '/v1') {
    this.key = key;
    this.base = base;
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body); }
  patch(path, body) { return this.request('PATCH', path, body); }
  delete(path) { return this.request('DELETE', path); }

  /** Every item of a list, following `after` cursors (at most `max` items). */
  async listAll(path, max = 500) {
    const items = [];
    let after = null;
    while (items.length < max) {
      const separator = path.includes('?') ? '&' : '?';
      const page = await this.get(`${path}${separator}limit=100${after ? `&after=${encodeURIComponent(after)}` : ''}`);
      items.push(...page.data);
      if (!page.has_more || page.data.length === 0) return items;
      after = page.data[page.data.length - 1].id ?? page.data[page.data.length - 1].name;
    }
    return items;
  }

  /** Sends a request; `body` is JSON, or FormData sent as multipart. */
  async request(method, path, body) {
    const headers = { Accept: 'application/json' };
    let payload;
    if (body instanceof FormData) payload = body;
    else if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      payload = JSON.stringify(body);
    }

    const response = await this.send(method, path, headers, payload);
    if (response.status === 204) return null;
    const json = await readJson(response);
    if (response.ok) return json;
    throw explain(response, json);
  }

  /** A file's content (a recording's WAV), fetched with the key, as a Blob. */
  async blob(path) {
    const response = await this.send('GET', path, {});
    if (response.ok) return response.blob();
    throw explain(response, await readJson(response));
  }

  async send(method, path, headers, payload) {
    try {
      return await fetch(this.base + path, { method, headers: { Authorization: `Bearer ${this.key}`, ...headers }, body: payload });
    } catch {
      throw new ApiError('Cannot reach the Parley server. Check that it is running and that this page came from it, then try again.', 0, 'unreachable');
    }
  }
}

async function readJson(response) {
  const text = await response.text();
  try { return text ? JSON.parse(text) : null; } catch { return null; }
}

function explain(response, body) {
  const status = response.status;
  const code = body?.error ?? 'http_' + status;
  const detail = body?.message ?? response.statusText;
  if (status === 401) return new ApiError('That API key was not accepted: it is unknown or revoked. Check the key (the server prints one on its first start) and sign in again.', status, code);
  if (status === 403) return new ApiError(`This key may not do that: ${detail}`, status, code);
  if (status === 429) {
    const wait = response.headers.get('Retry-After');
    return new ApiError(`Too many requests with this key. Wait ${wait ? `${wait} s` : 'a moment'} and try again.`, status, code);
  }
  if (status >= 500) return new ApiError(`The server failed (${status}): ${detail}. Try again; if it keeps failing, check the server's log.`, status, code);
  return new ApiError(detail, status, code);
}
