// client.agents: create, retrieve, update, delete, and list across pages (auto-pagination, manual pages, backwards).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Datagrid from 'datagrid-ai';
import { assertAgent, assertSameResource, client, freshTeamspaceKey, rejectsWith, strictClient, unique } from './support.mjs';

const toolNames = (agent) => agent.tools.map((t) => t.name);

describe('agents', () => {
  test('create, retrieve, partial update, delete; retrieve after delete is NotFoundError', async () => {
    const dg = client();
    const name = unique('sdk-agent');
    const created = await dg.agents.create({
      name,
      description: 'Made by the SDK conformance tests',
      system_prompt: 'You are a careful calculator.',
      custom_prompt: 'Answer in one short sentence.',
      llm_model: 'gpt-4o',
      agent_model: 'magpie-2.0',
      tools: ['calculator'],
      emoji: '🧮',
    });
    assertAgent(created, 'agents.create');
    assert.equal(created.object, 'agent');
    assert.equal(created.name, name);
    assert.equal(created.description, 'Made by the SDK conformance tests');
    assert.equal(created.system_prompt, 'You are a careful calculator.');
    assert.equal(created.custom_prompt, 'Answer in one short sentence.');
    assert.equal(created.llm_model, 'gpt-4o');
    assert.equal(created.agent_model, 'magpie-2.0');
    assert.equal(created.emoji, '🧮');
    assert.deepEqual(toolNames(created), ['calculator']);

    const retrieved = await dg.agents.retrieve(created.id);
    assertAgent(retrieved, 'agents.retrieve');
    assertSameResource(retrieved, created, 'retrieve returns what create returned');

    // A partial update changes only what it names; tools may be given as objects too.
    const updated = await dg.agents.update(created.id, {
      description: 'Changed by the SDK conformance tests',
      tools: [{ name: 'calculator' }, 'get_current_time'],
    });
    assertAgent(updated, 'agents.update');
    assert.equal(updated.id, created.id);
    assert.equal(updated.description, 'Changed by the SDK conformance tests');
    assert.deepEqual(toolNames(updated).sort(), ['calculator', 'get_current_time']);
    for (const field of ['name', 'system_prompt', 'custom_prompt', 'llm_model', 'agent_model', 'emoji']) {
      assert.deepEqual(updated[field], created[field], `update leaves ${field} alone`);
    }
    assert.equal(Date.parse(updated.created_at), Date.parse(created.created_at), 'update leaves created_at alone');
    assertSameResource(await dg.agents.retrieve(created.id), updated, 'retrieve after update returns the update');

    // Nullable fields can be cleared with null.
    const cleared = await dg.agents.update(created.id, { emoji: null, custom_prompt: null });
    assertAgent(cleared, 'agents.update (nulls)');
    assert.equal(cleared.emoji, null);
    assert.equal(cleared.custom_prompt, null);
    assert.equal(cleared.description, 'Changed by the SDK conformance tests');

    const deleted = await dg.agents.delete(created.id);
    assert.ok(deleted === null || deleted === undefined || deleted === '', `delete resolves empty, got ${JSON.stringify(deleted)}`);

    const strict = strictClient();
    await rejectsWith(strict.agents.retrieve(created.id), Datagrid.NotFoundError, 'agents.retrieve after delete');
    await rejectsWith(strict.agents.delete(created.id), Datagrid.NotFoundError, 'agents.delete twice');
    await rejectsWith(strict.agents.update(created.id, { name: 'x' }), Datagrid.NotFoundError, 'agents.update after delete');
  });

  test('create with no fields gives a usable agent', async () => {
    const dg = client();
    const agent = await dg.agents.create({});
    assertAgent(agent, 'agents.create({})');
    assert.ok(agent.name.length > 0, 'a default name');
    assert.equal(typeof agent.llm_model, 'string');
    assert.equal(typeof agent.agent_model, 'string');
    await dg.agents.delete(agent.id);
  });

  test('list with limit 2 visits every agent exactly once, by auto-pagination and by hand', async () => {
    const dg = client({ apiKey: await freshTeamspaceKey('agents') });
    const prefix = unique('sdk-list');
    const created = [];
    for (let i = 0; i < 5; i++) {
      created.push(await dg.agents.create({ name: `${prefix}-${i}`, tools: ['calculator'] }));
    }
    const createdIds = created.map((a) => a.id);

    // for await over the page promise: the SDK fetches ?after=<last id> until a page comes back empty.
    const seen = [];
    for await (const agent of dg.agents.list({ limit: 2 })) {
      assertAgent(agent, `agents.list item ${seen.length}`);
      seen.push(agent.id);
    }
    assert.equal(new Set(seen).size, seen.length, `no agent is listed twice: ${seen.join(', ')}`);
    for (const id of createdIds) {
      assert.equal(seen.filter((s) => s === id).length, 1, `agent ${id} is listed exactly once`);
    }
    // The fresh teamspace holds the five agents and at most its default agent.
    assert.ok(seen.length === 5 || seen.length === 6, `5 or 6 agents in a fresh teamspace, got ${seen.length}`);

    // The same walk by hand with hasNextPage()/getNextPage().
    let page = await dg.agents.list({ limit: 2 });
    const byHand = [];
    let pages = 0;
    for (;;) {
      pages++;
      assert.ok(page.data.length <= 2, `a page holds at most limit items, got ${page.data.length}`);
      page.data.forEach((a, i) => assertAgent(a, `agents.list page ${pages} item ${i}`));
      byHand.push(...page.data.map((a) => a.id));
      if (!page.hasNextPage()) break;
      assert.ok(pages < 20, 'pagination ends');
      page = await page.getNextPage();
    }
    assert.deepEqual(byHand, seen, 'manual pages list the same agents in the same order');
    assert.ok(pages >= 3, `5+ agents at 2 a page take at least 3 pages, got ${pages}`);

    // Backwards: before=<last id> walks towards the start, each page in list order.
    const last = seen[seen.length - 1];
    const backwards = [];
    let back = await dg.agents.list({ limit: 2, before: last });
    for (;;) {
      backwards.unshift(...back.data.map((a) => a.id));
      if (!back.hasNextPage()) break;
      back = await back.getNextPage();
    }
    assert.deepEqual(backwards, seen.slice(0, -1), 'before=<last> lists everything before it, in order');

    // search filters by name.
    const found = [];
    for await (const agent of dg.agents.list({ limit: 2, search: `${prefix}-3` })) found.push(agent.id);
    assert.deepEqual(found, [createdIds[3]], 'search by name finds exactly that agent');

    for (const id of createdIds) await dg.agents.delete(id);
    const after = [];
    for await (const agent of dg.agents.list({ limit: 2 })) after.push(agent.id);
    for (const id of createdIds) assert.ok(!after.includes(id), `deleted agent ${id} is no longer listed`);
  });
});
