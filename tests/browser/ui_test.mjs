// The UI in a real browser. Usage:
//   node ui_test.mjs BASE_URL SCREENSHOT_DIR WEB_DIR CHROMIUM PROFILE_DIR
// Expected values come from the sample articles in examples/ (To Lam received
// Sergei Shoigu in Hanoi on 14 April 2026; Vietnam and Russia signed a plan
// on the 15th) and tests/serve/xss.jsonl.
import { createRequire } from 'node:module';
import assert from 'node:assert/strict';
import path from 'node:path';

const [base, shots, webDir, chromiumPath, profile] = process.argv.slice(2);
const require = createRequire(path.join(webDir, 'package.json'));
const { chromium } = require('playwright-core');

const context = await chromium.launchPersistentContext(profile, {
  executablePath: chromiumPath,
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1280, height: 900 },
});
const page = context.pages()[0] || await context.newPage();
const problems = [];
page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
// Failed requests the pages expect (stories before they exist: 501; the
// missing entity below: 404) are reported by Chromium on the console too.
page.on('console', (m) => {
  if (m.type() === 'error' && !/Failed to load resource: .* (404|501)/.test(m.text())) problems.push(`console: ${m.text()}`);
});
page.on('dialog', async (d) => { problems.push(`dialog: ${d.message()}`); await d.dismiss(); });
let step = 0;
async function shot(name) {
  await page.screenshot({ path: path.join(shots, `${String(++step).padStart(2, '0')}-${name}.png`), fullPage: true });
}
async function ready() {
  await page.waitForSelector('#app[aria-busy="false"]');
}

try {
  // Home: stories (when the store has them), the most reported entities, the network.
  await page.goto(base + '/');
  await ready();
  await page.getByRole('heading', { name: 'Most reported' }).waitFor();
  const top = await page.locator('.home .chips li a').allTextContents();
  assert.ok(top.includes('Vietnam') && top.includes('Russia'), `most reported: ${top}`);
  await page.waitForSelector('.home .network[data-ready="true"] canvas');
  await shot('home');

  const storyRows = await page.locator('tr.story-row').count();
  if (storyRows > 0) {
    // Story -> entity.
    await page.locator('tr.story-row a').first().click();
    await ready();
    await page.waitForSelector('.story h1');
    const columns = await page.locator('.columns .column').count();
    assert.ok(columns >= 1, 'articles by language');
    await shot('story');
    await page.locator('.story .chips a').first().click();
  } else {
    // No stories yet: the search box -> an article -> its entity.
    console.log('no stories in this store: starting from a search');
    await page.fill('#search input[name=q]', 'to lam');
    await page.press('#search input[name=q]', 'Enter');
    await ready();
    const langs = await page.locator('.result .lang').allTextContents();
    assert.ok(new Set(langs).size >= 3, `"to lam" finds articles in several languages: ${langs}`);
    await shot('search');
    await page.locator('.result a', { hasText: 'Tô Lâm' }).first().click();
    await ready();
    assert.ok(await page.locator('.article-text mark.event').count() >= 1, 'event sentences are highlighted');
    await shot('document');
    await page.locator('.document .chips a', { hasText: /^To Lam$/ }).first().click();
  }

  // Entity: names by language and script, roles, timeline, co-mentions.
  await ready();
  await page.waitForSelector('.entity h1');
  let name = await page.locator('.entity h1').textContent();
  if (!name.includes('To Lam')) {
    await page.goto(base + '/search?q=' + encodeURIComponent('To Lam'));
    await ready();
    await page.locator('.chips a', { hasText: /^To Lam$/ }).first().click();
    await ready();
    name = await page.locator('.entity h1').textContent();
  }
  assert.match(name, /To Lam/);
  const aliasText = await page.locator('table.aliases').textContent();
  assert.match(aliasText, /Tô Lâm/);
  assert.match(aliasText, /Cyrillic/);
  assert.match(await page.locator('.roles').textContent(), /general_secretary/);
  assert.ok(await page.locator('.timeline-chart circle').count() >= 1, 'the entity timeline has marks');
  await shot('entity');

  // Entity -> relationship with Sergei Shoigu.
  const rel = page.locator('.co-mentioned li', { hasText: 'Sergei Shoigu' }).locator('a', { hasText: 'relationship' });
  await rel.click();
  await ready();
  await page.waitForSelector('.relation h1');
  assert.match(await page.locator('.relation h1').textContent(), /To Lam – Sergei Shoigu/);
  const happenings = await page.locator('li.happening').allTextContents();
  assert.ok(happenings.some((t) => t.startsWith('2026-04-14')), `they met on 14 April: ${happenings}`);
  assert.ok(await page.locator('.relation .timeline-chart circle').count() >= 1, 'timeline marks');
  await page.waitForSelector('.relation .network[data-ready="true"] canvas');
  await shot('relation-people');

  // A fact -> its source sentence, highlighted.
  const first = page.locator('li.happening').first();
  const sentence = await first.locator('q').textContent();
  await first.locator('a', { hasText: 'source' }).click();
  await ready();
  const target = await page.locator('mark.target').textContent();
  assert.equal(target.trim(), sentence.trim());
  await shot('source-sentence');

  // Two countries: events by type, topics over time.
  await page.goto(base + '/relation?a=Vietnam&b=Russia');
  await ready();
  const types = await page.locator('.relation .timeline-chart .tick text').allTextContents();
  assert.ok(types.some((t) => t.startsWith('057')), `the agreement lane: ${types}`);
  assert.ok(await page.locator('table.topics tbody tr').count() >= 1, 'topics over time');
  await shot('relation-countries');

  // Escaping: the test article's <script> and onerror= are shown, not run.
  await page.goto(base + '/document/test-xss-escaping');
  await ready();
  const text = await page.locator('.article-text').textContent();
  assert.ok(text.includes("<script>window.__xss = 'script'</script>"), 'the markup is shown as text');
  assert.ok(text.includes('onerror='), 'the attribute is shown as text');
  assert.ok((await page.locator('h1').textContent()).includes('<img src=x onerror='), 'the title too');
  assert.equal(await page.locator('main img, main script').count(), 0, 'no element came from the article');
  await page.waitForTimeout(300);
  assert.equal(await page.evaluate(() => window.__xss), undefined, 'no script of the article ran');
  await page.goto(base + '/search?q=xsstest');
  await ready();
  assert.equal(await page.evaluate(() => window.__xss), undefined);
  await shot('escaping');

  // A page that does not exist, an entity that does not exist.
  await page.goto(base + '/entity/99999999');
  await ready();
  assert.match(await page.locator('main').textContent(), /Not found/);

  assert.deepEqual(problems, [], 'no errors in the browser console');
  console.log(`browser: all pages checked, screenshots in ${shots}`);
} finally {
  await context.close();
}
