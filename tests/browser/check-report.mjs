// Drives headless Chromium over pagerev's HTML diff report; run by tests/browser.rs, which writes the
// reports and the expectations (taken from `pagerev diff --format json`) and passes them as one JSON file:
//   node tests/browser/check-report.mjs CONFIG.json
// Prints one `ok - …` line per check; exits 1 at the first failed check, 2 when Chromium cannot start.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const config = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const say = (m) => console.log(`ok - ${m}`);

const userDataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pagerev-chromium-'));
let context;
try {
  context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: config.chromium,
    headless: true,
    // The machine's network is closed: without these Chromium keeps trying to reach Google's services.
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
      '--disable-background-networking', '--disable-component-update', '--disable-sync',
    ],
    viewport: { width: 1200, height: 900 },
    deviceScaleFactor: 1,
    colorScheme: 'light',
    timeout: 60000,
  });
} catch (e) {
  console.error(`Chromium did not start: ${e.message}`);
  fs.rmSync(userDataDir, { recursive: true, force: true });
  process.exit(2);
}
context.setDefaultTimeout(15000);

// Anything the report asks for besides its own file is an external fetch, which it must never make.
const requests = [];
context.on('request', (r) => requests.push(r.url()));
const dialogs = [];
const errors = [];

async function open(file, hash = '') {
  const page = await context.newPage();
  page.on('dialog', (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => { if (m.type() === 'error') { errors.push(m.text()); } });
  await page.goto(pathToFileURL(file).href + hash);
  return page;
}

const visibleCards = (page) => page.$$eval('article.card', (cards) =>
  cards.filter((c) => !c.hidden && c.getClientRects().length > 0).map((c) => c.id));
const inViewport = (page, id) => page.evaluate((id) => {
  const r = document.getElementById(id).getBoundingClientRect();
  return r.top >= -1 && r.top < window.innerHeight;
}, id);
const shownText = (page) => page.textContent('#shown');
const kindBoxes = (page) => page.$$eval('input[name=kind]', (bs) => bs.map((b) => b.value));
async function onlyKinds(page, keep) {
  for (const k of await kindBoxes(page)) {
    const box = page.locator(`input[name=kind][value="${k}"]`);
    if (keep.includes(k)) { await box.check(); } else { await box.uncheck(); }
  }
}
const sameSet = (a, b) => assert.deepEqual([...a].sort(), [...b].sort());

let page = await open(config.report);
const total = config.cards.length;

// 1. The summary shows the diff's counts.
for (const [kind, n] of Object.entries(config.summary)) {
  const shown = await page.textContent(`[data-summary-kind="${kind}"] .n`);
  assert.equal(Number(shown), n, `summary count of ${kind}`);
}
assert.equal(await shownText(page), `Showing ${total} of ${total} changed records`);
sameSet(await visibleCards(page), config.cards.map((c) => c.card));
say(`summary counts match the JSON summary; all ${total} cards visible`);

// 2. The page as a reviewer first sees it (the README's screenshot), light and dark.
fs.mkdirSync(path.dirname(config.screenshot), { recursive: true });
await page.screenshot({ path: config.screenshot });
await page.emulateMedia({ colorScheme: 'dark' });
await page.screenshot({ path: config.screenshot.replace(/\.png$/, '-dark.png') });
await page.screenshot({ path: config.screenshot.replace(/\.png$/, '-dark-full.png'), fullPage: true });

// 3. Text contrast, in both themes: every badge, highlight and muted text reaches WCAG AA (4.5:1).
for (const scheme of ['dark', 'light']) {
  await page.emulateMedia({ colorScheme: scheme });
  const worst = await page.evaluate(() => {
    const rgb = (s) => (s.match(/[\d.]+/g) || []).map(Number);
    const lum = ([r, g, b]) => {
      const f = (v) => { v /= 255; return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4; };
      return 0.2126 * f(r) + 0.7152 * f(g) + 0.0722 * f(b);
    };
    const background = (el) => {
      for (let e = el; e; e = e.parentElement) {
        const c = rgb(getComputedStyle(e).backgroundColor);
        if (c.length === 3 || c[3] > 0) { return c; }
      }
      return [255, 255, 255];
    };
    let worst = { ratio: 99, what: '' };
    const sel = '.badge, del, ins, .meta, .what, .moved, .field dt, .help, label, h1, h3, p, summary';
    for (const el of document.querySelectorAll(sel)) {
      if (el.getClientRects().length === 0) { continue; }
      const [l1, l2] = [lum(rgb(getComputedStyle(el).color)), lum(background(el))];
      const ratio = (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
      if (ratio < worst.ratio) { worst = { ratio, what: `${el.tagName.toLowerCase()}.${el.className} "${el.textContent.slice(0, 30)}"` }; }
    }
    return worst;
  });
  assert.ok(worst.ratio >= 4.5, `${scheme}: contrast ${worst.ratio.toFixed(2)} of ${worst.what}`);
  say(`${scheme} theme: least text contrast ${worst.ratio.toFixed(2)}:1 (${worst.what})`);
}

// 4. Filters: by kind, then by title search.
await onlyKinds(page, ['retitled']);
const retitled = config.cards.filter((c) => c.kind === 'retitled').map((c) => c.card);
sameSet(await visibleCards(page), retitled);
assert.equal(await shownText(page), `Showing ${retitled.length} of ${total} changed records`);
say(`kind filter "retitled" shows exactly ${JSON.stringify(retitled)}`);
await onlyKinds(page, await kindBoxes(page));
await page.fill('#search', config.search);
const matching = config.cards.filter((c) => c.search.toLowerCase().includes(config.search.toLowerCase())).map((c) => c.card);
sameSet(await visibleCards(page), matching);
say(`search "${config.search}" shows exactly the ${matching.length} matching cards`);
await page.fill('#search', 'no such title anywhere');
assert.deepEqual(await visibleCards(page), []);
assert.ok(await page.isVisible('#none-shown'), 'the empty-filter message shows');
await page.fill('#search', '');
assert.equal((await visibleCards(page)).length, total);
say('a search that matches nothing says so; clearing it shows every card');

// 5. j / k move focus between visible cards and scroll them into view.
const visible = await visibleCards(page);
await page.locator('h1').click();
const focused = () => page.evaluate(() => document.activeElement && document.activeElement.id);
await page.keyboard.press('j');
assert.equal(await focused(), visible[0]);
await page.keyboard.press('j');
assert.equal(await focused(), visible[1]);
await page.keyboard.press('j');
assert.equal(await focused(), visible[2]);
assert.ok(await inViewport(page, visible[2]), 'the focused card is in view');
await page.keyboard.press('k');
assert.equal(await focused(), visible[1]);
await onlyKinds(page, ['moved']);
await page.keyboard.press('j');
const moved = config.cards.filter((c) => c.kind === 'moved').map((c) => c.card);
assert.equal(await focused(), moved[0], 'j skips cards the filters hide');
await page.focus('#search');
await page.keyboard.press('j');
assert.equal(await page.inputValue('#search'), 'j', 'j types in the search box');
await page.fill('#search', '');
await onlyKinds(page, await kindBoxes(page));
say('j/k move focus to the next/previous visible card, skip hidden ones, and leave typing alone');

// 6. Deep links: the card is the :target, in view; an old id and a filtered-out card still land.
await page.close();
page = await open(config.report, `#${config.deepLink}`);
assert.equal(await page.evaluate(() => document.querySelector(':target')?.id), config.deepLink);
assert.ok(await inViewport(page, config.deepLink), 'the linked card is in view');
const outline = await page.$eval(':target', (e) => getComputedStyle(e).boxShadow);
assert.notEqual(outline, 'none', 'the linked card is highlighted');
say(`#${config.deepLink} scrolls to and highlights its card`);
if (config.alias) {
  await page.evaluate((h) => { location.hash = h; }, config.alias.from);
  await page.waitForFunction((id) => document.querySelector(':target')?.id === id, config.alias.to);
  say(`old id #${config.alias.from} lands on #${config.alias.to}`);
}
const linkedKind = config.cards.find((c) => c.card === config.deepLink).kind;
await onlyKinds(page, (await kindBoxes(page)).filter((k) => k !== linkedKind));
await page.evaluate(() => { location.hash = ''; });
await page.evaluate((h) => { location.hash = h; }, config.deepLink);
await page.waitForFunction((id) => !document.getElementById(id).hidden, config.deepLink);
assert.ok(await inViewport(page, config.deepLink));
say('a deep link to a card hidden by the filters clears them and shows it');

// 7. Print: controls hidden, collapsed cosmetic changes shown.
await page.emulateMedia({ media: 'print' });
assert.equal(await page.isVisible('form.controls'), false, 'controls hidden in print');
if (config.cards.some((c) => c.kind === 'cosmetic')) {
  assert.ok(await page.isVisible('details.cosmetic .fields'), 'cosmetic changes expanded in print');
}
await page.emulateMedia({ media: 'screen' });
assert.equal(await page.isVisible('details.cosmetic .fields'), false, 'collapsed again on screen');
say('print layout hides the controls and expands collapsed changes');
await page.close();

// 8. With findings: filter by rule.
page = await open(config.findings.report);
const rules = await page.$$eval('input[name=rule]', (bs) => bs.map((b) => b.value));
assert.ok(rules.includes(config.findings.rule) && rules.includes('none'), `rule boxes ${rules}`);
for (const r of rules) {
  const box = page.locator(`input[name=rule][value="${r}"]`);
  if (r === config.findings.rule) { await box.check(); } else { await box.uncheck(); }
}
sameSet(await visibleCards(page), config.findings.cards);
const findingRules = await page.$$eval('li.finding', (fs) =>
  fs.filter((f) => !f.hidden).map((f) => f.getAttribute('data-rule')));
assert.deepEqual([...new Set(findingRules)], [config.findings.rule], 'the findings list follows the rule filter');
await page.locator(`input[name=rule][value="${config.findings.rule}"]`).uncheck();
await page.locator('input[name=rule][value="none"]').check();
assert.equal((await visibleCards(page)).length, config.findings.withoutFindings);
await page.locator('input[name=rule][value="none"]').uncheck();
await page.locator(`input[name=rule][value="${config.findings.rule}"]`).check();
await page.screenshot({ path: config.screenshot.replace(/\.png$/, '-findings.png'), fullPage: true });
say(`rule filter ${config.findings.rule} shows exactly its cards and findings; "no finding" shows the other ${config.findings.withoutFindings}`);
await page.close();

// 9. Page text that looks like HTML stays text.
page = await open(config.injection.report);
await page.waitForTimeout(300);
assert.equal(await page.title(), config.injection.title, 'document.title unchanged');
assert.equal(await page.evaluate(() => document.querySelectorAll('img, svg, iframe, b, object, embed').length), 0);
assert.equal(await page.evaluate(() => document.scripts.length), 2, 'only the report\'s own scripts');
assert.equal(await page.evaluate(() => document.styleSheets.length), 1, 'only the report\'s own style');
const texts = await page.$$eval('h3', (hs) => hs.map((h) => h.textContent));
for (const t of config.injection.titles) {
  assert.ok(texts.some((x) => x.includes(t)), `title ${JSON.stringify(t)} rendered as text`);
}
assert.ok(await page.isVisible('body'), 'an injected <style> did not hide the page');
say('injected markup renders as text: no img/svg/iframe element, title unchanged');

// 10. Nothing fired, failed or fetched.
assert.deepEqual(dialogs, [], 'no alert fired');
assert.deepEqual(errors, [], 'no script error');
const external = requests.filter((u) => !u.startsWith('file://'));
assert.deepEqual(external, [], 'no request besides the report file itself');
say(`no dialog, no script error, ${requests.length} requests all file://`);

await context.close();
fs.rmSync(userDataDir, { recursive: true, force: true });
console.log('all browser checks ok');
