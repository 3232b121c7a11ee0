// node bench/import/run.mjs: CSV and GLPI imports into real IndexedDB in headless Chromium.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { runInChromium } from '../lib/browser.mjs';

const files = { '/computer_1.json': { type: 'application/json', body: readFileSync('tests/fixtures/glpi/computer_1.json') } };
const r = await runInChromium('bench/import/browser.ts', { files, args: ['--enable-precise-memory-info', '--js-flags=--expose-gc'] });
console.log(JSON.stringify(r, null, 2));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/import.json', JSON.stringify(r, null, 2));
