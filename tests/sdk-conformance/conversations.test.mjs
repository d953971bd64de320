// client.conversations: create, retrieve, update, list (asc/desc, across pages), delete.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Datagrid from 'datagrid-ai';
import { assertConversation, assertMessage, assertSameResource, client, freshTeamspaceKey, rejectsWith, strictClient, unique } from './support.mjs';

async function listAll(dg, query) {
  const items = [];
  for await (const conversation of dg.conversations.list(query)) {
    assertConversation(conversation, `conversations.list(${JSON.stringify(query)}) item ${items.length}`);
    items.push(conversation);
  }
  return items;
}

describe('conversations', () => {
  test('create, retrieve, update the name, delete; NotFoundError afterwards', async () => {
    const dg = client();
    const name = unique('sdk-conversation');
    const created = await dg.conversations.create({ name });
    assertConversation(created, 'conversations.create');
    assert.equal(created.object, 'conversation');
    assert.equal(created.name, name);

    const retrieved = await dg.conversations.retrieve(created.id);
    assertConversation(retrieved, 'conversations.retrieve');
    assertSameResource(retrieved, created, 'retrieve returns what create returned');

    const renamed = await dg.conversations.update(created.id, { name: `${name}-renamed` });
    assertConversation(renamed, 'conversations.update');
    assert.equal(renamed.id, created.id);
    assert.equal(renamed.name, `${name}-renamed`);
    assert.equal(Date.parse(renamed.created_at), Date.parse(created.created_at), 'update leaves created_at alone');
    assert.ok(Date.parse(renamed.updated_at) >= Date.parse(created.updated_at), 'updated_at does not go back');
    assert.equal((await dg.conversations.retrieve(created.id)).name, `${name}-renamed`);

    // A new conversation has no messages yet.
    const messages = await dg.conversations.messages.list(created.id);
    assert.deepEqual(messages.data, []);

    await dg.conversations.delete(created.id);
    const strict = strictClient();
    await rejectsWith(strict.conversations.retrieve(created.id), Datagrid.NotFoundError, 'conversations.retrieve after delete');
    await rejectsWith(strict.conversations.update(created.id, { name: 'x' }), Datagrid.NotFoundError, 'conversations.update after delete');
    await rejectsWith(strict.conversations.delete(created.id), Datagrid.NotFoundError, 'conversations.delete twice');
    await rejectsWith(strict.conversations.messages.list(created.id), Datagrid.NotFoundError, 'messages.list after delete');
  });

  test('create without a name, and with agent_ids set by update', async () => {
    const dg = client();
    const created = await dg.conversations.create({});
    assertConversation(created, 'conversations.create({})');
    assert.ok(created.name === undefined || typeof created.name === 'string', 'name is absent or a string');
    const agent = await dg.agents.create({ name: unique('sdk-conv-agent') });
    const updated = await dg.conversations.update(created.id, { agent_ids: [agent.id] });
    assertConversation(updated, 'conversations.update(agent_ids)');
    assert.deepEqual(updated.agent_ids, [agent.id]);
    await rejectsWith(
      strictClient().conversations.update(created.id, { agent_ids: ['no-such-agent'] }),
      Datagrid.NotFoundError,
      'conversations.update with an unknown agent id',
    );
    await dg.conversations.delete(created.id);
    await dg.agents.delete(agent.id);
  });

  test('list in both directions across pages of 2', async () => {
    const dg = client({ apiKey: await freshTeamspaceKey('conversations') });
    const prefix = unique('sdk-conv-list');
    const ids = [];
    for (let i = 0; i < 5; i++) {
      ids.push((await dg.conversations.create({ name: `${prefix}-${i}` })).id);
    }

    const asc = await listAll(dg, { limit: 2, direction: 'asc' });
    const desc = await listAll(dg, { limit: 2, direction: 'desc' });
    assert.deepEqual(asc.map((c) => c.id), ids, 'direction asc lists oldest first, each exactly once');
    assert.deepEqual(desc.map((c) => c.id), [...ids].reverse(), 'direction desc lists newest first');
    for (const list of [asc, desc]) {
      const times = list.map((c) => Date.parse(c.created_at));
      const sorted = [...times].sort((a, b) => a - b);
      assert.deepEqual(list === asc ? times : [...times].reverse(), sorted, 'created_at follows the direction');
    }

    // sort=updated_at: the conversation renamed last comes first in desc order.
    await dg.conversations.update(ids[1], { name: `${prefix}-touched` });
    const byUpdate = await listAll(dg, { limit: 2, sort: 'updated_at', direction: 'desc' });
    assert.equal(byUpdate[0].id, ids[1], 'sort=updated_at desc starts with the last updated');
    assert.equal(byUpdate.length, 5);

    // The default order holds every conversation once.
    const all = await listAll(dg, { limit: 2 });
    assert.deepEqual([...all.map((c) => c.id)].sort(), [...ids].sort());

    for (const id of ids) await dg.conversations.delete(id);
    assert.deepEqual(await listAll(dg, { limit: 2 }), []);
  });

  test('messages of an empty conversation list and paginate without error', async () => {
    const dg = client();
    const conversation = await dg.conversations.create({ name: unique('sdk-empty') });
    const items = [];
    for await (const message of dg.conversations.messages.list(conversation.id, { limit: 2 })) {
      assertMessage(message);
      items.push(message);
    }
    assert.deepEqual(items, []);
    await dg.conversations.delete(conversation.id);
  });
});
