// docs/openapi.yaml held against the query API handler's real responses over local servers: every
// response must be declared for its route (status, content type) and match the declared JSON schema,
// query parameters must be accepted or refused by the declared constraints as the handler does, and
// every operation and status in the document must be exercised here, so neither side drifts silently.
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { ValidateFunction } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { parse } from 'yaml';
import { openLocalEnvironment } from '../../cli/local/local-environment.ts';
import type { LocalEnvironment } from '../../cli/local/local-environment.ts';
import { ArticleStore } from '../../shared/store/article-store.ts';
import { StateStore } from '../../shared/store/state-store.ts';
import type { FeedState } from '../../shared/store/state-store.ts';
import { feedId } from '../../shared/store/records.ts';
import type { ArticleRecord } from '../../shared/store/records.ts';
import { makeRecord } from '../support/records.ts';

// ---------------------------------------------------------------------------------------------
// The document and its validators

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const SPEC_ID = 'https://syndic.invalid/openapi.json';
const spec = parse(readFileSync(new URL('../../docs/openapi.yaml', import.meta.url), 'utf8')) as JsonObject;
const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

const escapePointer = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const unescapePointer = (segment: string) => segment.replace(/~1/g, '/').replace(/~0/g, '~');

function at(pointer: string): Json | undefined {
  let node: Json | undefined = spec;
  for (const segment of pointer.split('/').slice(1).map(unescapePointer)) {
    if (node === null || typeof node !== 'object') return undefined;
    node = Array.isArray(node) ? node[Number(segment)] : node[segment];
  }
  return node;
}

/** Follows document-local `$ref`s (responses, parameters) to the pointer of the object they name. */
function follow(pointer: string): string {
  for (let hops = 0; hops < 10; hops++) {
    const node = at(pointer);
    if (node === null || typeof node !== 'object' || Array.isArray(node) || typeof node.$ref !== 'string') return pointer;
    expect(node.$ref.startsWith('#/'), `only document-local $refs: ${node.$ref}`).toBe(true);
    pointer = node.$ref.slice(1);
  }
  throw new Error(`$ref loop at ${pointer}`);
}

/**
 * The document leaves objects open, so clients tolerate fields added later. The test closes them
 * (additionalProperties: false wherever properties are listed), so that a field the handler returns
 * but the document does not describe fails here.
 */
function closeObjects(node: Json): Json {
  if (Array.isArray(node)) return node.map(closeObjects);
  if (node === null || typeof node !== 'object') return node;
  const copy: JsonObject = Object.fromEntries(Object.entries(node).map(([key, value]) => [key, closeObjects(value)]));
  if ('properties' in copy && !('additionalProperties' in copy)) copy.additionalProperties = false;
  return copy;
}

const ajv = new Ajv2020({ strict: true, allErrors: true, allowUnionTypes: true });
addFormats(ajv);
// OpenAPI 3.1's own schema keywords, annotations to a JSON-schema validator; and the document's
// top-level fields, seen when a $ref into the document makes ajv compile its root.
ajv.addVocabulary(['example', 'discriminator', 'xml', 'externalDocs']);
ajv.addVocabulary(['openapi', 'info', 'jsonSchemaDialect', 'servers', 'paths', 'webhooks', 'components', 'security', 'tags']);
ajv.addSchema({ ...(closeObjects(spec) as JsonObject), $id: SPEC_ID });

const validators = new Map<string, ValidateFunction>();
function validatorAt(pointer: string): ValidateFunction {
  let validate = validators.get(pointer);
  if (!validate) {
    validate = ajv.compile({ $ref: `${SPEC_ID}#${pointer}` });
    validators.set(pointer, validate);
  }
  return validate;
}

function expectValid(pointer: string, value: unknown, what: string): void {
  const validate = validatorAt(pointer);
  const valid = validate(value);
  const errors = (validate.errors ?? []).map((error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`);
  expect(valid, `${what} does not match ${pointer}: ${errors.join('; ')}`).toBe(true);
}

const paths = spec.paths as JsonObject;
const templates = Object.keys(paths);

function operationsOf(template: string): string[] {
  const item = paths[template] as JsonObject;
  return HTTP_METHODS.filter((method) => method in item);
}

/** The spec path a request goes to, matched as a client would: trailing slashes do not count. */
function templateOf(rawPath: string): string | undefined {
  const path = rawPath.replace(/\/+$/, '') || '/';
  return templates.find((template) =>
    new RegExp(`^${template.replace(/[.*+?^$()|[\]\\]/g, '\\$&').replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path),
  );
}

/** The declared query parameters of an operation (path-level and operation-level): name to schema pointer. */
function parameterSchemas(template: string, method: string): Map<string, string> {
  const byName = new Map<string, string>();
  const base = `/paths/${escapePointer(template)}`;
  for (const listPointer of [`${base}/parameters`, `${base}/${method}/parameters`]) {
    const list = at(listPointer);
    if (!Array.isArray(list)) continue;
    list.forEach((_, index) => {
      const pointer = follow(`${listPointer}/${index}`);
      const parameter = at(pointer) as JsonObject;
      if (parameter.in === 'query') byName.set(String(parameter.name), `${pointer}/schema`);
    });
  }
  return byName;
}

// ---------------------------------------------------------------------------------------------
// Calling the handler

let env: LocalEnvironment;
let handler: (event: APIGatewayProxyEventV2) => Promise<APIGatewayProxyStructuredResultV2>;

/** `method template status` of every checked response; compared with the document at the end. */
const exercised = new Set<string>();

function functionUrlEvent(method: string, rawPath: string, query: Record<string, string>): APIGatewayProxyEventV2 {
  const host = 'example.lambda-url.us-east-1.on.aws';
  return {
    version: '2.0',
    routeKey: '$default',
    rawPath,
    rawQueryString: new URLSearchParams(query).toString(),
    headers: { host, accept: 'application/json' },
    queryStringParameters: Object.keys(query).length > 0 ? query : undefined,
    requestContext: {
      accountId: '123456789012',
      apiId: 'example',
      domainName: host,
      domainPrefix: 'example',
      http: { method, path: rawPath, protocol: 'HTTP/1.1', sourceIp: '127.0.0.1', userAgent: 'openapi.test' },
      requestId: 'openapi-test',
      routeKey: '$default',
      stage: '$default',
      time: '27/Nov/2026:06:00:00 +0000',
      timeEpoch: 1_795_759_200_000,
    },
    isBase64Encoded: false,
  };
}

interface Checked {
  status: number;
  body: any;
}

/**
 * Calls the handler and checks the response against the operation the document declares for it:
 * the path and method are declared, the status is declared for them, the content type is declared
 * for that status, and the body matches its schema. Records the operation and status as exercised.
 */
async function request(method: string, rawPath: string, query: Record<string, string> = {}): Promise<Checked> {
  const result = await handler(functionUrlEvent(method, rawPath, query));
  const template = templateOf(rawPath);
  const what = `${method} ${rawPath}${Object.keys(query).length > 0 ? `?${new URLSearchParams(query)}` : ''}`;
  expect(template, `${what}: no path of the document matches`).toBeDefined();
  const operation = method.toLowerCase();
  expect(operationsOf(template!), `${what}: ${operation} is not declared on ${template}`).toContain(operation);

  const status = String(result.statusCode);
  const responsePointer = `/paths/${escapePointer(template!)}/${operation}/responses/${status}`;
  expect(at(responsePointer), `${what}: status ${status} is not declared for ${operation} ${template}`).toBeDefined();
  const body = checkBody(follow(responsePointer), result, what);
  exercised.add(`${operation} ${template} ${status}`);
  return { status: result.statusCode!, body };
}

function checkBody(responsePointer: string, result: APIGatewayProxyStructuredResultV2, what: string): unknown {
  const headers = Object.fromEntries(Object.entries(result.headers ?? {}).map(([name, value]) => [name.toLowerCase(), String(value)]));
  const mediaType = (headers['content-type'] ?? '').split(';')[0].trim();
  const content = (at(`${responsePointer}/content`) ?? {}) as JsonObject;
  expect(Object.keys(content), `${what}: content type "${mediaType}" is not declared`).toContain(mediaType);
  expect(result.isBase64Encoded ?? false).toBe(false);
  const body: unknown = JSON.parse(String(result.body));
  expectValid(`${responsePointer}/content/${escapePointer(mediaType)}/schema`, body, `${what} (${result.statusCode})`);
  return body;
}

const get = (rawPath: string, query: Record<string, string> = {}) => request('GET', rawPath, query);
const ids = (items: ArticleRecord[]) => items.map((record) => record.id);

// ---------------------------------------------------------------------------------------------
// Seeded data

const politics = makeRecord({
  publishedAt: '2026-11-20T10:00:00.000Z',
  modifiedAt: '2026-11-20T12:00:00.000Z',
  source: { host: 'a.example', name: 'A Example' },
  feed: { id: feedId('https://a.example/feed.xml'), url: 'https://a.example/feed.xml' },
  customTopics: [{ id: 'elections', label: 'Elections', score: 0.7 }],
  entities: { people: [{ name: 'Ada Lovelace', count: 2 }], places: [{ name: 'Paris', count: 1 }], organizations: [] },
  fingerprint: { version: 'test', length: 120, shingles: 'abc' },
  leadImage: 'https://a.example/lead.jpg',
});
const sport = makeRecord({
  publishedAt: '2026-11-21T10:00:00.000Z',
  source: { host: 'b.example', name: null },
  language: 'de',
  topics: [{ code: 'medtop:15000000', label: 'sport', score: 0.9 }],
});
/** A syndicated copy of politics on another site: out of the timeline, in its source's listing and the story. */
const copy = makeRecord({
  publishedAt: '2026-11-22T10:00:00.000Z',
  source: { host: 'c.example', name: 'C Example' },
  duplicateOf: politics.id,
  storyId: politics.id,
});
/** Everything that may be null is: listed by fetch time. */
const sparse = makeRecord({
  publishedAt: null,
  fetchedAt: '2026-11-19T08:00:00.000Z',
  source: { host: 'a.example', name: null },
  title: null,
  authors: [],
  language: null,
  excerpt: null,
  leadImage: null,
  contentType: null,
  textTruncated: true,
  topics: [],
});

const now = '2026-11-20T09:00:00.000Z';
const freshFeed: FeedState = {
  id: feedId('https://a.example/feed.xml'),
  url: 'https://a.example/feed.xml',
  title: null,
  origin: 'file',
  addedAt: now,
  etag: null,
  lastModified: null,
  lastFetchedAt: null,
  health: { consecutiveFailures: 0, lastError: null, lastSuccessAt: null, lastAttemptAt: null, nextDueAt: now, paused: false },
};
const failingFeed: FeedState = {
  id: feedId('https://b.example/rss'),
  url: 'https://b.example/rss',
  title: 'B Example',
  origin: 'cli',
  addedAt: '2026-11-01T00:00:00.000Z',
  etag: '"abc"',
  lastModified: 'Thu, 19 Nov 2026 08:00:00 GMT',
  lastFetchedAt: '2026-11-19T08:00:00.000Z',
  health: {
    consecutiveFailures: 10,
    lastError: 'HTTP 503',
    lastSuccessAt: '2026-11-19T08:00:00.000Z',
    lastAttemptAt: '2026-11-20T08:00:00.000Z',
    nextDueAt: '2026-11-21T08:00:00.000Z',
    paused: true,
  },
};

beforeAll(async () => {
  env = await openLocalEnvironment();
  const articles = new ArticleStore(env.aws.dynamo, env.config.articlesTable);
  for (const record of [politics, sport, copy, sparse]) await articles.put(record);
  const state = new StateStore(env.aws.dynamo, env.config.stateTable);
  for (const feed of [freshFeed, failingFeed]) expect(await state.addFeed(feed)).toBe(true);
  ({ handler } = await import('../../functions/query-api/handler.ts'));
}, 60_000);

afterAll(async () => {
  await env?.close();
});

// ---------------------------------------------------------------------------------------------
// The document itself

describe('docs/openapi.yaml', () => {
  it('is OpenAPI 3.1 with the IAM (SigV4) scheme on every operation', () => {
    expect(String(spec.openapi)).toMatch(/^3\.1\.\d+$/);
    expect(at('/components/securitySchemes/sigv4/x-amazon-apigateway-authtype')).toBe('awsSigv4');
    expect(spec.security).toEqual([{ sigv4: [] }]);
    for (const template of templates) {
      for (const method of operationsOf(template)) {
        const operation = paths[template] as JsonObject;
        expect((operation[method] as JsonObject).security, `${method} ${template} overrides security`).toBeUndefined();
        expect(Object.keys((operation[method] as JsonObject).responses as JsonObject).length).toBeGreaterThan(0);
      }
    }
  });

  it('resolves every $ref and compiles every schema', () => {
    const refs: string[] = [];
    const walk = (node: Json) => {
      if (Array.isArray(node)) node.forEach(walk);
      else if (node !== null && typeof node === 'object') {
        if (typeof node.$ref === 'string') refs.push(node.$ref);
        Object.values(node).forEach(walk);
      }
    };
    walk(spec);
    expect(refs.length).toBeGreaterThan(0);
    for (const ref of refs) expect(at(ref.slice(1)), `dangling ${ref}`).toBeDefined();
    for (const name of Object.keys(at('/components/schemas') as JsonObject)) validatorAt(`/components/schemas/${name}`);
  });
});

// ---------------------------------------------------------------------------------------------
// GET /articles: the declared parameter constraints agree with the handler's validation

const range = { since: '2026-11-01T00:00:00Z', until: '2026-11-30T00:00:00Z' };
const longId = 'a'.repeat(3000);

interface ArticlesCase {
  name: string;
  query: Record<string, string>;
  status: 200 | 400 | 500;
  /** Whether the declared parameters (names and schemas) accept the query. */
  parameters: 'accept' | 'reject';
  check?: (body: { items: ArticleRecord[]; cursor: string | null }) => void;
}

const articlesCases: ArticlesCase[] = [
  { name: 'a time range', query: range, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([sport.id, politics.id, sparse.id]) },
  { name: 'no parameters (the last 30 days)', query: {}, status: 200, parameters: 'accept' },
  { name: 'a topic', query: { ...range, topic: 'medtop:15000000' }, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([sport.id]) },
  { name: 'a source', query: { ...range, source: 'a.example' }, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([politics.id, sparse.id]) },
  { name: 'a source, copies included', query: { ...range, source: 'c.example' }, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([copy.id]) },
  { name: 'a topic and a source', query: { ...range, topic: 'medtop:11000000', source: 'a.example' }, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([politics.id]) },
  { name: 'a language', query: { ...range, language: 'de' }, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([sport.id]) },
  { name: 'offsets and fractions in the range', query: { since: '2026-11-01T00:00:00.5+01:00', until: '2026-11-29T23:00:00-05:00' }, status: 200, parameters: 'accept', check: (b) => expect(b.items).toHaveLength(3) },
  { name: 'the largest limit', query: { ...range, limit: '100' }, status: 200, parameters: 'accept', check: (b) => expect(b.cursor).toBeNull() },
  { name: 'an empty cursor (the first page)', query: { ...range, cursor: '' }, status: 200, parameters: 'accept', check: (b) => expect(b.items).toHaveLength(3) },
  { name: 'an id', query: { id: politics.id }, status: 200, parameters: 'accept', check: (b) => expect(b).toEqual({ items: [politics], cursor: null }) },
  { name: 'an unknown id (an empty page)', query: { id: 'unknown' }, status: 200, parameters: 'accept', check: (b) => expect(b).toEqual({ items: [], cursor: null }) },
  { name: 'an id with a limit', query: { id: politics.id, limit: '1' }, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([politics.id]) },
  { name: 'a custom topic id', query: { ...range, topic: 'energy-exports' }, status: 200, parameters: 'accept', check: (b) => expect(b.items).toEqual([]) },
  { name: 'a url (canonicalized)', query: { url: `${politics.url}#comments` }, status: 200, parameters: 'accept', check: (b) => expect(ids(b.items)).toEqual([politics.id]) },
  { name: 'a story', query: { story: politics.id }, status: 200, parameters: 'accept', check: (b) => expect(b).toEqual({ items: [politics, copy], cursor: null }) },

  { name: 'a topic label', query: { topic: 'Arts, culture' }, status: 400, parameters: 'reject' },
  { name: 'a cursor too long to be one', query: { cursor: 'x'.repeat(5000) }, status: 400, parameters: 'reject' },
  { name: 'a source longer than a host name', query: { source: 'h'.repeat(300) }, status: 400, parameters: 'reject' },
  { name: 'a story longer than an id', query: { story: longId }, status: 400, parameters: 'reject' },
  { name: 'a short topic code', query: { topic: 'medtop:1100' }, status: 400, parameters: 'reject' },
  { name: 'a one-letter language', query: { language: 'e' }, status: 400, parameters: 'reject' },
  { name: 'a four-letter language', query: { language: 'engl' }, status: 400, parameters: 'reject' },
  { name: 'a date without time', query: { since: '2026-11-01' }, status: 400, parameters: 'reject' },
  { name: 'a time without seconds', query: { since: '2026-11-01T00:00Z' }, status: 400, parameters: 'reject' },
  { name: 'a time without offset', query: { until: '2026-11-30T00:00:00' }, status: 400, parameters: 'reject' },
  { name: 'an offset without colon', query: { until: '2026-11-30T00:00:00+0100' }, status: 400, parameters: 'reject' },
  { name: 'a lower-case time', query: { until: '2026-11-30t00:00:00z' }, status: 400, parameters: 'reject' },
  { name: 'an impossible date', query: { since: '2026-11-31T00:00:00Z' }, status: 400, parameters: 'reject' },
  { name: 'limit 0', query: { limit: '0' }, status: 400, parameters: 'reject' },
  { name: 'limit 101', query: { limit: '101' }, status: 400, parameters: 'reject' },
  { name: 'a fractional limit', query: { limit: '1.5' }, status: 400, parameters: 'reject' },
  { name: 'a limit that is no number', query: { limit: 'ten' }, status: 400, parameters: 'reject' },
  { name: 'an empty id', query: { id: '' }, status: 400, parameters: 'reject' },
  { name: 'an empty story', query: { story: '' }, status: 400, parameters: 'reject' },
  { name: 'an empty source', query: { source: '' }, status: 400, parameters: 'reject' },
  { name: 'a url that is no URL', query: { url: 'not a url' }, status: 400, parameters: 'reject' },
  { name: 'an undeclared parameter', query: { q: 'election' }, status: 400, parameters: 'reject' },

  // Refused by rules that parameter schemas cannot state; the operation's description states them.
  { name: 'an id and a story', query: { id: politics.id, story: politics.id }, status: 400, parameters: 'accept' },
  { name: 'an id and a url', query: { id: politics.id, url: politics.url }, status: 400, parameters: 'accept' },
  { name: 'a forged cursor', query: { ...range, cursor: 'forged' }, status: 400, parameters: 'accept' },
  { name: 'an id with other filters', query: { id: politics.id, topic: 'medtop:15000000' }, status: 400, parameters: 'accept' },
  { name: 'since after until', query: { since: range.until, until: range.since }, status: 400, parameters: 'accept' },
  { name: 'an id longer than a DynamoDB key', query: { id: longId }, status: 400, parameters: 'reject' },
  { name: 'a url of another scheme', query: { url: 'mailto:news@example.com' }, status: 400, parameters: 'reject' },
];

/** Which query parameters the declared parameters refuse: unknown names, or values out of their schema. */
function refusedParameters(query: Record<string, string>): string[] {
  const declared = parameterSchemas('/articles', 'get');
  return Object.entries(query).flatMap(([name, value]) => {
    const pointer = declared.get(name);
    if (!pointer) return [name];
    // Query values are strings on the wire; an integer parameter holds a plain decimal integer.
    const schemaType = (at(pointer) as JsonObject).type;
    const typed = schemaType === 'integer' && /^-?\d+$/.test(value) ? Number(value) : value;
    return validatorAt(pointer)(typed) ? [] : [name];
  });
}

describe('GET /articles', () => {
  const refused = new Set<string>();

  it.each(articlesCases)('$name: $status', async ({ query, status, parameters, check }) => {
    const byDocument = refusedParameters(query);
    expect(byDocument.length === 0 ? 'accept' : 'reject', `refused by the document: ${byDocument.join(', ')}`).toBe(parameters);
    byDocument.forEach((name) => refused.add(name));
    const response = await get('/articles', query);
    expect(response.status, JSON.stringify(response.body)).toBe(status);
    check?.(response.body);
  });

  it('pages with the cursor it returns', async () => {
    const first = await get('/articles', { ...range, limit: '2' });
    expect(ids(first.body.items)).toEqual([sport.id, politics.id]);
    expect(first.body.cursor).toEqual(expect.any(String));
    const second = await get('/articles', { ...range, limit: '2', cursor: first.body.cursor });
    expect(ids(second.body.items)).toEqual([sparse.id]);
  });

  it('answers with a trailing slash as without', async () => {
    expect(ids((await get('/articles/', range)).body.items)).toEqual([sport.id, politics.id, sparse.id]);
  });

  it('has a refused case for every constrained parameter', () => {
    const constrained = [...parameterSchemas('/articles', 'get')]
      .filter(([, pointer]) => Object.keys(at(pointer) as JsonObject).some((key) => key !== 'type' && key !== 'description') || (at(pointer) as JsonObject).type === 'integer')
      .map(([name]) => name);
    expect(constrained.length).toBeGreaterThan(0);
    for (const name of constrained) expect(refused, `no case refuses ${name}`).toContain(name);
  });
});

// ---------------------------------------------------------------------------------------------
// The other routes

describe('GET /articles/{id}', () => {
  it('returns the article', async () => {
    expect(await get(`/articles/${politics.id}`)).toEqual({ status: 200, body: politics });
    expect(await get(`/articles/${sparse.id}/`)).toEqual({ status: 200, body: sparse });
  });

  it('answers an unknown id with 404', async () => {
    expect(await get('/articles/unknown')).toEqual({ status: 404, body: { error: 'no such article' } });
  });

  it('answers an id that is no valid percent-encoding, or too long for a key, with 400', async () => {
    expect((await get('/articles/%E0%A4%A')).status).toBe(400);
    expect((await get(`/articles/${longId}`)).status).toBe(400);
  });
});

describe('GET /stories/{id}', () => {
  it('returns every copy, oldest first', async () => {
    expect(await get(`/stories/${politics.id}`)).toEqual({ status: 200, body: { id: politics.id, copies: [politics, copy] } });
    expect(await get(`/stories/${sport.id}`)).toEqual({ status: 200, body: { id: sport.id, copies: [sport] } });
  });

  it('answers an unknown story with 404', async () => {
    expect(await get('/stories/unknown')).toEqual({ status: 404, body: { error: 'no such story' } });
  });

  it('answers a path segment that is not percent-encoding with 400', async () => {
    expect((await get('/stories/%E0%A4%A')).status).toBe(400);
  });
});

describe('GET /feeds', () => {
  it('lists every feed with its health, in id order, ignoring the query', async () => {
    const expected = [freshFeed, failingFeed].sort((a, b) => (a.id < b.id ? -1 : 1));
    expect(await get('/feeds')).toEqual({ status: 200, body: { items: expected } });
    expect(await get('/feeds/', { anything: 'x' })).toEqual({ status: 200, body: { items: expected } });
  });
});

describe('methods other than GET', () => {
  const concrete = (template: string) => template.replace(/\{[^}]+\}/g, politics.id);
  const cases = templates.flatMap((template) =>
    operationsOf(template)
      .filter((method) => method !== 'get')
      .map((method) => ({ method: method.toUpperCase(), path: concrete(template) })),
  );

  it.each(cases)('$method $path: 405', async ({ method, path }) => {
    expect(await request(method, path)).toEqual({ status: 405, body: { error: 'only GET is supported' } });
  });
});

describe('paths outside the document', () => {
  const unknown = ['/', '/nowhere', '/articles/a/b', '/stories', '/feeds/x'];

  it.each(unknown)('GET %s: 404 with a JSON error', async (path) => {
    expect(templateOf(path)).toBeUndefined();
    const result = await handler(functionUrlEvent('GET', path, {}));
    expect(result.statusCode).toBe(404);
    expect(result.headers).toEqual({ 'content-type': 'application/json' });
    const body: unknown = JSON.parse(String(result.body));
    expectValid('/components/schemas/Error', body, `GET ${path}`);
    expect(body).toEqual({ error: `no route for ${path}` });
  });

  it('answers other methods with 405 before looking at the path', async () => {
    const result = await handler(functionUrlEvent('POST', '/nowhere', {}));
    expect(result.statusCode).toBe(405);
    checkBody('/components/responses/MethodNotAllowed', result, 'POST /nowhere');
    expect(JSON.parse(String(result.body))).toEqual({ error: 'only GET is supported' });
  });
});

// Last: drops the tables (on the local server), so that every read fails.
describe('when the store fails', () => {
  beforeAll(async () => {
    const dynamo = new DynamoDBClient({ endpoint: env.env.AWS_ENDPOINT_URL_DYNAMODB });
    for (const table of [env.config.articlesTable, env.config.stateTable]) await dynamo.send(new DeleteTableCommand({ TableName: table }));
    dynamo.destroy();
  });

  it.each(['/articles', `/articles/${politics.id}`, `/stories/${politics.id}`, '/feeds'])('GET %s: 500', async (path) => {
    expect(await get(path, path === '/articles' ? range : {})).toEqual({ status: 500, body: { error: 'internal error' } });
  });
});

describe('coverage of the document', () => {
  it('exercised every operation and every declared status', () => {
    const declared = templates.flatMap((template) =>
      operationsOf(template).flatMap((method) =>
        Object.keys(at(`/paths/${escapePointer(template)}/${method}/responses`) as JsonObject).map(
          (status) => `${method} ${template} ${status}`,
        ),
      ),
    );
    expect([...exercised].sort()).toEqual(declared.sort());
  });
});
