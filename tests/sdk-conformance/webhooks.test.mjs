// client.webhooks as the SDK types them, and deliveries to a receiver on loopback that verifies Datagrid-Signature
// (HMAC-SHA256 of the raw body) and the timestamp, failing its first request so the delivery is retried.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Datagrid, { toFile } from 'datagrid-ai';
import {
  WebhookCreateResponseSchema,
  WebhookEventSchema,
  WebhookListActiveForEventResponseSchema,
  assertShape,
  assertWebhook,
  client,
  freshTeamspaceKey,
  parleyUrl,
  rejectsWith,
  strictClient,
} from './support.mjs';
import { startReceiver, until } from './receiver.mjs';

describe('webhooks', () => {
  test('create (secret shown once), retrieve, update, list, listActiveForEvent, delete', async () => {
    const dg = client({ apiKey: await freshTeamspaceKey('webhooks') });
    const created = await dg.webhooks.create({ url: 'https://hooks.example.com/parley', events: ['knowledge.processing.completed'] });
    assertWebhook(created, 'webhooks.create');
    assertShape(created, WebhookCreateResponseSchema, 'webhooks.create');
    assert.equal(created.enabled, true);
    assert.deepEqual(created.events, ['knowledge.processing.completed']);

    const retrieved = await dg.webhooks.retrieve(created.id);
    assertWebhook(retrieved, 'webhooks.retrieve');
    assert.equal(retrieved.secret, undefined, 'the secret is shown only at creation');

    const updated = await dg.webhooks.update(created.id, { enabled: false, url: 'https://hooks.example.com/other' });
    assertWebhook(updated, 'webhooks.update');
    assert.deepEqual([updated.enabled, updated.url], [false, 'https://hooks.example.com/other']);

    const second = await dg.webhooks.create({ url: 'https://hooks.example.com/second', events: ['batch_prediction.completed'] });
    const listed = [];
    for await (const webhook of dg.webhooks.list({ limit: 1 })) {
      assertWebhook(webhook, `webhooks.list item ${listed.length}`);
      listed.push(webhook.id);
    }
    assert.deepEqual(listed, [second.id, created.id], 'newest first, one page at a time through next_cursor');

    const none = await dg.webhooks.listActiveForEvent({ event_type: 'knowledge.processing.completed' });
    assertShape(none, WebhookListActiveForEventResponseSchema, 'webhooks.listActiveForEvent');
    assert.deepEqual(none.data, [], 'a disabled webhook is not active');
    await dg.webhooks.update(created.id, { enabled: true });
    const active = await dg.webhooks.listActiveForEvent({ event_type: 'knowledge.processing.completed' });
    active.data.forEach((w, i) => assertWebhook(w, `webhooks.listActiveForEvent.data[${i}]`));
    assert.deepEqual(active.data.map((w) => w.id), [created.id]);

    await dg.webhooks.delete(created.id);
    await dg.webhooks.delete(second.id);
    await rejectsWith(strictClient({ apiKey: dg.apiKey }).webhooks.retrieve(created.id), Datagrid.NotFoundError, 'webhooks.retrieve after delete');
    await rejectsWith(
      strictClient().webhooks.create({ url: 'http://169.254.169.254/latest/meta-data', events: ['knowledge.processing.completed'] }),
      Datagrid.UnprocessableEntityError,
      'a cloud metadata address',
    );
  });

  test('a processed knowledge is delivered signed, verified by the receiver, and retried after it fails', async () => {
    const receiver = await startReceiver({ answer: (n) => (n === 0 ? 500 : 200) }); // fails its first request
    const key = await freshTeamspaceKey('webhook-delivery');
    const dg = client({ apiKey: key });
    try {
      const webhook = await dg.webhooks.create({ url: receiver.url, events: ['knowledge.processing.completed'] });
      receiver.secret = webhook.secret;
      const knowledge = await dg.knowledge.create({
        files: [await toFile(Buffer.from('The harbour master is called Ines.', 'utf8'), 'harbour.txt', { type: 'text/plain' })],
        name: 'harbour',
      });

      await until(() => receiver.received.some((r) => r.status === 200), 'a delivery the receiver took');
      assert.ok(receiver.received.every((r) => r.valid && r.fresh), `every request verified: ${JSON.stringify(receiver.received.map((r) => [r.valid, r.fresh, r.status]))}`);
      assert.deepEqual(receiver.received.map((r) => r.status), [500, 200], 'refused once, then taken');
      const [first, taken] = receiver.received;
      assertShape(taken.event, WebhookEventSchema, 'the delivered WebhookEvent');
      assert.equal(taken.event.event_type, 'knowledge.processing.completed');
      assert.equal(taken.event.id, first.event.id, 'a retry is the same event');
      assert.equal(taken.event.data.knowledge.id, knowledge.id);
      assert.equal(taken.event.data.knowledge.status, 'ready');

      // Parley's own: every attempt, visible through the API.
      const deliveries = await until(async () => {
        const res = await fetch(`${parleyUrl}/v1/webhooks/${webhook.id}/deliveries`, { headers: { Authorization: `Bearer ${key}` } });
        const body = await res.json();
        return body.data?.[0]?.state === 'delivered' ? body.data : null;
      }, 'the delivery recorded as delivered');
      assert.deepEqual(deliveries[0].attempts.map((a) => a.status_code), [500, 200]);
      assert.equal(deliveries[0].event_id, taken.event.id);
      console.log(`one signed delivery as received:\nDatagrid-Signature: ${taken.signature}\n${taken.raw}`);
    } finally {
      await receiver.close();
    }
  });
});
