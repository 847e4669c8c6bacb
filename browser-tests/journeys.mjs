// The main journeys, written once and driven by mouse or by keyboard. Each calls `visit` on
// every page it reaches, so a mode can check that page (axe, reflow, focus...).

export const PASSWORD = 'kettle orbit lantern';

/// Drives a page with pointer clicks and direct typing.
export class MouseDriver {
  constructor(page, scripted = true) { this.page = page; this.scripted = scripted; }
  async fill(selector, text) { await this.page.fill(selector, text); }
  async check(selector) { await this.page.check(selector); }
  async press(selector) { await this.page.click(selector); }
  async follow(selector) { await Promise.all([this.page.waitForLoadState(), this.page.click(selector)]); }
  /// A room form's Save: in place with scripts (saved in the background), a page load without.
  async save(selector) {
    if (this.scripted) { await this.page.click(selector); await waitSaved(this.page); } else { await this.press(selector); }
  }
}

/// Drives a page with Tab, Shift+Tab, Enter and Space only, checking that every element that
/// takes focus shows it.
export class KeyboardDriver {
  constructor(page, report, focusIsVisible) {
    this.page = page;
    this.scripted = true;
    this.report = report;
    this.focusIsVisible = focusIsVisible;
  }

  async tabTo(selector) {
    const target = await this.page.$(selector);
    if (!target) throw new Error(`no ${selector} on ${this.page.url()}`);
    for (let i = 0; i < 200; i += 1) {
      await this.page.keyboard.press('Tab');
      const focus = await this.focusIsVisible(this.page);
      if (focus.what !== 'nothing focused') {
        this.report.expect(focus.ok, `focus ${new URL(this.page.url()).pathname}`, `no visible focus on ${focus.what}`);
      }
      if (await target.evaluate((el) => el === document.activeElement)) return;
    }
    throw new Error(`Tab never reached ${selector} on ${this.page.url()}`);
  }

  async fill(selector, text) { await this.tabTo(selector); await this.page.keyboard.type(text); }
  async check(selector) { await this.tabTo(selector); await this.page.keyboard.press('Space'); }
  /// Activates a button (Space) or link (Enter) and waits for the page it leads to.
  async press(selector) {
    await this.tabTo(selector);
    const tag = await this.page.$eval(selector, (el) => el.tagName);
    await Promise.all([
      this.page.waitForNavigation({ waitUntil: 'load' }),
      this.page.keyboard.press(tag === 'BUTTON' ? 'Space' : 'Enter'),
    ]);
  }
  async follow(selector) { await this.press(selector); }
  async save(selector) {
    await this.tabTo(selector);
    await this.page.keyboard.press('Space');
    await waitSaved(this.page);
  }
}

function expectPath(page, pattern, where) {
  const path = new URL(page.url()).pathname;
  if (!pattern.test(path)) throw new Error(`${where}: expected ${pattern} but got ${page.url()}`);
}

let textChecks = true;

/// Journeys check English wording as they go; in the pseudo-locale they check structure only.
export function setTextChecks(on) { textChecks = on; }

async function expectText(page, text, where) {
  if (!textChecks) return;
  const body = await page.textContent('main');
  if (!body.includes(text)) throw new Error(`${where}: "${text}" not on ${page.url()}`);
}

/// Create an account (trying a too-short password first) and land on the dashboard.
export async function createAccount(page, drive, visit, base, username) {
  await page.goto(`${base}/`);
  await visit('home');
  await drive.follow('main a[href="/register"]');
  expectPath(page, /^\/register$/, 'register link');
  await visit('register');
  await drive.fill('#username', username);
  await drive.fill('#password', 'short');
  await drive.fill('#password_confirm', 'short');
  await drive.press('form.form button[type=submit]');
  await expectText(page, 'The password must be at least 8 characters', 'register error');
  await visit('register-error');
  await drive.fill('#password', PASSWORD);
  await drive.fill('#password_confirm', PASSWORD);
  await drive.press('form.form button[type=submit]');
  expectPath(page, /^\/dashboard$/, 'after registering');
  await expectText(page, 'What would you like to do first?', 'dashboard');
  await visit('dashboard');
}

/// Prepare a consultation with five questions (three typed, two from the bank, one marked
/// most important), then look at the summary and the printable sheet.
export async function prepareConsultation(page, drive, visit) {
  await drive.follow('main a[href="/consultations/new"]');
  expectPath(page, /^\/consultations\/new$/, 'prepare link');
  await visit('consultation-new');
  await drive.fill('#day', '3');
  await drive.fill('#month', '12');
  await drive.fill('#year', '2026');
  await drive.press('form.form button[type=submit]');
  await expectText(page, 'Enter the time of the appointment', 'missing time');
  await visit('consultation-new-error');
  await drive.fill('#time', '2:30pm');
  await drive.check('#place');
  await drive.fill('#place_name', "St Mary's Hospital");
  await drive.check('#role');
  await drive.check('#kind');
  await drive.press('form.form button[type=submit]');
  expectPath(page, /^\/consultations\/[^/]+\/goal$/, 'after details');
  await visit('consultation-goal');
  await drive.check('#goal');
  await drive.fill('#own_words', 'Know if I can travel in May');
  await drive.press('form.form button[type=submit]');
  expectPath(page, /\/questions$/, 'after goal');
  await visit('consultation-questions');
  for (const text of ['Is the scan result good news?', 'Who do I call at night?', 'Can I keep working?']) {
    await drive.fill('#text', text);
    await drive.press('form.form button.secondary');
    await expectText(page, text, 'question added');
  }
  await drive.follow('main a[href$="/bank"]');
  await visit('consultation-bank');
  for (let i = 0; i < 2; i += 1) {
    await drive.press('.bank-item form button');
    await expectText(page, 'Question added.', 'bank add');
  }
  await drive.follow('main a.button[href$="/questions"]');
  const count = await page.$$eval('.question-list > li', (items) => items.length);
  if (count !== 5) throw new Error(`expected 5 questions, found ${count}`);
  await drive.press('.question-list button[value="important"]');
  await expectText(page, '1 of 3 marked as most important', 'marked important');
  await drive.press('.question-list button[value="down"]');
  await visit('consultation-questions-full');
  await drive.follow('main a.button[href$="/companion"]');
  await visit('consultation-companion');
  await drive.fill('#name', 'Kofi');
  await drive.check('#roles');
  await drive.press('form.form button[type=submit]');
  expectPath(page, /\/access$/, 'after companion');
  await visit('consultation-access');
  await drive.follow('main a[href$="/talk"]');
  await visit('consultation-talk');
  await drive.follow('main a[href$="/assumptions"]');
  await visit('consultation-assumptions');
  await drive.press('form.form button[type=submit]');
  expectPath(page, /^\/consultations\/[^/]+$/, 'after expectations');
  await expectText(page, 'Check your appointment', 'summary');
  await expectText(page, 'Thursday 3 December 2026, 2:30pm', 'summary date');
  await visit('consultation-summary');
  await drive.follow('main a[href$="/sheet"]');
  await expectText(page, 'Who do I call at night?', 'sheet');
  await visit('consultation-sheet');
  return new URL(page.url()).pathname.replace(/\/sheet$/, '');
}

/// In the room: a status, an answer, "I did not understand", what was asked for when time ran
/// out, a next step and notes; then the reflection, one question a page; then what to do next.
/// With scripts on, waits for everything to be saved before leaving the page.
export async function inTheRoom(page, drive, visit, consultationPath) {
  await page.goto(page.url().replace(/\/consultations\/.*$/, consultationPath));
  await drive.follow(`main a[href="${consultationPath}/room"]`);
  expectPath(page, /\/room$/, 'room link');
  await visit('room');
  await drive.check('.room-question input[value="asked"]');
  await drive.save('.room-question form:first-of-type button[type=submit]');
  await drive.fill('.room-question textarea[name="value"]', 'Results are clear');
  await drive.save('.room-question form:nth-of-type(2) button[type=submit]');
  await drive.save('.room-question:nth-of-type(2) form.not-understood button');
  await drive.fill('#new-step-what', 'Blood test');
  await drive.fill('#new-step-by-when', 'in about two weeks');
  // Adding a step always reloads the page, so the new step can be shown with its own forms.
  await drive.press('form[data-new-step] button');
  await drive.fill('#notes-text', 'Bring the tablets next time');
  await drive.save('#notes form button[type=submit]');
  await page.goto(page.url().replace(/[?#].*$/, ''));
  await expectText(page, 'Bring the tablets next time', 'notes kept');
  await expectText(page, 'Blood test', 'next step kept');
  await expectText(page, 'You did not understand this answer.', 'flag kept');
  await visit('room-filled');
  await drive.follow(`main a[href="${consultationPath}/reflect"]`);
  expectPath(page, /\/reflect\/understood$/, 'reflection start');
  await visit('reflect');
  for (let i = 0; i < 6; i += 1) {
    await drive.check('#answer');
    await drive.press('form.form button[type=submit]');
  }
  expectPath(page, /\/reflect\/unfair$/, 'unfair question');
  await visit('reflect-unfair');
  await drive.press('form.form button[type=submit]');
  await drive.press('form.form button[type=submit]');
  expectPath(page, /\/next$/, 'what next');
  await expectText(page, 'Ask for a follow-up appointment or call', 'suggestions');
  await visit('next');
}

/// With scripts on, the room saves in the background: wait until it says all is saved (or,
/// without scripts, for the page to have come back).
async function waitSaved(page) {
  const scripted = await page.evaluate(() => typeof window.fetch === 'function' && !!document.querySelector('[data-sync-status]')).catch(() => false);
  if (!scripted) return;
  await page.waitForFunction(() => {
    const s = document.querySelector('[data-sync-status]');
    return s && !s.hidden && s.getAttribute('data-state') === 'saved' && !localStorage.getItem('heard-pending');
  }, null, { timeout: 10000 }).catch(() => {});
}

/// From a suggestion to a letter: start it, add a name, see it, download its PDF, mark it sent.
export async function writeLetter(page, drive, visit) {
  await drive.follow('.suggestion a[href^="/letters/new"]');
  expectPath(page, /^\/letters\/new$/, 'letter chooser');
  await visit('letter-choose');
  await drive.press('.letter-kinds form button[type=submit]');
  expectPath(page, /^\/letters\/[^/]+$/, 'letter editor');
  await visit('letter-edit');
  await drive.fill('#sender_name', 'Sam Taylor');
  await drive.press('button[name="preview"]');
  expectPath(page, /\/preview$/, 'letter preview');
  await expectText(page, 'Sam Taylor', 'letter signed');
  await visit('letter-preview');
  const pdf = await page.request.get(new URL(await page.getAttribute('a[href$="/letter.pdf"]', 'href'), page.url()).href);
  const body = await pdf.body();
  if (pdf.headers()['content-type'] !== 'application/pdf' || body.subarray(0, 5).toString() !== '%PDF-') {
    throw new Error('the letter did not download as a PDF');
  }
  await drive.press('form[action$="/sent"] button[type=submit]');
  await expectText(page, 'Marked as sent', 'marked as sent');
  await visit('letter-sent');
  return new URL(page.url()).pathname.split('/')[2];
}

/// A note on the dashboard, then sign out.
export async function noteAndSignOut(page, drive, visit, base) {
  await page.goto(`${base}/dashboard`);
  await drive.fill('#text', 'Ask about the blood test');
  await drive.press('form.form button[type=submit]');
  await expectText(page, 'Note saved.', 'note');
  await visit('dashboard-with-note');
  await drive.press('form[data-sign-out] button');
  expectPath(page, /^\/$/, 'after sign out');
  await expectText(page, 'You have signed out.', 'signed out');
}

/// A concern: a form sent empty (errors shown), then filled; its case file with what to do
/// next and the time limits; the pathway; an event added to the timeline; the case file PDF;
/// the directory; the calendar feed made. Returns the concern's id.
export async function raiseConcern(page, drive, visit, base) {
  await page.goto(`${base}/concerns`);
  await expectText(page, 'You have not raised a concern', 'no concerns yet');
  await visit('concerns-empty');
  await drive.follow('main a[href="/concerns/new"]');
  expectPath(page, /^\/concerns\/new$/, 'new concern');
  await visit('concern-new');
  await drive.press('form.form button[type=submit]');
  await expectText(page, 'Enter a short title', 'title error');
  await visit('concern-new-error');
  await drive.fill('#title', 'Results given in the corridor');
  await drive.fill('#happened_on', '2');
  await drive.fill('#happened_on-month', '11');
  await drive.fill('#happened_on-year', '2026');
  await drive.fill('#what_happened', 'Told my results in the corridor.');
  await drive.check('#harmed');
  await drive.press('form.form button[type=submit]');
  expectPath(page, /^\/concerns\/[0-9a-f-]{36}$/, 'the case file');
  await expectText(page, 'What to do next', 'next steps');
  await expectText(page, 'Make your formal complaint', 'time limit');
  await expectText(page, 'How we worked this out', 'a date explained');
  await expectText(page, 'Usually by 2 November 2029', 'the claim clock');
  await visit('concern');
  const concernPath = new URL(page.url()).pathname;
  await drive.follow('main a[href$="/pathway"]');
  await expectText(page, 'Ask PALS for help', 'pathway');
  await visit('concern-pathway');
  await page.goto(`${base}${concernPath}`);
  await drive.follow('main a[href$="/events/new"]');
  expectPath(page, /\/events\/new$/, 'new event');
  await visit('concern-event');
  await drive.check('#kind');
  await drive.fill('#notes', 'Spoke to the ward sister.');
  await drive.press('form.form button[type=submit]');
  await expectText(page, 'Spoke to the ward sister.', 'event on the timeline');
  await visit('concern-with-event');
  const pdf = await page.request.get(`${base}${concernPath}/case-file.pdf`);
  const body = await pdf.body();
  if (pdf.headers()['content-type'] !== 'application/pdf' || body.subarray(0, 5).toString() !== '%PDF-') {
    throw new Error('the case file did not download as a PDF');
  }
  await page.goto(`${base}/directory?q=ombudsman`);
  await expectText(page, 'Scottish Public Services Ombudsman', 'directory');
  await visit('directory');
  await page.goto(`${base}/account/calendar`);
  await visit('calendar-none');
  await drive.press('form.form button[type=submit]');
  await expectText(page, 'Your calendar feed is ready.', 'feed made');
  await visit('calendar-feed');
  return concernPath.split('/').pop();
}

/// Learn and share: the guidance index, a guide, the glossary; an experience written with a
/// name in it (the check points it out), shared as it is, then published by the same person
/// made an operator on the command line.
export async function learnAndShare(page, drive, visit, base, promote) {
  await page.goto(`${base}/guidance`);
  await expectText(page, 'Making the most of a consultation', 'guidance index');
  await visit('guidance');
  await drive.follow('main .item-title');
  await expectText(page, 'About this page', 'a guide');
  await visit('guidance-page');
  await page.goto(`${base}/glossary`);
  await expectText(page, 'Ombudsman', 'glossary');
  await visit('glossary');
  // Every time limit, from the guidance index; the urgent route, one tap from the dashboard.
  await page.goto(`${base}/guidance`);
  await drive.follow('main a[href="/rules"]');
  await expectText(page, 'Time limits Heard knows', 'rules');
  await visit('rules');
  await page.goto(`${base}/dashboard`);
  await drive.follow('main a[href="/guidance/worried-in-hospital"]');
  await expectText(page, "Martha", 'urgent route');
  await visit('worried-in-hospital');
  await page.goto(`${base}/experiences`);
  await visit('experiences');
  await drive.follow('main a[href="/experiences/new"]');
  await visit('experience-new');
  await drive.fill('#title', 'Heard at last');
  await drive.fill('#body', 'Dr Okafor sat down with me and explained the plan again.');
  await drive.press('form.form button[type=submit]');
  await expectText(page, 'Check before you share', 'identifying details');
  await visit('experience-check-error');
  await drive.press('button[name="share_anyway"]');
  await expectText(page, 'Waiting to be read', 'shared');
  await visit('experiences-mine');
  promote();
  await page.goto(`${base}/moderation`);
  await expectText(page, 'Dr Okafor sat down with me', 'moderation queue');
  await visit('moderation');
  await drive.press('form[action^="/moderation/"] button[type=submit]');
  await expectText(page, 'Published.', 'published');
}
