// client.converse (one answer, and streamed as server-sent events) and client.voice.orchestratorTasks (the task inbox).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Datagrid from 'datagrid-ai';
import { assertMessage, assertShape, client, freshTeamspaceKey, rejectsWith, strictClient } from './support.mjs';

const TOP_LEVEL = 'node_modules/datagrid-ai/src/resources/top-level.ts';
const TASKS = 'node_modules/datagrid-ai/src/resources/voice/orchestrator-tasks.ts';

const StatusEventDataSchema = {
  name: 'ConverseStatusEvent.Data',
  source: TOP_LEVEL,
  fields: { agent_id: ['string', 125], conversation_id: ['string', 130], status: ['string', 135] },
};

const DeltaSchema = { name: 'ConverseContentMessageDeltaEvent.Data.Delta', source: TOP_LEVEL, fields: { text: ['string', 276], type: ["'text'", 278] } };

const TaskListSchema = {
  name: 'VoiceOrchestratorTaskList',
  source: TASKS,
  fields: { data: ['array', 81], first_id: ['string|null', 86], has_more: ['boolean', 91], last_id: ['string|null', 96], object: ["'list'", 98] },
};

const answerText = (message) => message.content.filter((c) => c.type === 'text').map((c) => c.text).join('');

describe('converse', () => {
  test('one answer: the stored agent message, and the conversation holds both turns', async () => {
    const dg = client();
    const answer = await dg.converse({ prompt: 'what is twelve times seven' });
    assertMessage(answer, 'converse');
    assert.equal(answer.role, 'agent');
    assert.match(answerText(answer), /eighty-four|84/i);
    assert.ok(answer.tool_calls === null || Array.isArray(answer.tool_calls), 'tool_calls is an array or null');

    const messages = await dg.conversations.messages.list(answer.conversation_id);
    assert.deepEqual(messages.data.map((m) => [m.role, answerText(m)]), [['user', 'what is twelve times seven'], ['agent', answerText(answer)]]);
    messages.data.forEach((m, i) => assertMessage(m, `messages.list item ${i}`));
  });

  test('a later turn of the conversation hears the earlier ones', async () => {
    const dg = client();
    const first = await dg.converse({ prompt: 'my name is alice' });
    const second = await dg.converse({ prompt: 'what is my name', conversation_id: first.conversation_id });
    assert.equal(second.conversation_id, first.conversation_id);
    assert.match(answerText(second), /alice/i);
  });

  test('streamed: start, text deltas, the message, end; the deltas spell the message', async () => {
    const dg = client();
    const stream = await dg.converse({ prompt: 'what is twelve times seven', stream: true });
    const events = [];
    for await (const event of stream) events.push(event);

    assert.equal(events[0].event, 'start', `first event: ${JSON.stringify(events[0])}`);
    assertShape(events[0].data, StatusEventDataSchema, 'start.data');
    assert.equal(events.at(-1).event, 'end', `last event: ${JSON.stringify(events.at(-1))}`);
    assertShape(events.at(-1).data, StatusEventDataSchema, 'end.data');

    const messages = events.filter((e) => e.object === 'conversation.message');
    assert.equal(messages.length, 1, 'one message event');
    assertMessage(messages[0], 'streamed message');
    assert.equal(messages[0].conversation_id, events[0].data.conversation_id);

    const deltas = events.filter((e) => e.event === 'delta');
    assert.ok(deltas.length > 0, 'at least one delta');
    deltas.forEach((d, i) => assertShape(d.data.delta, DeltaSchema, `delta[${i}]`));
    assert.equal(deltas.map((d) => d.data.delta.text).join('').trim(), answerText(messages[0]).trim());
    assert.ok(events.indexOf(deltas.at(-1)) < events.indexOf(messages[0]), 'the message comes after its deltas');
  });

  test('an unknown conversation or agent is NotFoundError', async () => {
    const strict = strictClient();
    await rejectsWith(strict.converse({ prompt: 'hello', conversation_id: 'cnv_missing' }), Datagrid.NotFoundError, 'converse with an unknown conversation');
    await rejectsWith(strict.converse({ prompt: 'hello', agent_id: 'agt_missing' }), Datagrid.NotFoundError, 'converse with an unknown agent');
  });
});

describe('voice.orchestratorTasks', () => {
  test('a teamspace with no tasks lists none, in the SDK list shape', async () => {
    const dg = client({ apiKey: await freshTeamspaceKey('tasks') });
    for (const query of [undefined, { status: ['queued', 'running'] }, { status: ['completed'], limit: 5 }]) {
      const list = await dg.voice.orchestratorTasks.list(query);
      assertShape(list, TaskListSchema, `orchestratorTasks.list(${JSON.stringify(query)})`);
      assert.deepEqual([list.data, list.first_id, list.last_id, list.has_more], [[], null, null, false]);
    }
  });

  test('an unknown task is NotFoundError; an unknown status is UnprocessableEntityError', async () => {
    const strict = strictClient();
    await rejectsWith(strict.voice.orchestratorTasks.retrieve('task_missing'), Datagrid.NotFoundError, 'orchestratorTasks.retrieve');
    await rejectsWith(strict.voice.orchestratorTasks.acknowledge('task_missing'), Datagrid.NotFoundError, 'orchestratorTasks.acknowledge');
    await rejectsWith(strict.voice.orchestratorTasks.list({ status: ['sleeping'] }), Datagrid.UnprocessableEntityError, 'orchestratorTasks.list with an unknown status');
  });
});
