// Runs Backstage's own catalog client (@backstage/catalog-client, the real CatalogClient) against a
// catalog API and prints one line per check: "ok <name>" or "FAIL <name>: <why>". Exits 1 if any
// check failed. Started by BackstageCatalogClientTests; by hand:
//
//   node check.mjs http://localhost:8080/api/catalog /abs/copy/of/fixture
//
// The second argument (or env ATRIUM_FIXTURE_DIR) is a writable copy of ./fixture, in a directory
// the server lets `file` locations be registered from. The script registers root/catalog-info.yaml
// itself, and registers, edits and unregisters extra/catalog-info.yaml. The expectations below are
// written against the fixture files: change both together.

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { isDeepStrictEqual } from 'node:util';
import { CatalogClient, CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { stringifyEntityRef } from '@backstage/catalog-model';

const baseUrl = (process.argv[2] ?? process.env.ATRIUM_CATALOG_URL ?? '').replace(/\/+$/, '');
const fixtureDir = process.argv[3] ?? process.env.ATRIUM_FIXTURE_DIR;
if (!baseUrl || !fixtureDir) {
  console.error('usage: node check.mjs <catalog base url, e.g. http://localhost:8080/api/catalog> <fixture dir>');
  process.exit(2);
}
const rootFile = path.resolve(fixtureDir, 'root', 'catalog-info.yaml');
const extraFile = path.resolve(fixtureDir, 'extra', 'catalog-info.yaml');

const CHECK_TIMEOUT_MS = 60_000;
const WAIT_TIMEOUT_MS = 30_000;
const INGEST_TIMEOUT_MS = 60_000;
setTimeout(() => {
  console.log('FAIL check.mjs: gave up after 5 minutes');
  process.exit(3);
}, 5 * 60_000).unref();

// ---- the client, exactly as a Backstage app or backend builds it ---------------------------------

let lastExchange = '';
const fetchApi = {
  fetch: async (input, init) => {
    const method = init?.method ?? 'GET';
    const shown = `${method} ${String(input).replace(baseUrl, '')}`;
    lastExchange = `${shown} -> (no response)`;
    // Atrium asks callers to sign in: a Backstage backend sends its service token the same way.
    const headers = new Headers(init?.headers ?? {});
    if (process.env.ATRIUM_API_TOKEN) headers.set('Authorization', `Bearer ${process.env.ATRIUM_API_TOKEN}`);
    const response = await globalThis.fetch(input, { ...init, headers });
    lastExchange = `${shown} -> ${response.status}`;
    return response;
  },
};
const discoveryApi = {
  async getBaseUrl(pluginId) {
    if (pluginId !== 'catalog') throw new Error(`unexpected plugin id ${pluginId}`);
    return baseUrl;
  },
};
const catalog = new CatalogClient({ discoveryApi, fetchApi });

// ---- the fixture (fixture/root/*.yaml) ------------------------------------------------------------

const COMPONENTS = ['build-tools', 'checkout-web', 'design-system', 'ledger-service', 'legacy-billing', 'payments-service'];
const APIS = ['ledger-api', 'payments-api'];
const GROUPS = ['acme', 'team-payments', 'team-platform'];
const USERS = ['alice', 'bob', 'carol'];
const FIXTURE_REFS = [
  ...COMPONENTS.map(n => `component:default/${n}`),
  ...APIS.map(n => `api:default/${n}`),
  ...GROUPS.map(n => `group:default/${n}`),
  ...USERS.map(n => `user:default/${n}`),
  'system:default/payments',
  'domain:default/commerce',
  'location:default/atrium-fixtures',
];
const COMPONENTS_AND_APIS_BY_NAME = [...COMPONENTS, ...APIS].sort();

// ---- checks -------------------------------------------------------------------------------------

class CheckError extends Error {}
const passed = new Set();
let failures = 0;
let total = 0;

async function check(name, body, { needs = [] } = {}) {
  total++;
  const missing = needs.filter(n => !passed.has(n));
  if (missing.length) {
    failures++;
    console.log(`FAIL ${name}: not run, needs "${missing.join('", "')}"`);
    return;
  }
  lastExchange = '';
  let timer;
  try {
    await Promise.race([
      body(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new CheckError(`timed out after ${CHECK_TIMEOUT_MS / 1000}s`)), CHECK_TIMEOUT_MS);
      }),
    ]);
    passed.add(name);
    console.log(`ok ${name}`);
  } catch (e) {
    failures++;
    const where = lastExchange ? ` [last request: ${lastExchange}]` : '';
    console.log(`FAIL ${name}: ${describe(e)}${where}`.replace(/\s*\n\s*/g, ' | '));
  } finally {
    clearTimeout(timer);
  }
}

function describe(e) {
  if (e?.name === 'ResponseError') {
    const cause = e.cause?.name ? ` (${e.cause.name}: ${e.cause.message})` : '';
    return `${e.message}${cause}`;
  }
  if (e instanceof CheckError) return e.message;
  return `${e?.name ?? 'Error'}: ${e?.message ?? e}`;
}

function fail(message) {
  throw new CheckError(message);
}

function show(value) {
  return JSON.stringify(value, (_, v) => (v === undefined ? '<undefined>' : v));
}

function expectEqual(actual, expected, what) {
  if (!isDeepStrictEqual(actual, expected)) fail(`${what}: expected ${show(expected)} but got ${show(actual)}`);
}

function expectTrue(condition, message) {
  if (!condition) fail(message);
}

function names(items, what = 'items') {
  if (!Array.isArray(items)) fail(`${what} is not an array: ${show(items)}`);
  return items.map(e => e?.metadata?.name);
}

function sortedNames(items, what) {
  return names(items, what).slice().sort();
}

function refOf(entity) {
  return stringifyEntityRef(entity);
}

function hasRelation(entity, type, targetRef) {
  return (entity.relations ?? []).some(r => r.type === type && r.targetRef === targetRef);
}

function expectRelations(entity, expected) {
  const missing = expected.filter(([type, target]) => !hasRelation(entity, type, target));
  if (missing.length) {
    const actual = (entity.relations ?? []).map(r => `${r.type} ${r.targetRef}`);
    fail(`${refOf(entity)} lacks relations ${show(missing.map(([t, r]) => `${t} ${r}`))}; it has ${show(actual)}`);
  }
}

async function required(promise, what) {
  const value = await promise;
  if (value === undefined) fail(`${what} returned undefined (a 404)`);
  return value;
}

/** Retries `body` until it stops throwing CheckError; HTTP errors and bugs end the wait at once. */
async function eventually(what, body, timeoutMs = WAIT_TIMEOUT_MS) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await body();
    } catch (e) {
      if (!(e instanceof CheckError)) throw e;
      if (Date.now() > deadline) fail(`${what} did not happen within ${timeoutMs / 1000}s: ${e.message}`);
    }
    await new Promise(resolve => setTimeout(resolve, 250));
  }
}

async function rawJson(method, route) {
  const response = await fetchApi.fetch(`${baseUrl}${route}`, { method, headers: { Accept: 'application/json' } });
  const text = await response.text();
  let body;
  try {
    body = text ? JSON.parse(text) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

function expectNotFoundError(response, what) {
  expectEqual(response.status, 404, `${what}: status`);
  expectEqual(response.body?.error?.name, 'NotFoundError', `${what}: error.name`);
  expectTrue(typeof response.body?.error?.message === 'string', `${what}: error.message missing in ${show(response.body)}`);
  expectEqual(response.body?.response?.statusCode, 404, `${what}: response.statusCode`);
}

// ---- setup: register the fixture ----------------------------------------------------------------

let rootLocation;

await check('addLocation registers the fixture catalog', async () => {
  const result = await catalog.addLocation({ type: 'file', target: rootFile });
  rootLocation = result.location;
  expectTrue(typeof rootLocation?.id === 'string' && rootLocation.id.length > 0, `location.id missing: ${show(result)}`);
  expectEqual(rootLocation.type, 'file', 'location.type');
  expectEqual(rootLocation.target, rootFile, 'location.target');
  expectTrue(Array.isArray(result.entities), `entities is not an array: ${show(result)}`);
});

await check('fixture catalog is ingested', async () => {
  await eventually('ingestion of all fixture entities', async () => {
    const { items } = await catalog.getEntitiesByRefs({ entityRefs: FIXTURE_REFS, fields: ['kind', 'metadata.name'] });
    const missing = FIXTURE_REFS.filter((_, i) => !items[i]);
    if (missing.length) fail(`still missing ${show(missing)}`);
  }, INGEST_TIMEOUT_MS);
});

// ---- getEntities --------------------------------------------------------------------------------

await check('getEntities: the keys of a filter object are ANDed', async () => {
  const { items } = await catalog.getEntities({ filter: { kind: 'Component', 'spec.type': 'service' } });
  expectEqual(sortedNames(items), ['ledger-service', 'legacy-billing', 'payments-service'], 'names');
});

await check('getEntities: filter matching is case-insensitive', async () => {
  const { items } = await catalog.getEntities({
    filter: { kind: 'component', 'spec.type': 'SERVICE', 'metadata.name': 'Payments-Service' },
  });
  expectEqual(sortedNames(items), ['payments-service'], 'names');
});

await check('getEntities: several values for one key are ORed', async () => {
  const { items } = await catalog.getEntities({ filter: { kind: ['API', 'System'] } });
  expectEqual(sortedNames(items), ['ledger-api', 'payments', 'payments-api'], 'names');
});

await check('getEntities: an array of filters is ORed', async () => {
  const { items } = await catalog.getEntities({ filter: [{ kind: 'Domain' }, { kind: 'Group', 'spec.type': 'team' }] });
  expectEqual(sortedNames(items), ['commerce', 'team-payments', 'team-platform'], 'names');
});

await check('getEntities: CATALOG_FILTER_EXISTS matches on presence', async () => {
  const slug = await catalog.getEntities({
    filter: { kind: 'Component', 'metadata.annotations.github.com/project-slug': CATALOG_FILTER_EXISTS },
  });
  expectEqual(sortedNames(slug.items), ['ledger-service', 'payments-service'], 'annotation exists');
  const system = await catalog.getEntities({ filter: { kind: 'Component', 'spec.system': CATALOG_FILTER_EXISTS } });
  expectEqual(sortedNames(system.items), ['checkout-web', 'ledger-service', 'payments-service'], 'spec.system exists');
});

await check('getEntities: array items and relations are filterable', async () => {
  const tagged = await catalog.getEntities({ filter: { kind: 'Component', 'metadata.tags': 'react' } });
  expectEqual(sortedNames(tagged.items), ['checkout-web', 'design-system'], 'metadata.tags=react');
  const members = await catalog.getEntities({ filter: { kind: 'User', 'relations.memberOf': 'group:default/team-payments' } });
  expectEqual(sortedNames(members.items), ['alice', 'carol'], 'relations.memberOf');
  const owned = await catalog.getEntities({ filter: { 'relations.ownedBy': 'user:default/bob' } });
  expectEqual(sortedNames(owned.items), ['build-tools'], 'relations.ownedBy');
});

await check('getEntities: fields projects each entity', async () => {
  const { items } = await catalog.getEntities({ filter: { kind: 'Component' }, fields: ['kind', 'metadata.name', 'spec.owner'] });
  const owners = {
    'build-tools': 'user:bob', 'checkout-web': 'team-payments', 'design-system': 'team-platform',
    'ledger-service': 'team-payments', 'legacy-billing': 'team-payments', 'payments-service': 'team-payments',
  };
  const expected = COMPONENTS.map(name => ({ kind: 'Component', metadata: { name }, spec: { owner: owners[name] } }));
  const actual = items.slice().sort((a, b) => String(a?.metadata?.name).localeCompare(String(b?.metadata?.name)));
  expectEqual(actual, expected, 'projected entities');
});

await check('getEntities: order sorts by several fields', async () => {
  const { items } = await catalog.getEntities({
    filter: { kind: 'Component' },
    order: [{ field: 'spec.type', order: 'asc' }, { field: 'metadata.name', order: 'desc' }],
    fields: ['metadata.name', 'spec.type'],
  });
  expectEqual(names(items),
    ['design-system', 'build-tools', 'payments-service', 'legacy-billing', 'ledger-service', 'checkout-web'], 'order');
});

await check('getEntities: limit and offset page through the result', async () => {
  const { items } = await catalog.getEntities({
    filter: { kind: ['Component', 'API'] },
    order: { field: 'metadata.name', order: 'asc' },
    offset: 2,
    limit: 3,
    fields: ['metadata.name'],
  });
  expectEqual(names(items), COMPONENTS_AND_APIS_BY_NAME.slice(2, 5), 'page');
});

await check('getEntities: no filter returns the whole catalog', async () => {
  const { items } = await catalog.getEntities({ fields: ['kind', 'metadata.namespace', 'metadata.name'] });
  const refs = items.map(refOf);
  const missing = FIXTURE_REFS.filter(r => !refs.includes(r));
  expectEqual(missing, [], 'fixture refs missing from the full list');
  expectEqual(refs.length, new Set(refs).size, 'number of distinct refs (duplicates returned)');
});

// ---- single entities ----------------------------------------------------------------------------

let paymentsService;

await check('getEntityByRef: a string ref returns the full entity', async () => {
  const e = await required(catalog.getEntityByRef('component:default/payments-service'), 'getEntityByRef');
  expectEqual(e.apiVersion, 'backstage.io/v1alpha1', 'apiVersion');
  expectEqual(e.kind, 'Component', 'kind');
  expectEqual(e.metadata.name, 'payments-service', 'metadata.name');
  expectEqual(e.metadata.namespace, 'default', 'metadata.namespace (defaulted)');
  expectTrue(typeof e.metadata.uid === 'string' && e.metadata.uid.length > 0, `metadata.uid missing: ${show(e.metadata)}`);
  expectTrue(typeof e.metadata.etag === 'string' && e.metadata.etag.length > 0, `metadata.etag missing: ${show(e.metadata)}`);
  expectEqual(e.metadata.title, 'Payments Service', 'metadata.title');
  expectEqual(e.metadata.description, 'Authorizes and captures card payments', 'metadata.description');
  expectEqual(e.metadata.tags, ['java', 'payments'], 'metadata.tags');
  expectEqual(e.metadata.links, [{ url: 'https://payments.acme.example', title: 'Dashboard' }], 'metadata.links');
  expectEqual(e.metadata.annotations?.['github.com/project-slug'], 'acme/payments-service', 'annotation');
  expectEqual(e.spec, {
    type: 'service', lifecycle: 'production', owner: 'team-payments', system: 'payments',
    providesApis: ['payments-api'], consumesApis: ['ledger-api'], dependsOn: ['component:ledger-service'],
  }, 'spec');
  paymentsService = e;
});

await check('entities carry the managed-by-location annotations', async () => {
  const e = paymentsService ?? await required(catalog.getEntityByRef('component:default/payments-service'), 'getEntityByRef');
  const annotations = e.metadata.annotations ?? {};
  expectEqual(annotations['backstage.io/managed-by-location'], `file:${path.join(path.dirname(rootFile), 'components.yaml')}`,
    'backstage.io/managed-by-location');
  expectEqual(annotations['backstage.io/managed-by-origin-location'], `file:${rootFile}`, 'backstage.io/managed-by-origin-location');
});

await check('relations are derived from spec, both directions', async () => {
  const e = paymentsService ?? await required(catalog.getEntityByRef('component:default/payments-service'), 'getEntityByRef');
  expectRelations(e, [
    ['ownedBy', 'group:default/team-payments'], ['partOf', 'system:default/payments'],
    ['providesApi', 'api:default/payments-api'], ['consumesApi', 'api:default/ledger-api'],
    ['dependsOn', 'component:default/ledger-service'],
  ]);
  const alice = await required(catalog.getEntityByRef('user:default/alice'), 'getEntityByRef(user:default/alice)');
  expectRelations(alice, [['memberOf', 'group:default/team-payments']]);
  const api = await required(catalog.getEntityByRef('api:default/payments-api'), 'getEntityByRef(api:default/payments-api)');
  expectRelations(api, [['apiProvidedBy', 'component:default/payments-service'], ['apiConsumedBy', 'component:default/checkout-web'],
    ['ownedBy', 'group:default/team-payments'], ['partOf', 'system:default/payments']]);
  const system = await required(catalog.getEntityByRef('system:default/payments'), 'getEntityByRef(system:default/payments)');
  expectRelations(system, [['partOf', 'domain:default/commerce'], ['hasPart', 'component:default/payments-service'],
    ['hasPart', 'api:default/payments-api']]);
  const tools = await required(catalog.getEntityByRef('component:default/build-tools'), 'getEntityByRef(component:default/build-tools)');
  expectRelations(tools, [['ownedBy', 'user:default/bob']]);
});

await check('getEntityByRef: a compound ref returns the entity', async () => {
  const e = await required(catalog.getEntityByRef({ kind: 'Group', namespace: 'default', name: 'team-payments' }), 'getEntityByRef');
  expectEqual(refOf(e), 'group:default/team-payments', 'ref');
  expectEqual(e.spec?.type, 'team', 'spec.type');
  expectRelations(e, [
    ['childOf', 'group:default/acme'], ['hasMember', 'user:default/alice'], ['hasMember', 'user:default/carol'],
    ['ownerOf', 'component:default/payments-service'], ['ownerOf', 'system:default/payments'],
  ]);
  const acme = await required(catalog.getEntityByRef({ kind: 'group', namespace: 'default', name: 'acme' }), 'getEntityByRef(acme)');
  expectRelations(acme, [['parentOf', 'group:default/team-payments'], ['parentOf', 'group:default/team-platform']]);
});

await check('getEntityByRef: refs are case-insensitive', async () => {
  const e = await required(catalog.getEntityByRef('Component:Default/Payments-Service'), 'getEntityByRef');
  expectEqual(e.metadata.name, 'payments-service', 'metadata.name');
});

await check('getEntityByRef: a missing entity is undefined and a NotFoundError', async () => {
  const e = await catalog.getEntityByRef('component:default/no-such-thing');
  expectEqual(e, undefined, 'getEntityByRef of a missing entity');
  expectNotFoundError(await rawJson('GET', '/entities/by-name/component/default/no-such-thing'), 'GET /entities/by-name of a missing entity');
}, { needs: ['getEntityByRef: a string ref returns the full entity'] });

await check('GET /entities/by-uid/:uid returns the entity (no client method)', async () => {
  const uid = paymentsService.metadata.uid;
  const found = await rawJson('GET', `/entities/by-uid/${encodeURIComponent(uid)}`);
  expectEqual(found.status, 200, 'status');
  expectEqual(found.body?.metadata?.uid, uid, 'metadata.uid');
  expectEqual(refOf(found.body), 'component:default/payments-service', 'ref');
  expectNotFoundError(await rawJson('GET', '/entities/by-uid/00000000-0000-4000-8000-000000000000'), 'GET /entities/by-uid of an unknown uid');
}, { needs: ['getEntityByRef: a string ref returns the full entity'] });

await check('getEntitiesByRefs: same order as asked, undefined for a missing ref', async () => {
  const { items } = await catalog.getEntitiesByRefs({
    entityRefs: ['api:default/payments-api', 'component:default/no-such-thing', 'user:default/alice'],
  });
  expectEqual(items.length, 3, 'number of items');
  expectEqual(items.map(e => (e ? refOf(e) : undefined)), ['api:default/payments-api', undefined, 'user:default/alice'], 'items');
  expectEqual(items[0].spec?.type, 'openapi', 'items[0].spec.type');
});

await check('getEntitiesByRefs: fields projects each entity', async () => {
  const { items } = await catalog.getEntitiesByRefs({
    entityRefs: ['api:default/payments-api', 'component:default/no-such-thing', 'user:default/alice'],
    fields: ['kind', 'metadata.name'],
  });
  expectEqual(items, [{ kind: 'API', metadata: { name: 'payments-api' } }, undefined, { kind: 'User', metadata: { name: 'alice' } }], 'items');
});

await check('getEntityAncestors: from the entity up to the registered location', async () => {
  const result = await catalog.getEntityAncestors({ entityRef: 'component:default/payments-service' });
  expectEqual(result.rootEntityRef, 'component:default/payments-service', 'rootEntityRef');
  expectTrue(Array.isArray(result.items), `items is not an array: ${show(result)}`);
  const byRef = new Map(result.items.map(item => [refOf(item.entity), item]));
  const summary = show(result.items.map(item => `${refOf(item.entity)} <- ${item.parentEntityRefs?.join(' ')}`));
  const root = byRef.get('component:default/payments-service') ?? fail(`the entity itself is not among the items: ${summary}`);
  expectEqual(root.parentEntityRefs, ['location:default/atrium-fixtures'], 'parents of the entity');
  const fixtures = byRef.get('location:default/atrium-fixtures') ?? fail(`location:default/atrium-fixtures missing: ${summary}`);
  expectTrue(fixtures.parentEntityRefs?.length > 0, `the fixture Location has no parent (the registered location's entity): ${summary}`);
  for (const item of result.items) {
    for (const parent of item.parentEntityRefs ?? []) {
      expectTrue(byRef.has(parent), `parent ${parent} of ${refOf(item.entity)} is not among the items: ${summary}`);
    }
  }
  const top = result.items.filter(item => (item.parentEntityRefs ?? []).length === 0);
  expectEqual(top.length, 1, `number of items without parents in ${summary}`);
  expectEqual(top[0].entity.kind, 'Location', 'kind of the top ancestor');
  expectEqual(top[0].entity.spec?.target, rootFile, 'spec.target of the top ancestor');
  if (rootLocation?.entityRef) expectEqual(refOf(top[0].entity), rootLocation.entityRef, 'top ancestor vs location.entityRef');
});

// ---- locations ----------------------------------------------------------------------------------

await check('a location names its Location entity in entityRef', async () => {
  const ref = rootLocation.entityRef;
  expectTrue(typeof ref === 'string' && ref.startsWith('location:'), `location.entityRef is ${show(ref)}`);
  const entity = await required(catalog.getEntityByRef(ref), `getEntityByRef(${ref})`);
  expectEqual(entity.kind, 'Location', 'kind');
  expectEqual(entity.spec?.target, rootFile, 'spec.target');
}, { needs: ['addLocation registers the fixture catalog'] });

await check('getLocationById returns the location, undefined when unknown', async () => {
  const location = await required(catalog.getLocationById(rootLocation.id), 'getLocationById');
  expectEqual({ id: location.id, type: location.type, target: location.target },
    { id: rootLocation.id, type: 'file', target: rootFile }, 'location');
  expectEqual(await catalog.getLocationById('00000000-0000-4000-8000-000000000000'), undefined, 'unknown id');
}, { needs: ['addLocation registers the fixture catalog'] });

await check('getLocationByRef finds a location in GET /locations', async () => {
  const location = await required(catalog.getLocationByRef(`file:${rootFile}`), 'getLocationByRef');
  expectEqual(location.id, rootLocation.id, 'id');
  expectEqual(await catalog.getLocationByRef('file:/no/such/catalog-info.yaml'), undefined, 'unknown ref');
}, { needs: ['addLocation registers the fixture catalog'] });

await check('getLocationByEntity returns the origin location', async () => {
  const location = await required(catalog.getLocationByEntity('component:default/payments-service'), 'getLocationByEntity');
  expectEqual({ id: location.id, type: location.type, target: location.target },
    { id: rootLocation.id, type: 'file', target: rootFile }, 'location');
}, { needs: ['addLocation registers the fixture catalog'] });

// ---- queryEntities (GET and POST /entities/by-query) ---------------------------------------------

const firstPage = {
  filter: { kind: ['Component', 'API'] },
  orderFields: { field: 'metadata.name', order: 'asc' },
  limit: 3,
  fields: ['kind', 'metadata.name'],
};
let pages = [];

await check('queryEntities: filter, orderFields and limit', async () => {
  const page = await catalog.queryEntities(firstPage);
  expectEqual(page.totalItems, COMPONENTS_AND_APIS_BY_NAME.length, 'totalItems');
  expectEqual(names(page.items), COMPONENTS_AND_APIS_BY_NAME.slice(0, 3), 'first page');
  expectTrue(typeof page.pageInfo?.nextCursor === 'string', `pageInfo.nextCursor missing: ${show(page.pageInfo)}`);
  expectEqual(page.pageInfo.prevCursor, undefined, 'pageInfo.prevCursor of the first page');
});

await check('queryEntities: following nextCursor visits every entity once', async () => {
  pages = [await catalog.queryEntities(firstPage)];
  while (pages.at(-1).pageInfo?.nextCursor) {
    if (pages.length > 10) fail(`still a nextCursor after ${pages.length} pages`);
    pages.push(await catalog.queryEntities({ cursor: pages.at(-1).pageInfo.nextCursor, limit: 3, fields: ['kind', 'metadata.name'] }));
  }
  const seen = pages.flatMap(page => names(page.items));
  expectEqual(seen.length, new Set(seen).size, `entities seen (duplicates in ${show(seen)})`);
  expectEqual(seen, COMPONENTS_AND_APIS_BY_NAME, 'entities seen, in order');
  expectEqual(pages.map(page => page.totalItems), pages.map(() => COMPONENTS_AND_APIS_BY_NAME.length), 'totalItems of each page');
  expectEqual(pages.map(page => page.items.length), [3, 3, 2], 'page sizes');
});

await check('queryEntities: prevCursor returns to the previous page', async () => {
  const prevCursor = pages[1].pageInfo?.prevCursor;
  expectTrue(typeof prevCursor === 'string', `second page has no prevCursor: ${show(pages[1].pageInfo)}`);
  const back = await catalog.queryEntities({ cursor: prevCursor, limit: 3, fields: ['kind', 'metadata.name'] });
  expectEqual(names(back.items), COMPONENTS_AND_APIS_BY_NAME.slice(0, 3), 'previous page');
}, { needs: ['queryEntities: following nextCursor visits every entity once'] });

await check('queryEntities: fullTextFilter', async () => {
  const all = await catalog.queryEntities({
    fullTextFilter: { term: 'LEDGER', fields: ['metadata.name'] },
    orderFields: { field: 'metadata.name', order: 'asc' },
  });
  expectEqual(names(all.items), ['ledger-api', 'ledger-service'], 'matches');
  expectEqual(all.totalItems, 2, 'totalItems');
  const components = await catalog.queryEntities({
    filter: { kind: 'Component' },
    fullTextFilter: { term: 'ledger', fields: ['metadata.name'] },
  });
  expectEqual(names(components.items), ['ledger-service'], 'matches with a filter');
});

await check('queryEntities: descending order', async () => {
  const page = await catalog.queryEntities({ filter: { kind: 'Group' }, orderFields: { field: 'metadata.name', order: 'desc' } });
  expectEqual(names(page.items), ['team-platform', 'team-payments', 'acme'], 'order');
  expectEqual(page.totalItems, 3, 'totalItems');
});

await check('queryEntities: predicate query (POST /entities/by-query)', async () => {
  const page = await catalog.queryEntities({
    query: { $all: [{ kind: 'component' }, { 'spec.type': { $in: ['service', 'website'] } }] },
    orderFields: { field: 'metadata.name', order: 'asc' },
  });
  expectEqual(names(page.items), ['checkout-web', 'ledger-service', 'legacy-billing', 'payments-service'], 'matches');
  expectEqual(page.totalItems, 4, 'totalItems');
});

await check('streamEntities pages through queryEntities', async () => {
  const seen = [];
  for await (const page of catalog.streamEntities({
    filter: { kind: 'User' }, orderFields: { field: 'metadata.name', order: 'asc' }, pageSize: 2,
  })) {
    seen.push(names(page));
    if (seen.length > 5) fail('more than 5 pages for 3 users');
  }
  expectEqual(seen, [['alice', 'bob'], ['carol']], 'pages');
});

// ---- facets -------------------------------------------------------------------------------------

function facet(response, key) {
  if (!response) fail('getEntityFacets returned undefined (a 404)');
  const values = response.facets?.[key] ?? fail(`no facet ${key} in ${show(response)}`);
  return values.map(({ value, count }) => ({ value, count })).sort((a, b) => a.value.localeCompare(b.value));
}

await check('getEntityFacets: kind', async () => {
  const filtered = await catalog.getEntityFacets({
    facets: ['kind'],
    filter: { kind: ['Component', 'API', 'System', 'Domain', 'Group', 'User'] },
  });
  expectEqual(facet(filtered, 'kind'), [
    { value: 'API', count: 2 }, { value: 'Component', count: 6 }, { value: 'Domain', count: 1 },
    { value: 'Group', count: 3 }, { value: 'System', count: 1 }, { value: 'User', count: 3 },
  ], 'kind facet');
  const all = facet(await catalog.getEntityFacets({ facets: ['kind'] }), 'kind');
  const location = all.find(v => v.value === 'Location');
  expectTrue(location && location.count >= 1, `kind facet without filter has no Location: ${show(all)}`);
});

await check('getEntityFacets: spec.type and metadata.tags', async () => {
  const response = await catalog.getEntityFacets({ facets: ['spec.type', 'metadata.tags'], filter: { kind: 'Component' } });
  expectEqual(facet(response, 'spec.type'),
    [{ value: 'library', count: 2 }, { value: 'service', count: 3 }, { value: 'website', count: 1 }], 'spec.type facet');
  expectEqual(facet(response, 'metadata.tags'), [
    { value: 'java', count: 2 }, { value: 'payments', count: 2 }, { value: 'react', count: 2 }, { value: 'typescript', count: 1 },
  ], 'metadata.tags facet');
});

// ---- validateEntity -----------------------------------------------------------------------------

const validEntity = {
  apiVersion: 'backstage.io/v1alpha1',
  kind: 'Component',
  metadata: { name: 'new-service', description: 'Not registered anywhere', tags: ['java'] },
  spec: { type: 'service', lifecycle: 'experimental', owner: 'team-platform' },
};

await check('validateEntity accepts a valid entity', async () => {
  const result = await catalog.validateEntity(validEntity, 'url:https://git.acme.example/new-service/catalog-info.yaml');
  expectEqual(result, { valid: true }, 'result');
});

await check('validateEntity rejects an invalid entity with errors', async () => {
  const invalid = { ...validEntity, metadata: { name: 'Not a valid name!' }, spec: { type: 'service' } };
  const result = await catalog.validateEntity(invalid, 'url:https://git.acme.example/new-service/catalog-info.yaml');
  expectEqual(result.valid, false, `valid (result ${show(result)})`);
  expectTrue(Array.isArray(result.errors) && result.errors.length > 0, `no errors in ${show(result)}`);
  for (const error of result.errors) {
    expectTrue(typeof error.name === 'string' && typeof error.message === 'string' && error.message.length > 0,
      `errors are not serialized errors {name, message}: ${show(result.errors)}`);
  }
});

await check('refreshEntity accepts a catalog entity', async () => {
  await catalog.refreshEntity('component:default/payments-service');
});

// ---- a location's life: dry run, registration, refresh, orphan, removal ----------------------------

const extraRef = 'component:default/extra-service';
const tempRef = 'component:default/extra-temp';
let extraLocation;
let extraServiceUid;
let extraTempUid;

await check('addLocation dryRun lists the entities and stores nothing', async () => {
  const result = await catalog.addLocation({ type: 'file', target: extraFile, dryRun: true });
  const found = names(result.entities, 'entities');
  expectTrue(found.includes('extra-service') && found.includes('extra-temp'), `entities of the dry run: ${show(found)}`);
  expectTrue(!result.exists, `exists is ${show(result.exists)} for a new location`);
  expectEqual(await catalog.getLocationByRef(`file:${extraFile}`), undefined, 'location after a dry run');
  expectEqual(await catalog.getEntityByRef(extraRef), undefined, 'entity after a dry run');
});

await check('addLocation registers a location and its entities appear', async () => {
  const result = await catalog.addLocation({ type: 'file', target: extraFile });
  expectEqual(result.location?.type, 'file', 'location.type');
  expectEqual(result.location?.target, extraFile, 'location.target');
  expectTrue(typeof result.location?.id === 'string', `location.id missing: ${show(result)}`);
  extraLocation = result.location;
  await eventually('ingestion of the new location', async () => {
    const { items } = await catalog.getEntitiesByRefs({ entityRefs: [extraRef, tempRef] });
    if (!items[0] || !items[1]) fail(`got ${show(items.map(e => e?.metadata?.name))}`);
    extraServiceUid = items[0].metadata.uid;
    extraTempUid = items[1].metadata.uid;
  });
});

const registered = 'addLocation registers a location and its entities appear';

await check('addLocation of a registered location is a ConflictError', async () => {
  try {
    await catalog.addLocation({ type: 'file', target: extraFile });
  } catch (e) {
    expectEqual(e?.statusCode, 409, `statusCode of ${describe(e)}`);
    expectEqual(e?.cause?.name, 'ConflictError', 'error.name');
    return;
  }
  fail('registering the same location twice succeeded');
}, { needs: [registered] });

await check('getLocationById returns the new location', async () => {
  const location = await required(catalog.getLocationById(extraLocation.id), 'getLocationById');
  expectEqual({ id: location.id, type: location.type, target: location.target },
    { id: extraLocation.id, type: 'file', target: extraFile }, 'location');
}, { needs: [registered] });

await check('refreshEntity re-reads the entity\'s descriptor', async () => {
  await writeFile(extraFile, [
    'apiVersion: backstage.io/v1alpha1',
    'kind: Component',
    'metadata:',
    '  name: extra-service',
    '  description: After refresh',
    'spec:',
    '  type: service',
    '  lifecycle: experimental',
    '  owner: team-platform',
    '',
  ].join('\n'));
  await catalog.refreshEntity(extraRef);
  await eventually('the edited description after refreshEntity', async () => {
    const e = await catalog.getEntityByRef(extraRef);
    expectEqual(e?.metadata?.description, 'After refresh', 'metadata.description');
  });
}, { needs: [registered] });

await check('removeEntityByUid removes an entity its file no longer has', async () => {
  // Backstage either deletes the orphan itself or marks it backstage.io/orphan: "true" for removal.
  const orphan = await eventually('extra-temp being orphaned or deleted', async () => {
    const e = await catalog.getEntityByRef(tempRef);
    if (e && e.metadata.annotations?.['backstage.io/orphan'] !== 'true') {
      fail(`extra-temp is still there without the orphan annotation: ${show(e.metadata.annotations)}`);
    }
    return e;
  });
  await catalog.removeEntityByUid(orphan ? orphan.metadata.uid : extraTempUid);
  await eventually('extra-temp gone', async () => {
    expectEqual(await catalog.getEntityByRef(tempRef), undefined, 'extra-temp after removeEntityByUid');
  });
}, { needs: ['refreshEntity re-reads the entity\'s descriptor'] });

await check('removeLocationById removes the location and its entities', async () => {
  await catalog.removeLocationById(extraLocation.id);
  expectEqual(await catalog.getLocationById(extraLocation.id), undefined, 'getLocationById after removal');
  expectEqual(await catalog.getLocationByRef(`file:${extraFile}`), undefined, 'getLocationByRef after removal');
  await eventually('extra-service gone', async () => {
    expectEqual(await catalog.getEntityByRef(extraRef), undefined, 'extra-service after removeLocationById');
  });
}, { needs: [registered] });

await check('removeEntityByUid of an entity whose location is gone succeeds', async () => {
  await catalog.removeEntityByUid(extraServiceUid);
  await catalog.removeEntityByUid('00000000-0000-4000-8000-000000000000');
  expectEqual(await catalog.getEntityByRef(extraRef), undefined, 'extra-service');
}, { needs: ['removeLocationById removes the location and its entities'] });

await check('the fixture catalog is untouched by the other location\'s removal', async () => {
  const { items } = await catalog.getEntitiesByRefs({ entityRefs: FIXTURE_REFS, fields: ['kind', 'metadata.name'] });
  const missing = FIXTURE_REFS.filter((_, i) => !items[i]);
  expectEqual(missing, [], 'missing fixture entities');
}, { needs: ['fixture catalog is ingested'] });

console.log(`# ${total - failures} of ${total} checks passed (@backstage/catalog-client against ${baseUrl})`);
process.exitCode = failures > 0 ? 1 : 0;
