// The explorer as a person uses it: Debian's Chromium, driven by
// playwright-core, against the pharmagraph server on the seed graph. Any
// request to another host, uncaught page error or Content-Security-Policy
// violation fails the test. PHARMAGRAPH_BIN names the binary (built from
// ../../cmd/pharmagraph when absent); CHROMIUM the browser (/usr/bin/chromium).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..', '..');
const tmp = mkdtempSync(join(tmpdir(), 'explorer-e2e-'));
const problems = [];
const limit = 180_000; // the most one test may take, so that a hang fails instead of stalling CI
let server, context, page, base;

async function freePort() {
  return new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

async function waitReady(url) {
  for (let i = 0; i < 600; i++) {
    try {
      if ((await fetch(url + '/readyz')).ok) return;
    } catch { /* not listening yet */ }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the server did not get ready in 60 s');
}

async function api(query, variables) {
  const res = await fetch(base + '/graphql', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = await res.json();
  assert.equal(body.errors, undefined);
  return body.data;
}

before(async () => {
  let bin = process.env.PHARMAGRAPH_BIN;
  if (!bin) {
    bin = join(tmp, 'pharmagraph');
    execFileSync('go', ['build', '-o', bin, './cmd/pharmagraph'], { cwd: root, stdio: 'inherit' });
  }
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  server = spawn(bin, ['serve', '--backend', 'memory', '--addr', `127.0.0.1:${port}`], { stdio: ['ignore', 'inherit', 'inherit'] });
  process.on('exit', () => server.kill()); // also when a test times out
  await waitReady(base);
  context = await chromium.launchPersistentContext(join(tmp, 'profile'), {
    executablePath: process.env.CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
      '--disable-component-update', '--disable-sync'],
    acceptDownloads: true,
    viewport: { width: 1280, height: 900 },
  });
  await context.route('**/*', (route) => {
    const url = new URL(route.request().url());
    if (url.origin !== base) {
      problems.push('request to another host: ' + url.href);
      return route.abort();
    }
    return route.continue();
  });
  page = context.pages()[0] ?? await context.newPage();
  page.setDefaultTimeout(60_000); // a busy CI machine is slow, not broken
  page.on('pageerror', (err) => problems.push('page error: ' + err.message));
  page.on('console', (m) => {
    if (m.type() === 'error' && /Content.Security.Policy|Refused to/i.test(m.text())) problems.push('CSP: ' + m.text());
  });
}, { timeout: limit });

after(async () => {
  await context?.close();
  server?.kill();
  rmSync(tmp, { recursive: true, force: true });
  assert.deepEqual(problems, [], 'no request to another host, page error or CSP violation');
});

async function axe(where) {
  const source = readFileSync(join(here, '..', 'node_modules', 'axe-core', 'axe.min.js'), 'utf8');
  // Evaluated through the browser's debugging protocol, which the page's CSP does not govern.
  const violations = await page.evaluate(`${source}
    axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => v.id + ': ' + v.nodes.map((n) => n.target.join(' ')).slice(0, 3).join(', ')))`);
  assert.deepEqual(violations, [], `axe-core on ${where}`);
}

test('the pages carry a Content-Security-Policy without other hosts', { timeout: limit }, async () => {
  for (const path of ['/', '/node/DRUGBANK:DB00181', '/overlap?ids=a,b']) {
    const res = await fetch(base + path);
    assert.equal(res.status, 200, path);
    const csp = res.headers.get('content-security-policy');
    assert.match(csp, /default-src 'self'/, path);
    assert.doesNotMatch(csp, /https?:|\*|unsafe-inline|unsafe-eval/, path);
  }
  const browser = await fetch(base + '/graphql', { headers: { Accept: 'text/html' } });
  assert.match(await browser.text(), /GraphiQL/);
  const client = await fetch(base + '/graphql?query=%7Bstats%7Bnodes%7D%7D');
  assert.ok((await client.json()).data.stats.nodes > 0, 'API clients get answers at /graphql as before');
});

test('search with a typo, open a drug, expand a neighbour, download, share', { timeout: limit }, async () => {
  await page.goto(base + '/');
  await axe('the start page');
  const box = page.getByRole('combobox', { name: /Search/ });
  await box.focus();
  await page.keyboard.type('baclofin');
  const first = page.getByRole('option').first();
  await first.waitFor();
  assert.match(await first.innerText(), /^baclofen/);
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await page.waitForURL(/\/node\/DRUGBANK%3ADB00181$/);
  await page.getByRole('heading', { level: 1, name: /baclofen/ }).waitFor();
  assert.ok(await page.getByRole('rowheader', { name: /Withdrawal/ }).count() > 0, 'effects grouped by context');

  const status = page.locator('.graph-status');
  await status.filter({ hasText: /nodes shown/ }).waitFor();
  const shown = async () => Number((await status.innerText()).match(/(\d+) nodes shown/)[1]);
  const before = await shown();
  const expand = page.getByRole('button', { name: /^Expand / }).first();
  const name = (await expand.getAttribute('aria-label')).slice('Expand '.length);
  await expand.click();
  await page.getByRole('button', { name: 'Expand ' + name, exact: true }).waitFor({ state: 'detached' });
  await status.filter({ hasText: /nodes shown/ }).waitFor();
  assert.ok(await shown() > before, `expanding ${name} adds its neighbours (${before} nodes before)`);
  mkdirSync(join(root, 'docs'), { recursive: true });
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.setViewportSize({ width: 1280, height: 1250 });
  await page.screenshot({ path: join(root, 'docs', 'explorer.png'), fullPage: false });
  await page.setViewportSize({ width: 1280, height: 900 });
  await axe('baclofen’s page');

  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download CSV' }).first().click()]);
  const csv = readFileSync(await download.path(), 'utf8');
  assert.match(csv, /^section,group,id,name/);
  assert.match(csv, /effectsPage,WITHDRAWAL,/);

  await page.reload();
  await page.getByRole('heading', { level: 1, name: /baclofen/ }).waitFor();
});

test('the overlap of baclofen and alcohol is the API’s, survives a reload, and its query runs in GraphiQL', { timeout: limit }, async () => {
  await page.goto(base + '/overlap?ids=DRUGBANK:DB00181,alcohol');
  const shared = async () => (await page.locator('#shared tbody tr td:first-child').allInnerTexts()).sort();
  await page.locator('#shared').waitFor();
  const want = (await api('{ overlap(a: "DRUGBANK:DB00181", b: "alcohol") { shared { name } onlyA { name } jaccard } }')).overlap;
  assert.deepEqual(await shared(), want.shared.map((e) => e.name).sort());
  assert.ok(want.shared.length > 0);
  assert.deepEqual((await page.locator('#only-a li').allInnerTexts()).sort(), want.onlyA.map((e) => e.name).sort());
  assert.match(await page.locator('.jaccard').innerText(), new RegExp(want.jaccard.toFixed(3)));
  await axe('the overlap');

  await page.reload();
  await page.locator('#shared').waitFor();
  assert.deepEqual(await shared(), want.shared.map((e) => e.name).sort(), 'a shared link opens the same view');
  await page.goBack();
  await page.getByRole('heading', { level: 1, name: /baclofen/ }).waitFor();
  await page.goForward();
  await page.locator('#shared').waitFor();

  await page.getByRole('link', { name: 'Show the query' }).click();
  await page.waitForURL(/\/graphql\?query=/);
  await page.locator('.graphiql-container').waitFor();
  // The editors load after the page: run the query once the editor holds it.
  await page.locator('.graphiql-query-editor').filter({ hasText: 'overlap(a: $a, b: $b)' }).waitFor();
  const result = page.locator('.graphiql-response');
  for (let i = 0; ; i++) {
    await page.getByRole('button', { name: /Execute query/ }).click();
    try {
      await result.filter({ hasText: '"jaccard"' }).waitFor({ timeout: 15_000 });
      break;
    } catch (err) {
      if (i === 2) throw err;
    }
  }
  // The response editor draws only the lines in view: the first ones name the drugs and the index.
  const text = await result.innerText();
  assert.match(text, /"name": "baclofen"/);
  assert.match(text, new RegExp(`"jaccard": ${want.jaccard}`));
});

test('a long list shows a page, and “more” loads the next one after its cursor', { timeout: limit }, async () => {
  // Pages of 5 rather than 100, so that the seeds' lists are long: the page's requests are rewritten on their way.
  const afters = [];
  const smaller = (route) => {
    const body = JSON.parse(route.request().postData() ?? '{}');
    if (body.variables?.first !== 100) return route.fallback();
    body.variables.first = 5;
    afters.push(body.variables.after);
    return route.fallback({ postData: JSON.stringify(body) });
  };
  await page.route('**/graphql', smaller);
  try {
    const effects = (first, after) => api(`query($first: Int!, $after: String) { node(id: "DRUGBANK:DB00181") { ... on Drug {
      effectsPage(first: $first, after: $after) { totalCount pageInfo { endCursor } edges { node { effect { name } } } } } } }`, { first, after });
    const want = (await effects(10)).node.effectsPage;
    const firstPage = (await effects(5)).node.effectsPage;
    await page.goto(base + '/node/DRUGBANK:DB00181');
    const section = page.locator('section[aria-labelledby="h-effectsPage"]');
    await section.getByRole('heading', { name: `Effects (${want.totalCount})` }).waitFor();
    const shown = () => section.locator('tbody tr:not(.group) td:first-child').allInnerTexts();
    assert.deepEqual(await shown(), want.edges.slice(0, 5).map((e) => e.node.effect.name), 'the first page, in the list’s order');
    const more = section.getByRole('button', { name: new RegExp(`^Show \\d+ more of ${want.totalCount - 5}$`) });
    await more.click();
    await section.getByRole('status').filter({ hasText: `5 more shown, 10 of ${want.totalCount}.` }).waitFor();
    assert.deepEqual(await shown(), want.edges.map((e) => e.node.effect.name), 'the next page follows the first');
    assert.equal(afters.at(-1), firstPage.pageInfo.endCursor, 'the next page is asked for after the first page’s endCursor');
    await section.getByRole('button', { name: new RegExp(`^Show \\d+ more of ${want.totalCount - 10}$`) }).waitFor();
    await axe('baclofen’s page with a list paged on');

    const members = (await api('{ drugClass(name: "CNS depressant") { id membersPage(first: 500) { totalCount } } }')).drugClass;
    assert.ok(members.membersPage.totalCount > 5, 'the CNS depressants are more than a page of 5');
    await page.goto(base + '/node/' + encodeURIComponent(members.id));
    const list = page.locator('section[aria-labelledby="h-membersPage"]');
    await list.getByRole('heading', { name: `Members (${members.membersPage.totalCount})` }).waitFor();
    assert.equal(await list.locator('tbody tr').count(), 5);
    await list.getByRole('button', { name: /^Show \d+ more of / }).click();
    await list.getByRole('status').filter({ hasText: /more shown/ }).waitFor();
    assert.equal(await list.locator('tbody tr').count(), Math.min(10, members.membersPage.totalCount));
  } finally {
    await page.unroute('**/graphql', smaller);
  }
});
