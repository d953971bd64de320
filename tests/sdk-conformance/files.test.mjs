// client.files: create (multipart file + expires_after), retrieve, update, list, content, delete, as the SDK types them.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import Datagrid, { toFile } from 'datagrid-ai';
import { assertFile, client, freshTeamspaceKey, rejectsWith, strictClient } from './support.mjs';

describe('files', () => {
  test('create, retrieve, update, list, content and delete; NotFoundError afterwards', async () => {
    const dg = client({ apiKey: await freshTeamspaceKey('files') });
    const bytes = Buffer.from('Parley files conformance.\nThe ferry leaves on the half hour.\n', 'utf8');
    const created = await dg.files.create({ file: await toFile(bytes, 'ferry.txt', { type: 'text/plain' }), expires_after: 3600 });
    assertFile(created, 'files.create');
    assert.equal(created.object, 'file');
    assert.equal(created.filename, 'ferry.txt');
    assert.equal(created.media_type, 'text/plain');
    const expires = Date.parse(created.expires_at) - Date.parse(created.created_at);
    assert.ok(Math.abs(expires - 3600_000) < 2000, `expires_at is an hour after created_at (${expires} ms)`);

    const retrieved = await dg.files.retrieve(created.id);
    assertFile(retrieved, 'files.retrieve');
    assert.equal(retrieved.id, created.id);

    const updated = await dg.files.update(created.id, { expires_after: 7200 });
    assertFile(updated, 'files.update');
    assert.ok(Date.parse(updated.expires_at) - Date.now() > 7000_000, 'the expiry moved two hours on');

    const permanent = await dg.files.create({ file: await toFile(Buffer.from('{"a":1}'), 'data.json', { type: 'application/json' }) });
    assertFile(permanent, 'files.create (no expiry)');
    assert.equal(permanent.expires_at, null);

    const listed = [];
    for await (const file of dg.files.list({ limit: 1 })) {
      assertFile(file, `files.list item ${listed.length}`);
      listed.push(file.id);
    }
    assert.deepEqual(listed, [permanent.id, created.id], 'newest first, page by page');

    const response = await dg.files.content(created.id);
    assert.equal(response.headers.get('content-type'), 'text/plain');
    assert.deepEqual(Buffer.from(await response.arrayBuffer()), bytes, 'the content is the bytes uploaded');

    await dg.files.delete(created.id);
    const strict = strictClient({ apiKey: dg.apiKey });
    await rejectsWith(strict.files.retrieve(created.id), Datagrid.NotFoundError, 'files.retrieve after delete');
    await rejectsWith(strict.files.content(created.id), Datagrid.NotFoundError, 'files.content after delete');
    await rejectsWith(strict.files.delete(created.id), Datagrid.NotFoundError, 'files.delete twice');
  });

  test('what Parley does not keep is refused with the SDK error classes', async () => {
    const strict = strictClient();
    await rejectsWith(
      strict.files.create({ file: await toFile(Buffer.from('MZ'), 'tool.exe', { type: 'application/x-msdownload' }) }),
      Datagrid.APIError,
      'an executable',
    );
    await rejectsWith(
      strict.files.create({ file: await toFile(Buffer.from('x'), 'a.txt', { type: 'text/plain' }), expires_after: 518401 }),
      Datagrid.UnprocessableEntityError,
      'expires_after over 6 days',
    );
    const file = await strict.files.create({ file: await toFile(Buffer.from('x'), 'a.txt', { type: 'text/plain' }) });
    await rejectsWith(strict.files.update(file.id, { expires_after: 60 }), Datagrid.UnprocessableEntityError, 'expiry of a file that does not expire');
    await strict.files.delete(file.id);
  });

  test('a voice session names a file by id; an unknown id is refused', async () => {
    const dg = client();
    const file = await dg.files.create({ file: await toFile(Buffer.from('The code word is marmalade.'), 'code.txt', { type: 'text/plain' }) });
    const session = await dg.voice.startSession({ file_ids: [file.id] });
    assert.deepEqual(session.start_message.payload.file_ids, [file.id]);
    await rejectsWith(strictClient().voice.startSession({ file_ids: ['file-that-does-not-exist'] }), Datagrid.NotFoundError, 'an unknown file id');
    await dg.files.delete(file.id);
  });
});
