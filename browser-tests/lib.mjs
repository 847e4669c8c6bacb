// Shared pieces of Heard's browser suite: the server, the browser, and the checks every page
// gets (axe-core, page budget, reflow, focus visibility).
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
export const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
export const PAGE_BUDGET_BYTES = 60 * 1024;

/// Starts Heard on a random local port with a fresh data folder. Resolves to { base, stop }.
export async function startServer(bin, extraArgs = []) {
  const dir = mkdtempSync(join(tmpdir(), 'heard-browser-'));
  const child = spawn(bin, ['--addr', '127.0.0.1:0', '--data-dir', dir, '--log', 'warn,heard=info', ...extraArgs], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let log = '';
  const base = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`Heard did not start:\n${log}`)), 30000);
    child.stderr.on('data', (chunk) => {
      log += chunk.toString();
      const found = log.match(/running on (http:\/\/127\.0\.0\.1:\d+)/);
      if (found) {
        clearTimeout(timer);
        resolve(found[1]);
      }
    });
    child.on('exit', (code) => reject(new Error(`Heard exited (${code}):\n${log}`)));
  });
  return {
    base,
    dir,
    log: () => log,
    stop: () => {
      child.kill('SIGTERM');
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function launchBrowser() {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
      '--disable-sync', '--no-first-run', '--disable-quic'],
  });
}

export function chromiumAvailable() {
  return existsSync(CHROMIUM);
}

/// Collects failures without stopping at the first, so one run shows every problem.
export class Report {
  constructor() { this.failures = []; this.checks = 0; this.pages = new Set(); }
  ok() { this.checks += 1; }
  fail(where, message) { this.checks += 1; this.failures.push(`${where}: ${message}`); }
  expect(condition, where, message) { if (condition) { this.ok(); } else { this.fail(where, message); } }
}

/// Runs axe-core with the WCAG 2.2 A and AA rules on the page as it is now.
export async function axeCheck(page, report, label) {
  // Evaluated through DevTools: the page's Content-Security-Policy rightly refuses inline
  // scripts, so a script tag would not run.
  await page.evaluate(AXE_SOURCE).catch(() => {});
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, {
      runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'] },
      resultTypes: ['violations'],
    });
    return r.violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}`);
  }).catch((e) => [`axe could not run: ${e.message}`]);
  report.expect(result.length === 0, `axe ${label}`, result.join('\n    '));
  report.pages.add(label);
}

/// No sideways scrolling, and no text cut off by a box too small for it.
export async function reflowCheck(page, report, label) {
  const problems = await page.evaluate(() => {
    const out = [];
    const doc = document.documentElement;
    if (doc.scrollWidth > window.innerWidth + 1) {
      out.push(`page is ${doc.scrollWidth}px wide in a ${window.innerWidth}px window`);
      for (const el of document.querySelectorAll('body *')) {
        const r = el.getBoundingClientRect();
        if (r.right > window.innerWidth + 1 && r.width > 0) { out.push(`  sticks out: <${el.tagName.toLowerCase()} class="${el.className}">`); break; }
      }
    }
    for (const el of document.querySelectorAll('body *')) {
      const style = getComputedStyle(el);
      if (style.display === 'none' || style.visibility === 'hidden' || el.closest('[hidden]')) continue;
      if (el.classList.contains('visually-hidden') || el.closest('.visually-hidden')) continue;
      const clips = ['hidden', 'clip'].includes(style.overflowX) || ['hidden', 'clip'].includes(style.overflowY);
      if (!clips || !el.textContent.trim()) continue;
      if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
        out.push(`text cut off in <${el.tagName.toLowerCase()} class="${el.className}">`);
      }
    }
    return out;
  });
  report.expect(problems.length === 0, `reflow ${label}`, problems.join('\n    '));
}

/// Whether the focused element shows a visible focus indicator.
export async function focusIsVisible(page) {
  return page.evaluate(() => {
    const el = document.activeElement;
    if (!el || el === document.body) return { ok: false, what: 'nothing focused' };
    const s = getComputedStyle(el);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2 && !/rgba\(\d+, \d+, \d+, 0\)/.test(s.outlineColor) && s.outlineColor !== 'transparent';
    const shadow = s.boxShadow && s.boxShadow !== 'none';
    const what = `<${el.tagName.toLowerCase()}${el.id ? ' id=' + el.id : ''}${el.name ? ' name=' + el.name : ''}> ${(el.textContent || el.value || '').trim().slice(0, 40)}`;
    return { ok: outline || shadow, what };
  });
}

/// Tracks what a page load transfers, from DevTools' own accounting (bytes on the wire,
/// compressed, headers included): HTML, CSS and script; fonts; any request to another host.
export async function watchTransfers(page, cdp, base) {
  const state = { bytes: 0, fonts: [], foreign: [] };
  const types = new Map();
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  cdp.on('Network.responseReceived', (e) => types.set(e.requestId, { type: e.type, url: e.response.url }));
  cdp.on('Network.loadingFinished', (e) => {
    const seen = types.get(e.requestId);
    if (!seen) return;
    if (seen.type === 'Font') state.fonts.push(seen.url);
    if (['Document', 'Stylesheet', 'Script'].includes(seen.type)) state.bytes += e.encodedDataLength;
  });
  page.on('request', (req) => {
    const url = req.url();
    if (!url.startsWith(base) && !url.startsWith('data:') && !url.startsWith('about:')) state.foreign.push(url);
  });
  return {
    reset() { state.bytes = 0; state.fonts = []; state.foreign = []; types.clear(); },
    totals() { return { ...state }; },
  };
}

export const here = dirname(new URL(import.meta.url).pathname);

/// In the pseudo-locale (en-XA) every letter of every message is accented. Any visible text,
/// or label for assistive technology, with plain letters and no accents did not come from the
/// locale files. Text the person typed or content data is marked translate="no" and skipped.
export async function pseudoCheck(page, report, label) {
  const problems = await page.evaluate(() => {
    const out = [];
    if (document.documentElement.lang !== 'en-XA') out.push(`lang is ${document.documentElement.lang}`);
    const accented = /[áƀçðéƒĝĥíĵķļɱñóþǫŕšţúṽŵẋýžÁƁÇÐÉƑĜĤÍĴĶĻṀÑÓÞǪŔŠŢÚṼŴẊÝŽ]/;
    const skip = (el) => !el || el.closest('[translate="no"], script, style, noscript, [hidden]');
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent.trim();
      if (!/[A-Za-z]/.test(text) || skip(node.parentElement)) continue;
      if (!accented.test(text)) out.push(`text "${text.slice(0, 60)}"`);
    }
    document.querySelectorAll('[aria-label], [title], [placeholder], [alt]').forEach((el) => {
      if (skip(el)) return;
      for (const name of ['aria-label', 'title', 'placeholder', 'alt']) {
        const value = el.getAttribute(name);
        if (value && /[A-Za-z]/.test(value) && !accented.test(value)) out.push(`${name} "${value.slice(0, 60)}"`);
      }
    });
    return out;
  });
  report.expect(problems.length === 0, `pseudo-locale ${label}`, problems.join('\n    '));
}
