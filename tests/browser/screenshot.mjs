// The top of a page as the README shows it, in the same browser as the
// browser tests:
//
//   node tests/browser/screenshot.mjs PAGE.html OUT.png [WIDTH [HEIGHT]]
//
// docs/img/july-2020.png is made with
//   build/hlrc build --to html -o build/july.html examples/covid-weekly/2020-07-03.hlr
//   node tests/browser/screenshot.mjs build/july.html docs/img/july-2020.png 1280 800
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const require = createRequire(import.meta.url);
const { chromium } = require('playwright-core');

const [page, out, width = '1280', height = '800'] = process.argv.slice(2);
if (!page || !out) {
  console.error('usage: node tests/browser/screenshot.mjs PAGE.html OUT.png [WIDTH [HEIGHT]]');
  process.exit(2);
}
const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'hlrc-chromium-'));
const ctx = await chromium.launchPersistentContext(userData, {
  executablePath: process.env.HLRC_CHROMIUM || '/usr/bin/chromium',
  headless: true,
  offline: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run'],
  viewport: { width: Number(width), height: Number(height) },
  deviceScaleFactor: 1,
});
try {
  const p = await ctx.newPage();
  await p.goto(pathToFileURL(path.resolve(page)).href, { waitUntil: 'load' });
  await p.screenshot({ path: out });
} finally {
  await ctx.close();
  fs.rmSync(userData, { recursive: true, force: true });
}
