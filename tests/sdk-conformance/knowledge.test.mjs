// client.knowledge: create from an uploaded file (multipart files[] + name), poll until ready, list, rename, delete.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Datagrid, { toFile } from 'datagrid-ai';
import { assertKnowledge, client, freshTeamspaceKey, rejectsWith, strictClient, unique } from './support.mjs';

const notes = [
  'Parley conformance notes.',
  'The lighthouse on the north pier is painted red and white.',
  'The ferry to the island leaves every hour on the half hour.',
].join('\n');

async function waitUntilReady(dg, id, timeoutMs = 30000) {
  const deadline = Date.now() + timeoutMs;
  let knowledge;
  for (;;) {
    knowledge = await dg.knowledge.retrieve(id);
    assertKnowledge(knowledge, 'knowledge.retrieve (polling)');
    if (knowledge.status === 'ready') return knowledge;
    assert.ok(
      knowledge.status === 'pending' || knowledge.status === 'partial',
      `while processing the status is pending or partial, got ${knowledge.status}: ${JSON.stringify(knowledge.last_error)}`,
    );
    assert.ok(Date.now() < deadline, `knowledge ${id} was not ready within ${timeoutMs} ms (status ${knowledge.status})`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe('knowledge', () => {
  test('create from a file, poll to ready, list, rename, delete; NotFoundError afterwards', async () => {
    const dg = client({ apiKey: await freshTeamspaceKey('knowledge') });
    const name = unique('sdk-knowledge');
    const created = await dg.knowledge.create({
      files: [await toFile(Buffer.from(notes, 'utf8'), 'notes.txt', { type: 'text/plain' })],
      name,
    });
    assertKnowledge(created, 'knowledge.create');
    assert.equal(created.object, 'knowledge');
    assert.equal(created.name, name);
    assert.ok(['pending', 'partial', 'ready'].includes(created.status), `a new knowledge is pending or further: ${created.status}`);

    const ready = await waitUntilReady(dg, created.id);
    assert.equal(ready.id, created.id);
    assert.equal(ready.name, name);
    assert.equal(ready.last_error, null, 'a ready knowledge has no last_error');
    assert.ok(ready.row_counts.total >= 1, `rows were made: ${JSON.stringify(ready.row_counts)}`);
    assert.equal(ready.row_counts.failed, 0);
    assert.equal(ready.row_counts.completed, ready.row_counts.total);

    const listed = [];
    for await (const knowledge of dg.knowledge.list({ limit: 2 })) {
      assertKnowledge(knowledge, `knowledge.list item ${listed.length}`);
      listed.push(knowledge);
    }
    assert.deepEqual(listed.map((k) => k.id), [created.id], 'the fresh teamspace lists exactly this knowledge');
    assert.equal(listed[0].status, 'ready');

    // The SDK sends the update as multipart too (knowledge.ts: update uses multipartFormRequestOptions).
    const renamed = await dg.knowledge.update(created.id, { name: `${name}-renamed` });
    assertKnowledge(renamed, 'knowledge.update');
    assert.equal(renamed.name, `${name}-renamed`);
    assert.equal((await dg.knowledge.retrieve(created.id)).name, `${name}-renamed`);

    await dg.knowledge.delete(created.id);
    const strict = strictClient({ apiKey: dg.apiKey });
    await rejectsWith(strict.knowledge.retrieve(created.id), Datagrid.NotFoundError, 'knowledge.retrieve after delete');
    await rejectsWith(strict.knowledge.delete(created.id), Datagrid.NotFoundError, 'knowledge.delete twice');
    const after = [];
    for await (const knowledge of dg.knowledge.list()) after.push(knowledge.id);
    assert.ok(!after.includes(created.id), 'a deleted knowledge is not listed');
  });

  test('several files in one knowledge', async () => {
    const dg = client();
    const created = await dg.knowledge.create({
      files: [
        await toFile(Buffer.from('Alpha file. The code word is marmalade.', 'utf8'), 'alpha.txt'),
        await toFile(Buffer.from('Beta file. The code word is porcupine.', 'utf8'), 'beta.md'),
      ],
      name: unique('sdk-knowledge-two'),
    });
    assertKnowledge(created, 'knowledge.create (two files)');
    const ready = await waitUntilReady(dg, created.id);
    assert.ok(ready.row_counts.total >= 2, `both files were read: ${JSON.stringify(ready.row_counts)}`);
    await dg.knowledge.delete(created.id);
  });

  test('an unknown knowledge id is NotFoundError', async () => {
    await rejectsWith(
      strictClient().knowledge.retrieve('00000000-0000-0000-0000-000000000000'),
      Datagrid.NotFoundError,
      'knowledge.retrieve(unknown)',
    );
  });
});
