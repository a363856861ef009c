// test/e2e/e2e.js
// End-to-end check of the security model (DESIGN §6) through the GraphQL
// API that test/e2e/server.js serves with PostGraphile 4, over plain HTTP.
// Tokens are HS256 JWTs signed here with node's crypto; their "role" claim
// picks the database role, "provider_id" and "sub" reach the extension as
// jwt.claims.provider_id and jwt.claims.sub.  Runs against a database with
// demo/example_data.sql loaded (Jane Doe, Sam Rivera, Priya Shah; Molina and
// Regence with their workflows).  Prints TAP lines and a closing
// "N passed, N failed" line; exits non-zero when anything failed.
//
// Environment: E2E_URL (the /graphql endpoint), JWT_SECRET.
'use strict';

const crypto = require('crypto');
const http = require('http');

const URL_ = process.env.E2E_URL;
const SECRET = process.env.JWT_SECRET;
if (!URL_ || !SECRET) {
  console.error('e2e.js: E2E_URL and JWT_SECRET must be set');
  process.exit(2);
}

const JANE = '20000000-0000-0000-0000-000000000001';
const SAM = '20000000-0000-0000-0000-000000000002';
const MOLINA = '10000000-0000-0000-0000-000000000001';
const REGENCE = '10000000-0000-0000-0000-000000000002';
const AS_OF = '2026-01-05';

// ---- JWT and HTTP -------------------------------------------------------

function base64url(data) {
  return Buffer.from(data).toString('base64')
    .replace(/=+$/, '').replace(/\+/g, '-').replace(/\//g, '_');
}

// An HS256 token with the given claims, valid for ten minutes, for
// PostGraphile's default audience.
function sign(claims) {
  const now = Math.floor(Date.now() / 1000);
  const header = base64url(JSON.stringify({ alg: 'HS256', typ: 'JWT' }));
  const payload = base64url(JSON.stringify({
    aud: 'postgraphile', iat: now, exp: now + 600, ...claims,
  }));
  const signature = base64url(crypto.createHmac('sha256', SECRET)
    .update(`${header}.${payload}`).digest());
  return `${header}.${payload}.${signature}`;
}

const tokens = {
  admin: sign({ role: 'credentialing_admin', sub: 'admin@clinic.example' }),
  viewer: sign({ role: 'credentialing_viewer', sub: 'auditor@clinic.example' }),
  sam: sign({ role: 'credentialing_provider', provider_id: SAM, sub: 'sam.rivera@example.org' }),
  jane: sign({ role: 'credentialing_provider', provider_id: JANE, sub: 'jane.doe@example.org' }),
  none: null,
};

// POST a GraphQL request; resolves to the parsed response body.
function graphql(token, query, variables = {}) {
  const body = JSON.stringify({ query, variables });
  const headers = {
    'Content-Type': 'application/json',
    'Content-Length': Buffer.byteLength(body),
  };
  if (token) headers.Authorization = `Bearer ${token}`;
  return new Promise((resolve, reject) => {
    const req = http.request(URL_, { method: 'POST', headers, timeout: 30000 }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk) => { text += chunk; });
      res.on('end', () => {
        try {
          resolve({ status: res.statusCode, ...JSON.parse(text) });
        } catch (e) {
          reject(new Error(`HTTP ${res.statusCode}: ${text.slice(0, 300)}`));
        }
      });
    });
    req.on('timeout', () => req.destroy(new Error('request timed out')));
    req.on('error', reject);
    req.end(body);
  });
}

// ---- TAP ----------------------------------------------------------------

let passed = 0;
let failed = 0;

function report(ok, description, diagnostics) {
  const n = passed + failed + 1;
  if (ok) {
    passed += 1;
    console.log(`ok ${n} - ${description}`);
  } else {
    failed += 1;
    console.log(`not ok ${n} - ${description}`);
    if (diagnostics !== undefined) {
      for (const line of JSON.stringify(diagnostics, null, 2).split('\n')) console.log(`#   ${line}`);
    }
  }
}

// Run one check; an exception is a failure, not a crash.
async function check(description, fn) {
  try {
    const result = await fn();
    if (result === true) report(true, description);
    else report(false, description, result);
  } catch (e) {
    report(false, description, String(e && e.stack ? e.stack : e));
  }
}

// The SQLSTATEs of a response's errors.
function errcodes(res) {
  return (res.errors || []).map((e) => e.errcode || (e.extensions && e.extensions.errcode));
}

// True when the request failed with SQLSTATE 42501 and returned no data;
// else the response, for the diagnostics.
function refused(res, field) {
  const noData = !res.data || res.data[field] == null;
  return (noData && errcodes(res).includes('42501')) || res;
}

// ---- The checks -------------------------------------------------------

async function main() {
  // Wait for the schema to be built (the first request waits for it).
  let ready = false;
  for (let i = 0; i < 60 && !ready; i += 1) {
    try {
      const res = await graphql(null, '{ __typename }');
      ready = res.data && res.data.__typename === 'Query';
    } catch (e) {
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  report(ready, 'the GraphQL API answers');
  if (!ready) return;

  // No token: the default role has nothing.
  await check('without a token, reading providers is refused (42501)', async () =>
    refused(await graphql(tokens.none, '{ allProviders { totalCount } }'), 'allProviders'));
  await check('without a token, reading payers is refused (42501)', async () =>
    refused(await graphql(tokens.none, '{ allPayers { nodes { name } } }'), 'allPayers'));
  await check('without a token, generating tasks is refused (42501)', async () =>
    refused(await graphql(tokens.none, `mutation ($p: UUID!, $payers: [UUID]!) {
        credentialPayers(input: { pProviderId: $p, pPayerIds: $payers }) { json } }`,
    { p: SAM, payers: [MOLINA] }), 'credentialPayers'));

  // Providers cannot generate tasks.
  await check('a provider token cannot generate tasks (42501)', async () =>
    refused(await graphql(tokens.sam, `mutation ($p: UUID!, $payers: [UUID]!) {
        credentialPayers(input: { pProviderId: $p, pPayerIds: $payers }) { json } }`,
    { p: SAM, payers: [MOLINA] }), 'credentialPayers'));
  await check('a viewer token cannot generate tasks (42501)', async () =>
    refused(await graphql(tokens.viewer, `mutation ($p: UUID!, $payers: [UUID]!) {
        credentialPayers(input: { pProviderId: $p, pPayerIds: $payers }) { json } }`,
    { p: SAM, payers: [MOLINA] }), 'credentialPayers'));

  // The admin generates Sam's and Jane's tasks.
  const before = await graphql(tokens.admin, '{ allProviderCredentialingTasks { totalCount } allPayers { totalCount } }');
  const baseline = before.data ? before.data.allProviderCredentialingTasks.totalCount : NaN;
  const payerCount = before.data ? before.data.allPayers.totalCount : NaN;
  await check('an admin token generates Sam\'s tasks with Molina and Regence', async () => {
    const res = await graphql(tokens.admin, `mutation ($p: UUID!, $payers: [UUID]!, $asOf: Date) {
        credentialPayers(input: { pProviderId: $p, pPayerIds: $payers, pAsOf: $asOf }) { json } }`,
    { p: SAM, payers: [MOLINA, REGENCE], asOf: AS_OF });
    const json = res.data && res.data.credentialPayers && res.data.credentialPayers.json;
    return (json && json.tasksCreated === 8 && json.applicationsCreated === 2) || res;
  });
  await check('an admin token generates Jane\'s tasks with Molina', async () => {
    const res = await graphql(tokens.admin, `mutation ($p: UUID!, $payers: [UUID]!, $asOf: Date) {
        credentialPayers(input: { pProviderId: $p, pPayerIds: $payers, pAsOf: $asOf }) { json } }`,
    { p: JANE, payers: [MOLINA], asOf: AS_OF });
    const json = res.data && res.data.credentialPayers && res.data.credentialPayers.json;
    return (json && json.tasksCreated === 4) || res;
  });
  await check('an admin token reads Sam\'s credentialing dashboard', async () => {
    const res = await graphql(tokens.admin, `query ($p: UUID!, $asOf: Date) {
        credentialingDashboard(pProviderId: $p, pAsOf: $asOf) }`, { p: SAM, asOf: AS_OF });
    const d = res.data && res.data.credentialingDashboard;
    return (d && d.overall_stats && d.overall_stats.total_tasks === 8
            && Array.isArray(d.payers) && d.payers.length === 2) || res;
  });
  await check('an admin token sees every provider\'s tasks', async () => {
    const res = await graphql(tokens.admin, '{ allProviderCredentialingTasks { totalCount } }');
    return (res.data && res.data.allProviderCredentialingTasks.totalCount === baseline + 12) || res;
  });

  // Sam sees only his own rows.
  let samTask = null;
  await check('a provider token sees only its own tasks', async () => {
    const res = await graphql(tokens.sam, `{ allProviderCredentialingTasks(orderBy: [PAYER_ID_ASC, TASK_ORDER_ASC]) {
        totalCount nodes { id providerId title taskStatus } } }`);
    const c = res.data && res.data.allProviderCredentialingTasks;
    if (!c || c.totalCount !== 8 || !c.nodes.every((t) => t.providerId === SAM)) return res;
    samTask = c.nodes[0];
    return true;
  });
  await check('a provider token sees only its own provider row', async () => {
    const res = await graphql(tokens.sam, '{ allProviders { nodes { id lastName } } }');
    const nodes = res.data && res.data.allProviders.nodes;
    return (nodes && nodes.length === 1 && nodes[0].id === SAM) || res;
  });
  await check('a provider token reads the payer directory', async () => {
    const res = await graphql(tokens.sam, '{ allPayers { totalCount } }');
    return (res.data && payerCount > 0 && res.data.allPayers.totalCount === payerCount) || res;
  });
  await check('a provider token reads its own progress', async () => {
    const res = await graphql(tokens.sam, `query ($p: UUID!, $asOf: Date) {
        getProviderCredentialingProgress(pProviderId: $p, pAsOf: $asOf) { nodes { payerName totalTasks } } }`,
    { p: SAM, asOf: AS_OF });
    const nodes = res.data && res.data.getProviderCredentialingProgress.nodes;
    return (nodes && nodes.length === 2 && nodes.every((n) => n.totalTasks === 4)) || res;
  });
  await check('a provider token reads its own dashboard', async () => {
    const res = await graphql(tokens.sam, `query ($p: UUID!, $asOf: Date) {
        credentialingDashboard(pProviderId: $p, pAsOf: $asOf) }`, { p: SAM, asOf: AS_OF });
    const d = res.data && res.data.credentialingDashboard;
    return (d && d.overall_stats && d.overall_stats.total_tasks === 8) || res;
  });

  // Another provider's rows are invisible.
  await check('another provider\'s token does not see Sam\'s tasks', async () => {
    const res = await graphql(tokens.jane, `query ($p: UUID!) {
        allProviderCredentialingTasks(condition: { providerId: $p }) { totalCount } }`, { p: SAM });
    return (res.data && res.data.allProviderCredentialingTasks.totalCount === 0) || res;
  });
  await check('another provider\'s token cannot fetch Sam\'s task by id', async () => {
    const res = await graphql(tokens.jane, `query ($id: UUID!) {
        providerCredentialingTaskById(id: $id) { id } }`, { id: samTask && samTask.id });
    return (res.data && res.data.providerCredentialingTaskById === null && !res.errors) || res;
  });
  await check('another provider\'s token gets nothing from Sam\'s progress', async () => {
    const res = await graphql(tokens.jane, `query ($p: UUID!, $asOf: Date) {
        getProviderCredentialingProgress(pProviderId: $p, pAsOf: $asOf) { totalCount } }`,
    { p: SAM, asOf: AS_OF });
    return (res.data && res.data.getProviderCredentialingProgress.totalCount === 0) || res;
  });
  await check('another provider\'s token cannot read Sam\'s provider row', async () => {
    const res = await graphql(tokens.jane, `query ($id: UUID!) { providerById(id: $id) { id } }`, { id: SAM });
    return (res.data && res.data.providerById === null) || res;
  });
  await check('another provider\'s token cannot complete Sam\'s task', async () => {
    const res = await graphql(tokens.jane, `mutation ($id: UUID!) {
        updateProviderCredentialingTaskById(input: { id: $id,
          providerCredentialingTaskPatch: { taskStatus: "completed" } }) { providerCredentialingTask { id } } }`,
    { id: samTask && samTask.id });
    return (res.errors && !(res.data && res.data.updateProviderCredentialingTaskById)) || res;
  });

  // Sam completes his own task; he may not rename it.
  await check('a provider token completes its own task', async () => {
    const res = await graphql(tokens.sam, `mutation ($id: UUID!) {
        updateProviderCredentialingTaskById(input: { id: $id, providerCredentialingTaskPatch: {
          taskStatus: "completed", notes: "CAQH profile updated",
          uploadedDocumentUrl: "https://files.example.org/caqh.pdf" } }) {
          providerCredentialingTask { taskStatus completedDate notes } } }`,
    { id: samTask && samTask.id });
    const t = res.data && res.data.updateProviderCredentialingTaskById
      && res.data.updateProviderCredentialingTaskById.providerCredentialingTask;
    return (t && t.taskStatus === 'completed' && t.completedDate && t.notes === 'CAQH profile updated') || res;
  });
  await check('a provider token cannot change a task\'s title (42501)', async () =>
    refused(await graphql(tokens.sam, `mutation ($id: UUID!) {
        updateProviderCredentialingTaskById(input: { id: $id,
          providerCredentialingTaskPatch: { title: "Nothing to do" } }) { providerCredentialingTask { title } } }`,
    { id: samTask && samTask.id }), 'updateProviderCredentialingTaskById'));
  await check('a provider token cannot move a task\'s due date (42501)', async () =>
    refused(await graphql(tokens.sam, `mutation ($id: UUID!) {
        updateProviderCredentialingTaskById(input: { id: $id,
          providerCredentialingTaskPatch: { dueDate: "2030-01-01" } }) { providerCredentialingTask { dueDate } } }`,
    { id: samTask && samTask.id }), 'updateProviderCredentialingTaskById'));
  await check('a provider token cannot change its application (42501)', async () => {
    const res = await graphql(tokens.sam, `mutation ($p: UUID!, $payer: UUID!) {
        updateProviderPayerApplicationByProviderIdAndPayerId(input: { providerId: $p, payerId: $payer,
          providerPayerApplicationPatch: { applicationStatus: "approved" } }) { providerPayerApplication { id } } }`,
    { p: SAM, payer: MOLINA });
    return refused(res, 'updateProviderPayerApplicationByProviderIdAndPayerId');
  });
  await check('a provider token cannot write audit events (42501)', async () =>
    refused(await graphql(tokens.sam, `mutation ($id: UUID!) {
        createCredentialingEvent(input: { credentialingEvent: { entity: "task", entityId: $id, action: "forged" } }) {
          credentialingEvent { id } } }`, { id: samTask && samTask.id }), 'createCredentialingEvent'));

  // What the admin sees afterwards.
  await check('the admin sees the completion, audited with the provider\'s role and JWT sub', async () => {
    const res = await graphql(tokens.admin, `query ($id: UUID!) {
        allCredentialingEvents(condition: { entityId: $id }) { nodes { actor action oldValue newValue } } }`,
    { id: samTask && samTask.id });
    const nodes = res.data && res.data.allCredentialingEvents.nodes;
    return (nodes && nodes.length === 1
            && nodes[0].actor === 'credentialing_provider (sub sam.rivera@example.org)'
            && nodes[0].action === 'status_changed' && nodes[0].newValue === 'completed') || res;
  });
  await check('the refused title change left the task as it was', async () => {
    const res = await graphql(tokens.admin, `query ($id: UUID!) {
        providerCredentialingTaskById(id: $id) { title dueDate taskStatus } }`, { id: samTask && samTask.id });
    const t = res.data && res.data.providerCredentialingTaskById;
    return (t && samTask && t.title === samTask.title && t.taskStatus === 'completed') || res;
  });
  await check('a provider token annotates its own task through update_credentialing_task', async () => {
    const res = await graphql(tokens.sam, `mutation ($id: UUID!) {
        updateCredentialingTask(input: { pTaskId: $id, pPatch: { notes: "Waiting for the payer" } }) { json } }`,
    { id: samTask && samTask.id });
    const t = res.data && res.data.updateCredentialingTask && res.data.updateCredentialingTask.json;
    return (t && t.notes === 'Waiting for the payer') || res;
  });
  await check('a provider token cannot move a due date through update_credentialing_task (42501)', async () =>
    refused(await graphql(tokens.sam, `mutation ($id: UUID!) {
        updateCredentialingTask(input: { pTaskId: $id, pPatch: { due_date: "2030-01-01" } }) { json } }`,
    { id: samTask && samTask.id }), 'updateCredentialingTask'));

  // Claims and appeals: each provider sees and appeals only the claims
  // billed under their NPI.
  // Denied ten days ago: providers file appeals as of today, within the deadline.
  const tenDaysAgo = new Date(Date.now() - 10 * 86400 * 1000).toISOString().slice(0, 10).replace(/-/g, '');
  await check('an admin token ingests a claim-status response', async () => {
    const res = await graphql(tokens.admin, `mutation ($r: JSON!) {
        ingestEcsClaims(input: { pResponse: $r }) { results { claimNumber claimStatus inserted } } }`,
    { r: { payerId: 'MOLINA', claims: [
      { claimNumber: 'CLM-J1', claimStatus: 'Denied', providerNpi: '1234567893', finalizedDate: tenDaysAgo,
        BILLED: 250, INSURANCE_TOTAL_PAID: 0 },
      { claimNumber: 'CLM-S1', claimStatus: 'Denied', providerNpi: '1245319599', finalizedDate: tenDaysAgo,
        BILLED: 180, INSURANCE_TOTAL_PAID: 0 },
    ] } });
    const r = res.data && res.data.ingestEcsClaims && res.data.ingestEcsClaims.results;
    return (r && r.length === 2 && r.every((c) => c.inserted)) || res;
  });
  await check('a provider token sees only the claims billed under its NPI', async () => {
    const res = await graphql(tokens.jane, '{ allClaims { nodes { claimNumber } } }');
    const nodes = res.data && res.data.allClaims.nodes;
    return (nodes && nodes.length === 1 && nodes[0].claimNumber === 'CLM-J1') || res;
  });
  await check('a provider token submits an appeal of its own denied claim', async () => {
    const res = await graphql(tokens.jane, `mutation {
        submitAppeal(input: { pClaimNumber: "CLM-J1", pRequestReason: "MEDICAL_NECESSITY",
          pNarrative: "The visit was medically necessary." }) { json } }`);
    const a = res.data && res.data.submitAppeal && res.data.submitAppeal.json;
    return (a && a.status === 'queued' && a.claimNumber === 'CLM-J1') || res;
  });
  await check('a provider token cannot appeal another provider\'s claim (not found for it)', async () => {
    const res = await graphql(tokens.jane, `mutation {
        submitAppeal(input: { pClaimNumber: "CLM-S1", pRequestReason: "OTHER",
          pNarrative: "Please review this claim again." }) { json } }`);
    return (errcodes(res).includes('P0002') && !(res.data && res.data.submitAppeal)) || res;
  });
  await check('a provider token cannot read the appeal outbox (42501)', async () =>
    refused(await graphql(tokens.jane, '{ allAppealOutboxes { totalCount } }'), 'allAppealOutboxes'));
  await check('the admin sees the appeal under the provider\'s JWT sub, with its outbox message', async () => {
    const res = await graphql(tokens.admin, `{ allAppeals { nodes { status submittedBy } }
        allAppealOutboxes { totalCount } }`);
    const nodes = res.data && res.data.allAppeals.nodes;
    return (nodes && nodes.length === 1 && nodes[0].status === 'queued'
            && nodes[0].submittedBy === 'credentialing_provider (sub jane.doe@example.org)'
            && res.data.allAppealOutboxes.totalCount === 1) || res;
  });

  await check('a viewer token reads every task but cannot update one (42501)', async () => {
    const read = await graphql(tokens.viewer, '{ allProviderCredentialingTasks { totalCount } }');
    if (!(read.data && read.data.allProviderCredentialingTasks.totalCount === baseline + 12)) return read;
    return refused(await graphql(tokens.viewer, `mutation ($id: UUID!) {
        updateProviderCredentialingTaskById(input: { id: $id,
          providerCredentialingTaskPatch: { notes: "seen" } }) { providerCredentialingTask { id } } }`,
    { id: samTask && samTask.id }), 'updateProviderCredentialingTaskById');
  });
  await check('a token signed with another secret is rejected', async () => {
    const forged = tokens.admin.replace(/\.[^.]+$/, `.${base64url(crypto.createHmac('sha256', 'wrong')
      .update(tokens.admin.split('.').slice(0, 2).join('.')).digest())}`);
    const res = await graphql(forged, '{ allProviders { totalCount } }');
    return (res.errors && !(res.data && res.data.allProviders)) || res;
  });
}

main()
  .catch((e) => report(false, 'the end-to-end run completed', String(e && e.stack ? e.stack : e)))
  .finally(() => {
    console.log(`${passed} passed, ${failed} failed`);
    process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
  });
