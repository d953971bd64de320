// Failures surface as the SDK's own error classes; tools list and retrieve.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Datagrid, { NotFoundError } from 'datagrid-ai';
import {
  ToolDefSchema,
  assertShape,
  client,
  freshTeamspaceKey,
  rejectsWith,
  strictClient,
  unique,
} from './support.mjs';

describe('errors', () => {
  test('unknown agent, conversation and message ids are NotFoundError', async () => {
    const dg = strictClient();
    const missing = '00000000-0000-0000-0000-000000000000';
    const e = await rejectsWith(dg.agents.retrieve(missing), NotFoundError, 'agents.retrieve(unknown)');
    assert.equal(e.status, 404);
    assert.equal(e.error.error, 'not_found');
    assert.equal(e.error.retryable, false);
    assert.match(e.message, /^404 /, 'the SDK message starts with the status');
    await rejectsWith(dg.agents.retrieve('not-an-id'), Datagrid.NotFoundError, 'agents.retrieve(malformed)');
    await rejectsWith(dg.agents.update(missing, { name: 'x' }), Datagrid.NotFoundError, 'agents.update(unknown)');
    await rejectsWith(dg.agents.delete(missing), Datagrid.NotFoundError, 'agents.delete(unknown)');
    await rejectsWith(dg.conversations.retrieve(missing), Datagrid.NotFoundError, 'conversations.retrieve(unknown)');
    await rejectsWith(dg.conversations.update(missing, { name: 'x' }), Datagrid.NotFoundError, 'conversations.update(unknown)');
    await rejectsWith(dg.conversations.delete(missing), Datagrid.NotFoundError, 'conversations.delete(unknown)');
    await rejectsWith(dg.conversations.messages.list(missing), Datagrid.NotFoundError, 'messages.list(unknown conversation)');

    const conversation = await client().conversations.create({ name: unique('sdk-errors') });
    await rejectsWith(
      dg.conversations.messages.retrieve(conversation.id, missing),
      Datagrid.NotFoundError,
      'messages.retrieve(unknown message)',
    );
    await rejectsWith(
      dg.conversations.messages.retrieve(missing, missing),
      Datagrid.NotFoundError,
      'messages.retrieve(unknown conversation)',
    );
    await client().conversations.delete(conversation.id);

    await rejectsWith(dg.voice.startSession({ agent_id: missing }), Datagrid.NotFoundError, 'voice.startSession(unknown agent)');
    await rejectsWith(
      dg.voice.startSession({ conversation_id: missing }),
      Datagrid.NotFoundError,
      'voice.startSession(unknown conversation)',
    );
  });

  test('a bad key is AuthenticationError', async () => {
    const dg = strictClient({ apiKey: 'pk_not_a_real_key' });
    const e = await rejectsWith(dg.agents.list(), Datagrid.AuthenticationError, 'agents.list with a bad key');
    assert.equal(e.status, 401);
    assert.equal(e.error.retryable, false);
    await rejectsWith(dg.voice.startSession({}), Datagrid.AuthenticationError, 'voice.startSession with a bad key');
    await rejectsWith(dg.tools.list(), Datagrid.AuthenticationError, 'tools.list with a bad key');
    await rejectsWith(strictClient({ apiKey: '' }).agents.list(), Datagrid.AuthenticationError, 'an empty key');
  });

  test('an invalid value is UnprocessableEntityError', async () => {
    const dg = strictClient();
    const e = await rejectsWith(
      dg.agents.create({ name: unique('sdk-bad'), temperature: 9 }),
      Datagrid.UnprocessableEntityError,
      'agents.create with temperature 9',
    );
    assert.equal(e.status, 422);
    assert.match(e.message, /temperature/);
    await rejectsWith(
      dg.agents.create({ name: unique('sdk-bad'), tools: ['no_such_tool'] }),
      Datagrid.UnprocessableEntityError,
      'agents.create with an unknown tool',
    );
    await rejectsWith(
      dg.voice.startSession({ initial_message: 'x'.repeat(2001) }),
      Datagrid.UnprocessableEntityError,
      'voice.startSession with an initial_message over 2000 characters',
    );
    await rejectsWith(
      dg.conversations.list({ direction: 'sideways' }),
      Datagrid.UnprocessableEntityError,
      'conversations.list with a bad direction',
    );
    await rejectsWith(dg.agents.list({ limit: 0 }), Datagrid.UnprocessableEntityError, 'agents.list with limit 0');
  });

  test('a request the server cannot read is BadRequestError', async () => {
    const dg = strictClient();
    await rejectsWith(
      dg.agents.create({ name: unique('sdk-bad'), temperature: 'hot' }),
      Datagrid.BadRequestError,
      'agents.create with a string temperature',
    );
  });

  test('the Datagrid-Teamspace header the SDK sends for `teamspace` breaks nothing', async () => {
    const dg = client({ teamspace: 'some-teamspace' });
    const page = await dg.agents.list({ limit: 1 });
    assert.ok(Array.isArray(page.data));
    const tool = await dg.tools.retrieve('calculator');
    assert.equal(tool.name, 'calculator');
  });

  test('past the per-key limit a request is RateLimitError with the rate-limit headers', async () => {
    const dg = strictClient({ apiKey: await freshTeamspaceKey('ratelimit') });
    const { response } = await dg.tools.retrieve('calculator').withResponse();
    const limit = Number(response.headers.get('x-ratelimit-limit'));
    assert.ok(limit > 0, `X-RateLimit-Limit is a positive number: ${response.headers.get('x-ratelimit-limit')}`);
    assert.ok(Number(response.headers.get('x-ratelimit-remaining')) < limit, 'X-RateLimit-Remaining counts down');
    assert.ok(Number(response.headers.get('x-ratelimit-reset')) > Date.now() / 1000 - 1, 'X-RateLimit-Reset is in epoch seconds');
    if (limit > 5000) return; // a server configured this generously is not worth exhausting

    let refused;
    for (let sent = 1; !refused && sent <= limit + 50; sent += 25) {
      const batch = Array.from({ length: 25 }, () => dg.tools.retrieve('calculator').then(() => null, (e) => e));
      for (const outcome of await Promise.all(batch)) {
        if (outcome && !(outcome instanceof Datagrid.RateLimitError)) throw outcome;
        refused ??= outcome;
      }
    }
    assert.ok(refused, `no RateLimitError within ${limit + 50} requests`);
    assert.equal(refused.status, 429);
    assert.equal(refused.error.error, 'rate_limit_exceeded');
    assert.equal(refused.error.retryable, true);
    assert.ok(Number(refused.headers['retry-after']) >= 0, `Retry-After: ${refused.headers['retry-after']}`);
    assert.equal(Number(refused.headers['x-ratelimit-limit']), limit);
    assert.equal(Number(refused.headers['x-ratelimit-remaining']), 0);
  });

  test('tools.list and tools.retrieve; an unknown tool is NotFoundError', async () => {
    const dg = client();
    const tools = [];
    for await (const tool of dg.tools.list()) {
      assertShape(tool, ToolDefSchema, `tools.list item ${tools.length}`);
      tools.push(tool);
    }
    const names = tools.map((t) => t.name);
    assert.ok(names.includes('calculator'), `the calculator is listed: ${names.join(', ')}`);
    assert.equal(new Set(names).size, names.length, 'each tool once');

    // CursorNamePage pages by name: ?after=<last name>.
    const paged = [];
    for await (const tool of dg.tools.list({ limit: 1 })) paged.push(tool.name);
    assert.deepEqual(paged, names, 'limit 1 pages through the same tools');

    const calculator = await dg.tools.retrieve('calculator');
    assertShape(calculator, ToolDefSchema, 'tools.retrieve');
    assert.deepEqual(calculator, tools.find((t) => t.name === 'calculator'));

    const e = await rejectsWith(strictClient().tools.retrieve('nope'), Datagrid.NotFoundError, 'tools.retrieve("nope")');
    assert.equal(e.status, 404);
  });
});
