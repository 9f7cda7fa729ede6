// Real-browser checks of hlrc's HTML pages, run by tests/browser/run.sh.
//
//   node tests/browser/check.mjs --site DIR --page FILE --fixtures DIR --shots DIR
//
// DIR (--site) is `hlrc site examples/covid-weekly -o DIR`; FILE (--page,
// repeatable) is a page made by `hlrc build --to html`. Each page is opened
// from the file system in Debian's Chromium, driven by playwright-core, and
// checked:
//
//   static       no <script>, no event-handler attributes, nothing loaded
//                from elsewhere; every link is relative (or mailto:/https:
//                in a report's text) and a relative link's file and #id exist
//   console      no console errors and no uncaught exceptions while loading
//   network      no request but the file:// URL of the page itself (others
//                are recorded and aborted)
//   overflow-W   at W = 360 and 1280 px wide, nothing overflows sideways:
//                document.documentElement.scrollWidth <= clientWidth; a
//                full-page screenshot is saved as SHOTS/NAME-W.png
//   scroll-360   at 360 px wide the page does not scroll sideways:
//                document.documentElement.scrollWidth <= window.innerWidth
//   cards-360    at 360 px wide the status summary and the metrics (tables
//                with class "cards") are cards: each row a block no wider
//                than the viewport, each data cell showing its column's
//                label, and the table still a table with rows, row headers
//                and cells in the accessibility tree
//   print        print to PDF: every page A4, and the expected page count
//   axe          axe-core finds no violation tagged wcag2a, wcag2aa,
//                wcag21a, wcag21aa or wcag22aa
//   landmarks    every nav, aside, section, form and ARIA landmark role has
//                an accessible name, and axe's landmark rules pass (one
//                main, unique landmarks, all content in landmarks)
//
// Negative fixtures (--fixtures DIR/*.html) are small broken pages, each
// saying in a comment which check must fail on it:
//   <!-- expect-fail: CHECK [RULE] -->
// (one such comment per check, when a fault fails more than one). A
// fixture passes when each of those checks fails (with RULE among the
// reasons when given) and every other check passes, so each proves that
// the check can fail, and fails for the reason it was written for.
//
// Prints one line per check, "ok ..." or "FAIL ...", and exits 1 when any
// failed. run.sh adds up the lines.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath, pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');
const AXE_PATH = require.resolve('axe-core/axe.min.js');

const CHROMIUM = process.env.HLRC_CHROMIUM || '/usr/bin/chromium';
const ARGS = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run',
];
const WIDTHS = [360, 1280];
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];
const LANDMARK_RULES = [
  'landmark-one-main', 'landmark-no-duplicate-main', 'landmark-no-duplicate-banner',
  'landmark-no-duplicate-contentinfo', 'landmark-unique', 'landmark-banner-is-top-level',
  'landmark-main-is-top-level', 'landmark-contentinfo-is-top-level',
  'landmark-complementary-is-top-level', 'region',
];

// Printed A4 pages expected of each page, as observed with Debian's
// Chromium and its fonts (DejaVu Sans for system-ui) and justified in
// docs/site.md: the weekly reports are one or two sheets, the monthly one
// three or four (its table of shared arrangements), the index one; with the
// illustrative status summary and metrics (their charts and tables) one more
// each; the daily, four-weekly and board reports (short on purpose) and their
// indexes one each.
const EXPECTED_PAGES = {
  'covid-weekly/index': 1,
  'covid-weekly/2020-06-26': 2,
  'covid-weekly/2020-07-03': 3,
  'service-monthly/2020-11': 3,
  'daily-sitrep/index': 1,
  'daily-sitrep/2020-04-28': 1,
  'daily-sitrep/2020-04-29': 1,
  'daily-sitrep/2020-04-30': 1,
  'daily-sitrep/log-decisions': 1,
  'rail-periods/index': 1,
  'rail-periods/2019-P1': 1,
  'rail-periods/2019-P2': 1,
  'rail-periods/2019-P3': 1,
  'board-report/index': 1,
  'board-report/2012-03-16': 1,
  'board-workstreams/index': 1,
  'board-workstreams/2020-10': 1,
  'board-workstreams/2020-11': 1,
  'covid-weekly/metrics': 1,
  // the PRINCE2 example: status summary, statuses and four metric charts
  'prince2-project/index': 1,
  'prince2-project/metrics': 1,
  'prince2-project/log-changes': 1,
  'prince2-project/log-risks': 1,
  'prince2-project/2018-01-23': 2,
  'prince2-project/2018-02-06': 2,
  'prince2-project/2018-02-20': 2,
  // (two with three: their logs' entry lines and the closed request for change)
  'prince2-project/2018-03-06': 3,
  'prince2-project/2018-03-20': 3,
  'prince2-project/2018-04-03': 2,
  'board-monthly/index': 1,
  'board-monthly/2020-10': 1,
  'board-monthly/2020-11': 1,
  'pages/tables': 1,
  // a series with logs (tests/series/log-carry): its reports and log pages
  'log-carry/index': 1,
  'log-carry/2021-01-08': 1,
  'log-carry/2021-01-15': 1,
  'log-carry/2021-01-22': 1,
  'log-carry/2021-01-29': 1,
  'log-carry/log-risks': 1,
  'log-carry/log-actions': 1,
  // the example with logs of every kind (examples/programme-log)
  'programme-log/index': 1,
  'programme-log/2021-04': 1,
  'programme-log/2021-05': 2,
  'programme-log/2021-06': 2,
  'programme-log/2021-07': 2,
  'programme-log/2021-08': 2,
  'programme-log/2021-09': 2,
  'programme-log/2021-10': 1,
  'programme-log/2021-11': 1,
  'programme-log/2021-12': 1,
  'programme-log/log-risks': 1,
  'programme-log/log-issues': 1,
  'programme-log/log-actions': 1,
  'programme-log/log-decisions': 1,
  'programme-log/log-changes': 1,
};

function parseArgs(argv) {
  const o = { pages: [] };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i], v = argv[i + 1];
    if (a === '--site') { o.site = v; i++; }
    else if (a === '--page') { o.pages.push(v); i++; }
    else if (a === '--fixtures') { o.fixtures = v; i++; }
    else if (a === '--shots') { o.shots = v; i++; }
    else { console.error(`check.mjs: unknown argument ${a}`); process.exit(2); }
  }
  return o;
}

// "covid-weekly/2020-07-03" for SITE/2020-07-03.html of a site built from
// examples/covid-weekly (the folder name is passed by run.sh as the site's
// folder name).
function pageName(file) {
  return `${path.basename(path.dirname(file))}/${path.basename(file, '.html')}`;
}

// --- PDF: count the page objects and read their media boxes -------------
function pdfPages(buf) {
  const text = buf.toString('latin1');
  const pages = text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) || [];
  const boxes = [...text.matchAll(/\/MediaBox\s*\[\s*([\d.]+)\s+([\d.]+)\s+([\d.]+)\s+([\d.]+)\s*\]/g)]
    .map((m) => [Number(m[3]) - Number(m[1]), Number(m[4]) - Number(m[2])]);
  return { count: pages.length, boxes };
}
const A4 = [595.28, 841.89]; // points
const isA4 = ([w, h]) => Math.abs(w - A4[0]) < 1.5 && Math.abs(h - A4[1]) < 1.5;

// --- checks run inside the page ------------------------------------------
// What is in the page's source: scripts, handlers, outside resources, links.
function staticFacts() {
  const facts = { scripts: document.scripts.length, handlers: [], resources: [], links: [] };
  for (const el of document.querySelectorAll('*')) {
    for (const at of el.attributes) if (/^on/i.test(at.name)) facts.handlers.push(`${el.localName}[${at.name}]`);
  }
  const res = 'link[href], img[src], img[srcset], source[src], source[srcset], iframe[src], embed[src], object[data], video[src], video[poster], audio[src], track[src], input[src], image, use';
  for (const el of document.querySelectorAll(res)) {
    const v = el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('srcset') ||
      el.getAttribute('data') || el.getAttribute('poster') || el.getAttribute('xlink:href') || '';
    if (!/^data:/i.test(v)) facts.resources.push(`${el.localName} ${v}`);
  }
  // url(...) and @import in styles load things too
  for (const st of document.querySelectorAll('style')) {
    const m = st.textContent.match(/@import|url\(\s*['"]?(?!data:)[^)'"]+/gi);
    if (m) facts.resources.push(...m.map((s) => `style ${s}`));
  }
  for (const el of document.querySelectorAll('[style]')) {
    if (/url\(\s*['"]?(?!data:)/i.test(el.getAttribute('style'))) facts.resources.push(`${el.localName}[style]`);
  }
  for (const a of document.querySelectorAll('a[href], area[href]')) facts.links.push(a.getAttribute('href'));
  return facts;
}

// Landmarks and sections without an accessible name.
function unnamedLandmarks() {
  const sel = 'nav, aside, section, form, [role=navigation], [role=region], [role=complementary], [role=search], [role=form], [role=banner], [role=main], [role=contentinfo]';
  const bad = [];
  const name = (el) => {
    const ids = (el.getAttribute('aria-labelledby') || '').split(/\s+/).filter(Boolean);
    const byId = ids.map((id) => document.getElementById(id)).filter(Boolean)
      .map((n) => n.textContent.trim()).join(' ').trim();
    return byId || (el.getAttribute('aria-label') || '').trim() || (el.getAttribute('title') || '').trim();
  };
  for (const el of document.querySelectorAll(sel)) {
    const role = el.getAttribute('role') || el.localName;
    // banner, main and contentinfo are named by being unique; the others
    // need a name
    if (['banner', 'main', 'contentinfo'].includes(role)) continue;
    if (!name(el)) {
      const id = el.id ? `#${el.id}` : '';
      const cls = el.className && typeof el.className === 'string' ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
      bad.push(`${el.localName}${id}${cls}${el.getAttribute('role') ? `[role=${el.getAttribute('role')}]` : ''}`);
    }
  }
  return bad;
}

function overflowFacts() {
  const de = document.documentElement;
  const wide = [];
  if (de.scrollWidth > de.clientWidth) {
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > de.clientWidth + 0.5 && r.width > 0) wide.push(`${el.localName}${el.className ? '.' + String(el.className).split(' ')[0] : ''} right=${Math.round(r.right)}`);
      if (wide.length >= 3) break;
    }
  }
  return { scrollWidth: de.scrollWidth, clientWidth: de.clientWidth, wide };
}

// The status summary and metrics tables at a narrow width: whether each is
// laid out as cards (rows as blocks, labels shown, nothing past the
// viewport's right edge).
function cardFacts() {
  const bad = [];
  const tables = [...document.querySelectorAll('table.cards')];
  const vw = window.innerWidth;
  tables.forEach((t, i) => {
    const what = `table.cards #${i + 1}`;
    const rows = [...t.querySelectorAll(':scope > tbody > tr')];
    for (const tr of rows) {
      if (getComputedStyle(tr).display === 'table-row') { bad.push(`${what}: a row is a table row, not a card`); break; }
      const r = tr.getBoundingClientRect();
      if (r.right > vw + 0.5 || r.left < -0.5) { bad.push(`${what}: a row reaches ${Math.round(r.right)} px`); break; }
      const cells = [...tr.querySelectorAll(':scope > td')];
      const unlabelled = cells.filter((td) => {
        const l = td.querySelector(':scope > .cell-label');
        return !l || getComputedStyle(l).display === 'none' || !l.textContent.trim() ||
          l.getAttribute('aria-hidden') !== 'true';
      });
      if (unlabelled.length) { bad.push(`${what}: ${unlabelled.length} cell(s) without a visible label`); break; }
    }
  });
  return { n: tables.length, bad };
}

// --- one page --------------------------------------------------------------
async function checkPage(ctx, file, opts) {
  const results = []; // {check, ok, detail, reasons}
  const add = (check, ok, detail, reasons = []) => results.push({ check, ok, detail, reasons });
  const url = pathToFileURL(path.resolve(file)).href;
  const page = await ctx.newPage();
  const consoleErrors = [];
  const requests = [];
  page.on('console', (m) => { if (m.type() === 'error') consoleErrors.push(m.text()); });
  page.on('pageerror', (e) => consoleErrors.push(`uncaught: ${e.message}`));
  page.on('request', (r) => requests.push(r.url()));
  await page.route('**/*', (route) => (route.request().url() === url ? route.continue() : route.abort()));

  await page.setViewportSize({ width: WIDTHS[WIDTHS.length - 1], height: 900 });
  await page.goto(url, { waitUntil: 'load' });
  await page.waitForTimeout(100); // late errors and requests

  // static
  const facts = await page.evaluate(staticFacts);
  const staticBad = [];
  if (facts.scripts) staticBad.push(`${facts.scripts} <script>`);
  staticBad.push(...facts.handlers.map((h) => `handler ${h}`));
  staticBad.push(...facts.resources.map((r) => `resource ${r}`));
  const html = (f) => { try { return fs.readFileSync(f, 'utf8'); } catch { return null; } };
  for (const href of facts.links) {
    if (/^(mailto:|https?:)/i.test(href)) continue; // a link in a report's text
    if (/^[a-z][a-z0-9+.-]*:/i.test(href) || href.startsWith('//') || href.startsWith('/')) {
      staticBad.push(`not a relative link: ${href}`);
      continue;
    }
    const [p, frag] = href.split('#');
    const target = p ? path.resolve(path.dirname(file), decodeURIComponent(p)) : path.resolve(file);
    const text = html(target);
    if (text === null) staticBad.push(`link to a missing file: ${href}`);
    else if (frag && !new RegExp(`\\bid="${frag.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).test(text))
      staticBad.push(`link to a missing id: ${href}`);
  }
  add('static', staticBad.length === 0,
    staticBad.length ? staticBad.slice(0, 5).join('; ') : `no scripts or outside resources; ${facts.links.length} links resolve`);

  add('console', consoleErrors.length === 0,
    consoleErrors.length ? consoleErrors.slice(0, 3).join('; ') : 'no console errors');

  // overflow and screenshots
  for (const w of WIDTHS) {
    await page.setViewportSize({ width: w, height: 900 });
    await page.waitForTimeout(50);
    const o = await page.evaluate(overflowFacts);
    const ok = o.scrollWidth <= o.clientWidth;
    let shot = '';
    if (opts.shots) {
      const out = path.join(opts.shots, `${opts.name.replace('/', '-')}-${w}.png`);
      await page.screenshot({ path: out, fullPage: true });
      shot = `; ${path.relative(process.cwd(), out)}`;
    }
    add(`overflow-${w}`, ok,
      ok ? `scrollWidth ${o.scrollWidth} <= clientWidth ${o.clientWidth}${shot}`
        : `scrollWidth ${o.scrollWidth} > clientWidth ${o.clientWidth}: ${o.wide.join(', ')}`);
    if (w !== 360) continue;
    // a phone: the page does not scroll sideways, and the status and
    // metrics tables are cards that stay tables for assistive technology
    const sw = await page.evaluate(() => ({
      scrollWidth: document.documentElement.scrollWidth, innerWidth: window.innerWidth,
    }));
    const swOk = sw.scrollWidth <= sw.innerWidth;
    add('scroll-360', swOk,
      `scrollWidth ${sw.scrollWidth} ${swOk ? '<=' : '>'} innerWidth ${sw.innerWidth}${swOk ? '' : `: ${o.wide.join(', ')}`}`);
    const cf = await page.evaluate(cardFacts);
    const cardBad = [...cf.bad];
    const tables = page.locator('table.cards');
    for (let i = 0; i < cf.n; i++) {
      const snap = await tables.nth(i).ariaSnapshot();
      const missing = ['table', 'row', 'rowheader', 'cell'].filter((r) => !new RegExp(`^\\s*- ${r}\\b`, 'm').test(snap));
      if (missing.length) cardBad.push(`table.cards #${i + 1}: no ${missing.join(', ')} in the accessibility tree`);
    }
    add('cards-360', cardBad.length === 0,
      cardBad.length ? cardBad.slice(0, 3).join('; ')
        : cf.n ? `${cf.n} status or metrics table${cf.n === 1 ? '' : 's'} shown as labelled cards, still tables`
          : 'no status or metrics table');
  }

  // print
  const pdf = await page.pdf({ format: 'A4', preferCSSPageSize: true, printBackground: true });
  const pp = pdfPages(pdf);
  const notA4 = pp.boxes.filter((b) => !isA4(b));
  const pagesOk = pp.count === opts.pages && pp.boxes.length >= pp.count && notA4.length === 0;
  add('print', pagesOk,
    `${pp.count} A4 page${pp.count === 1 ? '' : 's'}${pagesOk ? '' : ` (expected ${opts.pages}${notA4.length ? `; not A4: ${JSON.stringify(notA4[0])}` : ''})`}`);

  // axe: WCAG A/AA, then the landmark rules
  await page.addScriptTag({ path: AXE_PATH });
  const axe = await page.evaluate(async (tags) => {
    const r = await window.axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return { version: window.axe.version, violations: r.violations.map((v) => ({ id: v.id, impact: v.impact, n: v.nodes.length, target: v.nodes[0] && v.nodes[0].target.join(' ') })) };
  }, WCAG_TAGS);
  add('axe', axe.violations.length === 0,
    axe.violations.length ? axe.violations.map((v) => `${v.id} (${v.impact}, ${v.n}x, e.g. ${v.target})`).join('; ')
      : `axe-core ${axe.version}: no ${WCAG_TAGS.join('/')} violations`,
    axe.violations.map((v) => v.id));

  const unnamed = await page.evaluate(unnamedLandmarks);
  const lm = await page.evaluate(async (rules) => {
    const r = await window.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({ id: v.id, target: v.nodes[0] && v.nodes[0].target.join(' ') }));
  }, LANDMARK_RULES);
  const lmBad = [...unnamed.map((u) => `unnamed ${u}`), ...lm.map((v) => `${v.id} (e.g. ${v.target})`)];
  add('landmarks', lmBad.length === 0,
    lmBad.length ? lmBad.slice(0, 4).join('; ') : 'every landmark and section named; axe landmark rules pass',
    [...(unnamed.length ? ['unnamed'] : []), ...lm.map((v) => v.id)]);

  // network: anything but the page itself
  const others = requests.filter((u) => u !== url);
  add('network', others.length === 0,
    others.length ? `requested ${others.slice(0, 3).join(', ')}` : 'no request but the page itself');

  await page.close();
  return results;
}

// --- main --------------------------------------------------------------------
const opts = parseArgs(process.argv.slice(2));
let passed = 0, failed = 0;
const say = (ok, msg) => { console.log(`${ok ? 'ok' : 'FAIL'} ${msg}`); if (ok) passed++; else failed++; };

const pages = [];
if (opts.site) {
  for (const f of fs.readdirSync(opts.site).filter((f) => f.endsWith('.html')).sort())
    pages.push(path.join(opts.site, f));
}
pages.push(...opts.pages);

if (!fs.existsSync(CHROMIUM)) {
  say(false, `chromium: ${CHROMIUM} is missing (apt-get install chromium)`);
  process.exit(1);
}
if (opts.shots) fs.mkdirSync(opts.shots, { recursive: true });
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hlrc-chromium-'));
let ctx;
try {
  ctx = await chromium.launchPersistentContext(userData, {
    executablePath: CHROMIUM, headless: true, args: ARGS, offline: true,
    viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1,
  });

  for (const file of pages) {
    const name = pageName(file);
    const expected = EXPECTED_PAGES[name];
    if (expected === undefined) {
      say(false, `${name}: no expected page count in check.mjs`);
      continue;
    }
    const t0 = Date.now();
    const res = await checkPage(ctx, file, { name, pages: expected, shots: opts.shots });
    for (const r of res) say(r.ok, `${name} ${r.check}: ${r.detail}`);
    if (process.env.HLRC_BROWSER_TIMES) console.log(`# ${name}: ${Date.now() - t0} ms`);
  }

  if (opts.fixtures) {
    for (const f of fs.readdirSync(opts.fixtures).filter((f) => f.endsWith('.html')).sort()) {
      const file = path.join(opts.fixtures, f);
      const ms = [...fs.readFileSync(file, 'utf8').matchAll(/<!--\s*expect-fail:\s*([\w-]+)(?:\s+([\w-]+))?\s*-->/g)];
      if (!ms.length) { say(false, `fixture ${f}: no "expect-fail: CHECK [RULE]" comment`); continue; }
      const res = await checkPage(ctx, file, { name: `fixture/${f}`, pages: 1, shots: null });
      const wanted = ms.map((m) => m[1]);
      const others = res.filter((r) => !wanted.includes(r.check) && !r.ok);
      for (const [, want, rule] of ms) {
        const target = res.find((r) => r.check === want);
        if (!target) say(false, `fixture ${f}: there is no check called ${want}`);
        else if (target.ok) say(false, `fixture ${f}: ${want} should fail but passed (${target.detail})`);
        else if (rule && !target.reasons.includes(rule)) say(false, `fixture ${f}: ${want} failed, but not with ${rule}: ${target.detail}`);
        else if (others.length) say(false, `fixture ${f}: ${want} failed as expected, but so did ${others.map((o) => `${o.check} (${o.detail})`).join('; ')}`);
        else say(true, `fixture ${f}: ${want} fails as expected: ${target.detail}`);
      }
    }
  }
} catch (e) {
  say(false, `browser: ${e && e.stack ? e.stack.split('\n').slice(0, 3).join(' | ') : e}`);
} finally {
  if (ctx) await ctx.close().catch(() => {});
  fs.rmSync(userData, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
