// Shared helpers of the SDK conformance tests: the client, admin calls the SDK does not have, and shape checks.
//
// The SDK itself never validates a response (it returns the parsed JSON typed as its interfaces), so "the SDK parses
// every response" is checked here against the SDK's own TypeScript types: every schema below is copied field by field
// from node_modules/datagrid-ai/src/resources/*.ts (the line of each field is given), required fields must be present
// with the declared type, optional ones may be absent. Extra fields are allowed (the SDK ignores them).
import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import Datagrid from 'datagrid-ai';

/** Base URL of the live server, e.g. http://127.0.0.1:5123 (no /v1). */
export const parleyUrl = (() => {
  const url = process.env.PARLEY_URL;
  if (!url) throw new Error('PARLEY_URL is not set (run scripts/sdk-conformance.sh)');
  return url.replace(/\/+$/, '');
})();

/** The admin key of the server's default teamspace. */
export const adminKey = (() => {
  const key = process.env.PARLEY_API_KEY;
  if (!key) throw new Error('PARLEY_API_KEY is not set (run scripts/sdk-conformance.sh)');
  return key;
})();

/** An SDK client for Parley: only baseURL differs from what a Datagrid user writes. */
export function client(options = {}) {
  return new Datagrid({ apiKey: adminKey, baseURL: `${parleyUrl}/v1`, ...options });
}

/** A client that never retries: for calls expected to fail, so the failure is seen once. */
export function strictClient(options = {}) {
  return client({ maxRetries: 0, ...options });
}

/** A short unique suffix for names made by one test run. */
export function unique(prefix) {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/**
 * A key of a brand-new teamspace, from Parley's admin endpoint POST /v1/keys (not part of the Datagrid API, so not in
 * the SDK): list tests run there, so nothing other tests create can show up in their pages.
 */
export async function freshTeamspaceKey(label) {
  const teamspace = unique(`sdk-${label}`);
  const response = await fetch(`${parleyUrl}/v1/keys`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${adminKey}`, 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: `sdk conformance ${label}`, teamspace_id: teamspace }),
  });
  const body = await response.json();
  assert.ok(response.ok, `POST /v1/keys answered ${response.status}: ${JSON.stringify(body)}`);
  assert.equal(typeof body.key, 'string', 'POST /v1/keys returns the new key in "key"');
  return body.key;
}

/** Asserts that `promise` rejects with an instance of `ErrorClass` (an SDK error class) and returns the error. */
export async function rejectsWith(promise, ErrorClass, what) {
  let error;
  try {
    await promise;
  } catch (e) {
    error = e;
  }
  assert.ok(error, `${what}: expected ${ErrorClass.name}, but the call succeeded`);
  assert.ok(
    error instanceof ErrorClass,
    `${what}: expected ${ErrorClass.name}, got ${error?.constructor?.name}: ${error?.message}`,
  );
  assertErrorBody(error, what);
  return error;
}

/** The REST error body of PROTOCOL.md section 4, as the SDK exposes it in `error.error`. */
export function assertErrorBody(error, what) {
  assert.equal(typeof error.status, 'number', `${what}: the SDK error has an HTTP status`);
  const body = error.error;
  assert.ok(body && typeof body === 'object', `${what}: the error body is JSON (got ${JSON.stringify(body)})`);
  assert.equal(body.status_code, error.status, `${what}: error body status_code`);
  assert.equal(typeof body.error, 'string', `${what}: error body "error"`);
  assert.equal(typeof body.message, 'string', `${what}: error body "message"`);
  assert.equal(typeof body.retryable, 'boolean', `${what}: error body "retryable"`);
}

// ---- shape checks against the SDK types ----

const SDK = 'node_modules/datagrid-ai/src/resources';

/** Field type: alternatives joined with "|": string, number, boolean, null, array, object, or a 'literal'. */
function matches(value, type) {
  return type.split('|').some((alt) => {
    alt = alt.trim();
    if (alt.startsWith("'")) return value === alt.slice(1, -1);
    if (alt === 'null') return value === null;
    if (alt === 'array') return Array.isArray(value);
    if (alt === 'object') return value !== null && typeof value === 'object' && !Array.isArray(value);
    return typeof value === alt;
  });
}

/**
 * Checks `value` against `schema`: `{ name, source, fields: { key: [type, line] } }`; a key ending in "?" is optional
 * (may be absent, but when present must have the type).
 */
export function assertShape(value, schema, where = schema.name) {
  assert.ok(matches(value, 'object'), `${where}: expected an object (${schema.name}), got ${JSON.stringify(value)}`);
  for (const [rawKey, [type, line]] of Object.entries(schema.fields)) {
    const optional = rawKey.endsWith('?');
    const key = optional ? rawKey.slice(0, -1) : rawKey;
    const ref = `${schema.source}:${line}`;
    if (!(key in value)) {
      assert.ok(optional, `${where}.${key} is missing; the SDK type ${schema.name} requires it (${ref})`);
      continue;
    }
    assert.ok(
      matches(value[key], type),
      `${where}.${key} is ${JSON.stringify(value[key])}; the SDK type ${schema.name} declares ${type} (${ref})`,
    );
  }
}

/**
 * `actual` and `expected` are the same resource: deep-equal, with timestamps (keys ending in "_at") compared as the
 * instants a JavaScript Date reads (milliseconds). Parley's create answers carry the clock's 100 ns ticks while the
 * store keeps microseconds, so the same created_at can be spelled with 7 or 6 fraction digits.
 */
export function assertSameResource(actual, expected, message) {
  const instants = (value) =>
    Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, k.endsWith('_at') && typeof v === 'string' ? Date.parse(v) : v]),
    );
  assert.deepEqual(instants(actual), instants(expected), message);
}

const iso = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

/** An ISO-8601 timestamp that Date parses. */
export function assertTimestamp(value, where) {
  assert.match(value, iso, `${where} is an ISO-8601 timestamp`);
  assert.ok(!Number.isNaN(Date.parse(value)), `${where} parses as a date`);
}

export const ToolSchema = {
  name: 'Tool',
  source: `${SDK}/tools.ts`,
  fields: { name: ['string', 41], 'connection_id?': ['string|null', 46] },
};

export const ToolDefSchema = {
  name: 'ToolDef',
  source: `${SDK}/tools.ts`,
  fields: { description: ['string', 56], label: ['string', 61], name: ['string', 66], object: ["'tool'", 71] },
};

export const AgentSchema = {
  name: 'Agent',
  source: `${SDK}/agents.ts`,
  fields: {
    id: ['string', 83],
    agent_model: ['string', 116],
    corpus: ['array|null', 129],
    created_at: ['string', 134],
    custom_prompt: ['string|null', 139],
    description: ['string|null', 144],
    emoji: ['string|null', 149],
    knowledge_ids: ['array|null', 155],
    llm_model: ['string', 161],
    mcp_servers: ['array', 201],
    name: ['string', 206],
    object: ["'agent'", 211],
    planning_prompt: ['string|null', 217],
    system_prompt: ['string|null', 222],
    tools: ['array', 227],
  },
};

/** An agent, including each of its tools. */
export function assertAgent(agent, where = 'Agent') {
  assertShape(agent, AgentSchema, where);
  assertTimestamp(agent.created_at, `${where}.created_at`);
  agent.tools.forEach((tool, i) => assertShape(tool, ToolSchema, `${where}.tools[${i}]`));
}

export const ConversationSchema = {
  name: 'Conversation',
  source: `${SDK}/conversations/conversations.ts`,
  fields: {
    id: ['string', 76],
    created_at: ['string', 81],
    object: ["'conversation'", 86],
    updated_at: ['string', 91],
    'agent_ids?': ['array', 96],
    'name?': ['string', 101],
    'participated_agent_ids?': ['array', 107],
  },
};

export function assertConversation(conversation, where = 'Conversation') {
  assertShape(conversation, ConversationSchema, where);
  assertTimestamp(conversation.created_at, `${where}.created_at`);
  assertTimestamp(conversation.updated_at, `${where}.updated_at`);
}

const MESSAGES = `${SDK}/conversations/messages.ts`;

export const MessageSchema = {
  name: 'Message',
  source: MESSAGES,
  fields: {
    id: ['string', 56],
    agent_id: ['string', 61],
    citations: ['array|null', 67],
    content: ['array', 72],
    conversation_id: ['string', 77],
    created_at: ['string', 82],
    credits: ['object|null', 88],
    object: ["'conversation.message'", 93],
    role: ["'user'|'agent'", 98],
  },
};

export const CreditsSchema = { name: 'Message.Credits', source: MESSAGES, fields: { consumed: ['number', 334] } };

export const TextContentSchema = {
  name: 'Message.MessageContentText',
  source: MESSAGES,
  fields: { text: ['string', 147], type: ["'text'", 149] },
};

export const VoiceContentSchema = {
  name: 'Message.MessageContentVoice',
  source: MESSAGES,
  fields: {
    audio_clips: ['array', 159],
    duration_ms: ['number|null', 164],
    transcript: ['string', 169],
    type: ["'voice'", 171],
    'agent_transcript?': ['string|null', 176],
    'timeline_events?': ['array', 183],
  },
};

export const AudioClipSchema = {
  name: 'MessageContentVoice.AudioClip',
  source: MESSAGES,
  fields: {
    id: ['string', 195],
    audio_uri: ['string', 200],
    duration_ms: ['number', 205],
    participant: ['object', 210],
    start_time_ms: ['number', 216],
  },
};

export const AudioClipParticipantSchema = {
  name: 'MessageContentVoice.AudioClip.Participant',
  source: MESSAGES,
  fields: { id: ['string', 224], type: ["'user'|'agent'", 226] },
};

export const TimelineEventSchema = {
  name: 'MessageContentVoice.TimelineEvent',
  source: MESSAGES,
  fields: {
    timestamp_ms: ['number', 238],
    type: ["'transcript'|'citation'|'tool_call_status'", 243],
    'citations?': ['array', 248],
    'role?': ["'user'|'agent'", 253],
    'status?': ["'started'|'completed'|'failed'", 258],
    'text?': ['string', 263],
    'tool_name?': ['string', 268],
  },
};

export const CitationSchema = {
  name: 'Message.Citation',
  source: MESSAGES,
  fields: { citation: ['string', 106], sources: ['array', 111] },
};

export const CitationSourceSchema = {
  name: 'Message.Citation.Source',
  source: MESSAGES,
  fields: {
    confirmations: ['array', 119],
    source_name: ['string', 124],
    type: ["'image'|'pdf_page'|'record'|'web_search'|'sql_query_result'|'action'", 126],
    'source_id?': ['string', 131],
    'source_uri?': ['string', 136],
  },
};

function assertCitations(citations, where) {
  citations.forEach((c, i) => {
    assertShape(c, CitationSchema, `${where}[${i}]`);
    c.sources.forEach((s, j) => assertShape(s, CitationSourceSchema, `${where}[${i}].sources[${j}]`));
  });
}

/** A message with every content item (text, voice with clips and timeline) checked by its type. */
export function assertMessage(message, where = 'Message') {
  assertShape(message, MessageSchema, where);
  assertTimestamp(message.created_at, `${where}.created_at`);
  if (message.credits !== null) assertShape(message.credits, CreditsSchema, `${where}.credits`);
  if (message.citations !== null) assertCitations(message.citations, `${where}.citations`);
  message.content.forEach((item, i) => {
    const at = `${where}.content[${i}]`;
    assert.ok(matches(item, 'object'), `${at} is an object`);
    assert.ok(
      ['text', 'voice', 'input_file'].includes(item.type),
      `${at}.type is ${JSON.stringify(item.type)}; the SDK knows text, voice, input_file (${MESSAGES}:72)`,
    );
    if (item.type === 'text') assertShape(item, TextContentSchema, at);
    if (item.type === 'voice') {
      assertShape(item, VoiceContentSchema, at);
      item.audio_clips.forEach((clip, j) => {
        assertShape(clip, AudioClipSchema, `${at}.audio_clips[${j}]`);
        assertShape(clip.participant, AudioClipParticipantSchema, `${at}.audio_clips[${j}].participant`);
      });
      (item.timeline_events ?? []).forEach((event, j) => {
        assertShape(event, TimelineEventSchema, `${at}.timeline_events[${j}]`);
        if (event.citations) assertCitations(event.citations, `${at}.timeline_events[${j}].citations`);
      });
    }
  });
}

export const VoiceSessionResponseSchema = {
  name: 'VoiceSessionResponse',
  source: `${SDK}/voice/voice.ts`,
  fields: {
    agent_id: ['string', 235],
    object: ["'voice.session'", 240],
    start_message: ['object', 246],
    url: ['string', 252],
  },
};

const KNOWLEDGE = `${SDK}/knowledge/knowledge.ts`;

export const KnowledgeSchema = {
  name: 'Knowledge',
  source: KNOWLEDGE,
  fields: {
    id: ['string', 182],
    created_at: ['string', 187],
    credits: ['object|null', 196],
    last_error: ['object|null', 204],
    name: ['string', 209],
    object: ["'knowledge'", 214],
    parent: ['object', 219],
    row_counts: ['object', 224],
    scope: ["'teamspace'|'organization'", 231],
    status: ["'pending'|'partial'|'ready'|'failed'", 243],
    sync: ['object|null', 248],
    teamspace_id: ['string', 253],
    'updated_at?': ['string', 258],
  },
};

export const RowCountsSchema = {
  name: 'Knowledge.RowCounts',
  source: KNOWLEDGE,
  fields: { completed: ['number', 326], failed: ['number', 331], total: ['number', 336] },
};

export function assertKnowledge(knowledge, where = 'Knowledge') {
  assertShape(knowledge, KnowledgeSchema, where);
  assertTimestamp(knowledge.created_at, `${where}.created_at`);
  assertShape(knowledge.row_counts, RowCountsSchema, `${where}.row_counts`);
  assert.ok(
    knowledge.parent.type === 'root' || (knowledge.parent.type === 'page' && typeof knowledge.parent.page_id === 'string'),
    `${where}.parent is ${JSON.stringify(knowledge.parent)}; the SDK declares {type:'root'} or {type:'page',page_id} (${KNOWLEDGE}:219)`,
  );
  if (knowledge.credits !== null) {
    assert.equal(typeof knowledge.credits.consumed, 'number', `${where}.credits.consumed (${KNOWLEDGE}:273)`);
  }
  if (knowledge.last_error !== null) {
    assert.ok(
      ['out_of_credits', 'unauthorized', 'processing_error'].includes(knowledge.last_error.code),
      `${where}.last_error.code (${KNOWLEDGE}:286)`,
    );
    assert.equal(typeof knowledge.last_error.message, 'string', `${where}.last_error.message (${KNOWLEDGE}:291)`);
  }
}

const FILES = `${SDK}/files.ts`;

export const FileObjectSchema = {
  name: 'FileObject',
  source: FILES,
  fields: {
    id: ['string', 99],
    created_at: ['string', 104],
    filename: ['string', 109],
    media_type: ['string', 114],
    object: ["'file'", 119],
    'credits?': ['object|null', 124],
    'expires_at?': ['string|null', 130],
  },
};

export const FileCreditsSchema = { name: 'FileObject.Credits', source: FILES, fields: { consumed: ['number', 141] } };

export function assertFile(file, where = 'FileObject') {
  assertShape(file, FileObjectSchema, where);
  assertTimestamp(file.created_at, `${where}.created_at`);
  if (file.expires_at != null) assertTimestamp(file.expires_at, `${where}.expires_at`);
  if (file.credits != null) assertShape(file.credits, FileCreditsSchema, `${where}.credits`);
}

const WEBHOOKS = `${SDK}/webhooks.ts`;

export const WebhookSchema = {
  name: 'Webhook',
  source: WEBHOOKS,
  fields: {
    id: ['string', 128],
    created_at: ['string', 133],
    enabled: ['boolean', 138],
    events: ['array', 146],
    object: ["'webhook'", 157],
    updated_at: ['string', 162],
    url: ['string', 167],
  },
};

export const WebhookCreateResponseSchema = {
  name: 'WebhookCreateResponse',
  source: WEBHOOKS,
  fields: { secret: ['string', 207] },
};

export const WebhookEventSchema = {
  name: 'WebhookEvent',
  source: WEBHOOKS,
  fields: { id: ['string', 179], data: ['object', 185], event_type: ['string', 187], timestamp: ['number', 197] },
};

export const WebhookListActiveForEventResponseSchema = {
  name: 'WebhookListActiveForEventResponse',
  source: WEBHOOKS,
  fields: { data: ['array', 214], object: ["'list'", 216] },
};

export function assertWebhook(webhook, where = 'Webhook') {
  assertShape(webhook, WebhookSchema, where);
  assertTimestamp(webhook.created_at, `${where}.created_at`);
  assertTimestamp(webhook.updated_at, `${where}.updated_at`);
  webhook.events.forEach((e, i) => assert.equal(typeof e, 'string', `${where}.events[${i}]`));
}
