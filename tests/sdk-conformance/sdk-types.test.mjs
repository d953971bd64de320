// The shape checks in support.mjs quote the SDK's types by file and line: this keeps those quotes true to the
// installed datagrid-ai (a different SDK version that moves or changes a field fails here first).
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import * as support from './support.mjs';

const schemas = Object.entries(support).filter(([name, value]) => name.endsWith('Schema') && value?.fields);

test('every schema field names the SDK line that declares it', () => {
  assert.ok(schemas.length > 10, 'the schemas are found');
  const here = new URL('.', import.meta.url);
  for (const [exportName, schema] of schemas) {
    const lines = readFileSync(new URL(schema.source, here), 'utf8').split('\n');
    for (const [rawKey, [, line]] of Object.entries(schema.fields)) {
      const optional = rawKey.endsWith('?');
      const key = optional ? rawKey.slice(0, -1) : rawKey;
      const declared = lines[line - 1]?.trim() ?? '';
      assert.ok(
        declared.startsWith(`${key}${optional ? '?' : ''}:`),
        `${exportName}.${rawKey}: ${schema.source}:${line} reads "${declared}"`,
      );
    }
  }
});
