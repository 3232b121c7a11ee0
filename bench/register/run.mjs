// node bench/register/run.mjs: the device register at 50,000 devices in headless Chromium.
import { mkdirSync, writeFileSync } from 'node:fs';
import { runInChromium } from '../lib/browser.mjs';

const r = await runInChromium('bench/register/browser.ts');
console.log(JSON.stringify(r, null, 2));
mkdirSync('bench/results', { recursive: true });
writeFileSync('bench/results/register.json', JSON.stringify(r, null, 2));
