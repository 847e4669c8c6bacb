// Heard's browser suite. Starts a real Heard server on a random local port and drives it in
// Debian's Chromium: the main journeys by mouse, by keyboard alone and without JavaScript;
// axe-core (WCAG 2.2 A and AA) on every page the journeys visit; no sideways scrolling at
// 320px or at 200% zoom; a 60 KB budget per page; screenshots at phone and desktop sizes.
//
//   HEARD_BIN=target/debug/heard node browser-tests/run.mjs [--require-browser] [--update-screenshots]
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import {
  Report, axeCheck, chromiumAvailable, focusIsVisible, here, launchBrowser, PAGE_BUDGET_BYTES,
  pseudoCheck, reflowCheck, startServer, watchTransfers, CHROMIUM,
} from './lib.mjs';
import {
  KeyboardDriver, MouseDriver, PASSWORD, createAccount, inTheRoom, noteAndSignOut, prepareConsultation, learnAndShare, raiseConcern, setTextChecks, writeLetter,
} from './journeys.mjs';

const args = new Set(process.argv.slice(2));
const bin = process.env.HEARD_BIN || join(here, '..', 'target', 'debug', 'heard');

if (!chromiumAvailable()) {
  const message = `SKIPPED: the browser suite needs Chromium at ${CHROMIUM} (apt-get install chromium). .ci/run installs it.`;
  console.log(message);
  process.exit(args.has('--require-browser') ? 1 : 0);
}

const report = new Report();
const server = await startServer(bin);
const browser = await launchBrowser();
const shotsDir = args.has('--update-screenshots') ? join(here, '..', 'screenshots') : join(here, 'out', 'screenshots');
mkdirSync(shotsDir, { recursive: true });
let users = 0;
const nextUser = (mode) => `${mode}${(users += 1)}`;
// Operators are made on the command line, as in production.
const promote = (username) => execFileSync(bin, ['--data-dir', server.dir, '--log', 'warn', 'user', 'promote', username], { stdio: 'ignore' });
const visitedUrls = new Map();

async function runJourneys(mode, contextOptions, makeDriver, onVisit, setup = async () => {}) {
  const context = await browser.newContext(contextOptions);
  await setup(context);
  context.setDefaultTimeout(10000);
  const page = await context.newPage();
  const drive = makeDriver(page);
  const visit = async (label) => {
    if (page.url().startsWith(server.base) && !label.endsWith('-error')) visitedUrls.set(label, page.url());
    await onVisit(page, label);
  };
  const started = Date.now();
  try {
    const username = nextUser(mode);
    await createAccount(page, drive, visit, server.base, username);
    const consultation = await prepareConsultation(page, drive, visit);
    await inTheRoom(page, drive, visit, consultation);
    await writeLetter(page, drive, visit);
    await raiseConcern(page, drive, visit, server.base);
    await learnAndShare(page, drive, visit, server.base, () => promote(username));
    await noteAndSignOut(page, drive, visit, server.base);
    report.ok();
  } catch (e) {
    report.fail(`journey (${mode})`, e.message.split('\n')[0]);
    console.log(`  ${mode}: FAILED at ${page.url()}: ${e.message.split('\n')[0]}`);
  }
  console.log(`  ${mode}: journeys done in ${((Date.now() - started) / 1000).toFixed(1)}s`);
  await context.close();
}

console.log(`Heard at ${server.base}; Chromium ${browser.version()}`);

// 0. The checkers themselves must be able to fail: each gets a page with a known fault.
{
  const ctx = await browser.newContext({ viewport: { width: 320, height: 640 } });
  const page = await ctx.newPage();
  const probe = new Report();
  await page.setContent('<html><body><img src="x.png"><input type="text"><div style="width:2000px">wide</div><a href="#" style="outline:none;box-shadow:none">link</a></body></html>');
  await axeCheck(page, probe, 'probe');
  await reflowCheck(page, probe, 'probe');
  await page.keyboard.press('Tab');
  await page.keyboard.press('Tab');
  const focus = await focusIsVisible(page);
  report.expect(probe.failures.some((f) => f.startsWith('axe probe') && f.includes('image-alt')), 'self-test', 'axe did not flag an image without alt text');
  report.expect(probe.failures.some((f) => f.startsWith('reflow probe')), 'self-test', 'the reflow check did not flag a 2000px-wide page');
  report.expect(!focus.ok, 'self-test', 'the focus check accepted a link with no focus style');
  const pseudoProbe = new Report();
  await page.setContent('<html lang="en-XA"><body><p>Ĥééļļóó</p><p>Plain English</p><p translate="no">typed by someone</p></body></html>');
  await pseudoCheck(page, pseudoProbe, 'probe');
  report.expect(pseudoProbe.failures.length === 1 && pseudoProbe.failures[0].includes('Plain English'), 'self-test',
    `the pseudo-locale check should flag exactly "Plain English": ${pseudoProbe.failures.join('; ')}`);
  await ctx.close();
}

// 1. Desktop, mouse, JavaScript on: axe on every page.
await runJourneys('desktop', { viewport: { width: 1280, height: 800 } }, (p) => new MouseDriver(p),
  (page, label) => axeCheck(page, report, label));

// 2. A 320px phone: the same journeys, checking reflow at every step (errors included).
await runJourneys('phone', { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true },
  (p) => new MouseDriver(p), (page, label) => reflowCheck(page, report, `320px ${label}`));

// 3. Keyboard only: Tab, Shift+Tab, Enter and Space, with a visible focus on everything.
await runJourneys('keyboard', { viewport: { width: 1280, height: 800 } },
  (p) => new KeyboardDriver(p, report, focusIsVisible), async () => {});

// 4. No JavaScript: every journey still completes.
await runJourneys('nojs', { viewport: { width: 1280, height: 800 }, javaScriptEnabled: false },
  (p) => new MouseDriver(p, false), async () => {});

// 5. The pseudo-locale on a 320px phone: every visible string must come from the locale files,
// and the longer words must still fit.
setTextChecks(false);
await runJourneys('pseudo', { viewport: { width: 320, height: 640 }, isMobile: true, hasTouch: true },
  (p) => new MouseDriver(p),
  async (page, label) => { await pseudoCheck(page, report, label); await reflowCheck(page, report, `en-XA 320px ${label}`); },
  (context) => context.addCookies([{ name: 'heard_locale', value: 'en-XA', url: server.base }]));
setTextChecks(true);

// 6. No signal in the room: a note typed offline waits on the device, visibly, and is saved
// exactly once when the connection comes back. Signing out forgets anything still waiting.
{
  const noop = async () => {};
  const ctx = await browser.newContext({ viewport: { width: 360, height: 740 } });
  ctx.setDefaultTimeout(10000);
  const page = await ctx.newPage();
  const where = 'offline';
  try {
    const firstUser = nextUser('offline');
    await createAccount(page, new MouseDriver(page), noop, server.base, firstUser);
    const consultation = await prepareConsultation(page, new MouseDriver(page), noop);
    await page.goto(`${server.base}${consultation}/room`);
    let saves = 0;
    page.on('response', (r) => {
      if (r.request().method() === 'POST' && r.url().endsWith('/room') && r.status() === 200) saves += 1;
    });
    const state = () => page.getAttribute('[data-sync-status]', 'data-state');
    await ctx.setOffline(true);
    await page.fill('#notes-text', 'Typed in the basement clinic');
    await page.waitForFunction(() => document.querySelector('[data-sync-status]').getAttribute('data-state') === 'waiting');
    const waiting = await page.evaluate(() => JSON.parse(localStorage.getItem('heard-pending') || '{"items":[]}').items);
    report.expect(waiting.length === 1, where, `one change should wait on the device, found ${waiting.length}`);
    report.expect((await page.textContent('[data-sync-status]')).includes('kept on this phone'), where, 'the page does not say the note is waiting');
    report.expect((await page.textContent('main')).includes('it waits on this phone until it can be sent'), where, 'the room does not say notes wait on this device');
    await ctx.setOffline(false);
    await page.waitForFunction(
      () => document.querySelector('[data-sync-status]').getAttribute('data-state') === 'saved' && !localStorage.getItem('heard-pending'),
      null, { timeout: 20000 },
    );
    report.expect(saves === 1, where, `the note should reach the server once, it was saved ${saves} times`);
    report.expect((await state()) === 'saved', where, 'not shown as saved');
    await page.reload();
    report.expect((await page.inputValue('#notes-text')) === 'Typed in the basement clinic', where, 'the note is not on the server');
    report.expect(!(await page.textContent('main')).includes('saved differently'), where, 'a retry made a second version');

    // The session ends while a note waits (the cookie gone, as after the idle time): the
    // server answers "signed out", and the note leaves the device and is shown to copy.
    const room = page.url();
    await ctx.setOffline(true);
    await page.fill('#companion-text', 'Typed as the session ended');
    await page.waitForFunction(() => !!localStorage.getItem('heard-pending'));
    const session = await ctx.cookies();
    await ctx.clearCookies();
    await ctx.setOffline(false);
    await page.waitForFunction(
      () => !localStorage.getItem('heard-pending') && !document.querySelector('[data-unsent]').hidden,
      null, { timeout: 20000 },
    );
    report.expect((await page.textContent('[data-unsent-list]')).includes('Typed as the session ended'), where, 'the note that could not be sent is not shown to copy');
    await ctx.addCookies(session);

    // Someone else signs in on this phone: what the last person left waiting is dropped.
    await page.goto(room);
    await ctx.setOffline(true);
    await page.fill('#companion-text', 'Left by the first person');
    await page.waitForFunction(() => !!localStorage.getItem('heard-pending'));
    await ctx.clearCookies();
    await ctx.setOffline(false);
    await createAccount(page, new MouseDriver(page), noop, server.base, nextUser('second'));
    report.expect(await page.evaluate(() => localStorage.getItem('heard-pending')) === null, where, 'another person\'s waiting note was kept after someone else signed in');
    await ctx.clearCookies();
    await page.goto(`${server.base}/sign-in`);
    await page.fill('#username', firstUser);
    await page.fill('#password', PASSWORD);
    await Promise.all([page.waitForLoadState(), page.click('form.form button[type=submit]')]);
    await page.goto(room);

    // Offline again, something waits; signing out clears it from the device.
    await ctx.setOffline(true);
    await page.fill('#companion-text', 'Waiting when signing out');
    await page.waitForFunction(() => !!localStorage.getItem('heard-pending'));
    await page.click('form[data-sign-out] button').catch(() => {});
    await ctx.setOffline(false);
    await page.goto(`${server.base}/`);
    const left = await page.evaluate(() => localStorage.getItem('heard-pending'));
    report.expect(left === null, where, 'a change was left on the device after signing out');
    console.log(`  offline: note kept on the device, then saved ${saves} time(s)`);
  } catch (e) {
    report.fail(where, e.message.split('\n')[0]);
  }
  await ctx.close();
}

// 7. Replays of every page visited (as GETs, signed in as one more user): 200% zoom at 1280px
// (a 640px CSS viewport at twice the density), the page budget with a cold cache, and
// screenshots at desktop and phone sizes. One context at a time.
{
  const signIn = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  signIn.setDefaultTimeout(10000);
  const first = await signIn.newPage();
  const replayUser = nextUser('replay');
  await createAccount(first, new MouseDriver(first), async () => {}, server.base, replayUser);
  const prepared = await prepareConsultation(first, new MouseDriver(first), async () => {});
  await inTheRoom(first, new MouseDriver(first), async () => {}, prepared);
  const letterId = await writeLetter(first, new MouseDriver(first), async () => {});
  const concernId = await raiseConcern(first, new MouseDriver(first), async () => {}, server.base);
  await learnAndShare(first, new MouseDriver(first), async () => {}, server.base, () => promote(replayUser));
  const signedIn = await signIn.storageState();
  await signIn.close();

  // The desktop journey's pages, with its consultation id swapped for the replay user's.
  const ownId = prepared.split('/').pop();
  const urls = [...visitedUrls.entries()]
    .map(([label, url]) => [label, url
      .replace(/\/consultations\/[0-9a-f-]{36}/, `/consultations/${ownId}`)
      .replace(/\/letters\/[0-9a-f-]{36}/, `/letters/${letterId}`)
      .replace(/\/concerns\/[0-9a-f-]{36}/, `/concerns/${concernId}`)]);
  const unique = [...new Map(urls.map(([l, u]) => [u, l])).entries()].map(([u, l]) => [l, u]);
  console.log(`  replaying ${unique.length} pages`);
  const withContext = async (options, work) => {
    const ctx = await browser.newContext({ storageState: signedIn, ...options });
    ctx.setDefaultTimeout(10000);
    const page = await ctx.newPage();
    try { await work(page, ctx); } finally { await ctx.close(); }
  };

  // Pages for signed-out visitors are replayed signed out, the rest signed in.
  const PUBLIC = new Set(['home', 'register']);
  const publicPages = unique.filter(([label]) => PUBLIC.has(label));
  const privatePages = unique.filter(([label]) => !PUBLIC.has(label));
  const signedOut = { cookies: [], origins: [] };
  const withPages = async (options, work) => {
    await withContext({ ...options, storageState: signedOut }, (page, ctx) => work(page, ctx, publicPages));
    await withContext(options, (page, ctx) => work(page, ctx, privatePages));
  };

  await withPages({ viewport: { width: 640, height: 400 }, deviceScaleFactor: 2 }, async (page, _ctx, pages) => {
    for (const [label, url] of pages) {
      await page.goto(url);
      await reflowCheck(page, report, `200% ${label}`);
    }
  });

  const sizes = [];
  await withPages({ viewport: { width: 1280, height: 800 } }, async (page, ctx, pages) => {
    const cdp = await ctx.newCDPSession(page);
    const transfers = await watchTransfers(page, cdp, server.base);
    for (const [label, url] of pages) {
      transfers.reset();
      await page.goto(url, { waitUntil: 'networkidle' });
      const t = transfers.totals();
      sizes.push(`${label} ${(t.bytes / 1024).toFixed(1)}`);
      report.expect(t.bytes > 0 && t.bytes < PAGE_BUDGET_BYTES, `budget ${label}`, `${t.bytes} bytes of HTML, CSS and script`);
      report.expect(t.fonts.length === 0, `fonts ${label}`, `web fonts loaded: ${t.fonts.join(', ')}`);
      report.expect(t.foreign.length === 0, `hosts ${label}`, `requests to other hosts: ${t.foreign.join(', ')}`);
    }
  });
  console.log(`  page weights in KB (compressed HTML+CSS+JS with headers, cold cache): ${sizes.join('; ')}`);

  const shots = ['home', 'dashboard-with-note', 'consultation-new', 'consultation-questions-full', 'consultation-bank', 'consultation-summary', 'concern'];
  for (const [size, options] of [
    ['desktop', { viewport: { width: 1280, height: 800 } }],
    ['phone', { viewport: { width: 360, height: 740 }, deviceScaleFactor: 2, isMobile: true }],
  ]) {
    await withPages(options, async (page, _ctx, pages) => {
      for (const [label, url] of pages) {
        if (!shots.includes(label)) continue;
        await page.goto(url);
        await page.screenshot({ path: join(shotsDir, `${label}-${size}.png`) });
      }
    });
  }
  console.log(`  screenshots in ${shotsDir}`);
}

await browser.close();
server.stop();

console.log(`\n${report.checks} checks on ${report.pages.size} distinct pages`);
if (report.failures.length) {
  console.log(`${report.failures.length} FAILED:\n  ${report.failures.join('\n  ')}`);
  process.exit(1);
}
console.log('browser suite: all passed');
