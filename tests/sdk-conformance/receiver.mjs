// A webhook receiver on loopback, as a team would write one from the SDK's documentation: it verifies
// Datagrid-Signature (HMAC-SHA256 of the raw body with the webhook's secret) and the timestamp's replay window.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';

/**
 * Starts a receiver; `answer(n)` is the status for the n-th request (0 first) that passes the checks (200 unless told).
 * Set `secret` once the webhook is created: until then every request is refused (401).
 */
export async function startReceiver({ answer = () => 200 } = {}) {
  const received = [];
  let secret = null;
  let passed = 0;
  const server = createServer((req, res) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks);
      const signature = req.headers['datagrid-signature'] ?? '';
      const expected = createHmac('sha256', secret ?? '').update(raw).digest('hex');
      const valid = secret !== null && signature.length === expected.length && timingSafeEqual(Buffer.from(signature), Buffer.from(expected));
      const event = JSON.parse(raw.toString('utf8'));
      const fresh = Math.abs(Date.now() / 1000 - event.timestamp) <= 300; // the replay window
      const status = !valid ? 401 : !fresh ? 400 : answer(passed++);
      received.push({ raw: raw.toString('utf8'), signature, valid, fresh, status, event });
      res.writeHead(status).end();
    });
  });
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${server.address().port}/hook`,
    received,
    set secret(value) { secret = value; },
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Polls `predicate` (which may be async) until it gives a truthy value, and returns it. */
export async function until(predicate, what, timeoutMs = 20000) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await predicate();
    if (value) return value;
    assert.ok(Date.now() < deadline, `no ${what} within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
