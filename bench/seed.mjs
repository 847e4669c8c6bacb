// Makes a user with a realistic amount of data through Heard's own forms, and prints a JSON
// line: {"cookie": "...", "consultation": "<id>"}. Usage: node bench/seed.mjs http://127.0.0.1:PORT
const base = process.argv[2];
const consultations = Number(process.env.SEED_CONSULTATIONS || 20);
const notes = Number(process.env.SEED_NOTES || 10);
const concerns = Number(process.env.SEED_CONCERNS || 5);
const letters = Number(process.env.SEED_LETTERS || 30);
const jar = new Map();

async function request(path, { method = 'GET', form } = {}) {
  const headers = { cookie: [...jar].map(([k, v]) => `${k}=${v}`).join('; ') };
  let body;
  if (form) {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    headers['sec-fetch-site'] = 'same-origin';
    body = new URLSearchParams(form).toString();
  }
  const res = await fetch(base + path, { method, headers, body, redirect: 'manual' });
  for (const c of res.headers.getSetCookie()) {
    const [pair] = c.split(';');
    const [k, v] = pair.split('=');
    if (c.includes('Max-Age=0')) jar.delete(k); else jar.set(k, v);
  }
  return { status: res.status, location: res.headers.get('location'), text: await res.text() };
}

const hidden = (html, name) => html.match(new RegExp(`name="${name}" value="([^"]*)"`))?.[1] ?? '';

async function post(pagePath, action, fields) {
  const page = await request(pagePath);
  return request(action, { method: 'POST', form: [['csrf', hidden(page.text, 'csrf')], ['version', hidden(page.text, 'version')], ['id', hidden(page.text, 'id')], ...fields] });
}

const name = `bench${Date.now()}`;
let r = await post('/register', '/register', [['username', name], ['password', 'kettle orbit lantern'], ['password_confirm', 'kettle orbit lantern']]);
if (r.status !== 303) throw new Error(`register failed: ${r.status}`);
let first;
for (let i = 0; i < consultations; i += 1) {
  const day = String((i % 27) + 1);
  const month = String((i % 12) + 1);
  r = await post('/consultations/new', '/consultations', [['day', day], ['month', month], ['year', i < 10 ? '2026' : '2027'], ['time', '10:30am'], ['place', 'hospital-or-clinic'], ['place_name', 'Outpatients, Level 2'], ['role', 'oncologist'], ['with_name', 'Dr Okafor'], ['kind', 'test-results']]);
  const id = r.location.split('/')[2];
  first ??= id;
  await post(`/consultations/${id}/goal`, `/consultations/${id}/goal`, [['goal', 'understand-results'], ['own_words', 'Know what happens next and when.']]);
  for (let q = 0; q < 6; q += 1) {
    await post(`/consultations/${id}/questions`, `/consultations/${id}/questions`, [['text', `Question ${q + 1}: what does this result mean for my treatment plan?`]]);
  }
}
for (let i = 0; i < notes; i += 1) {
  await post('/dashboard', '/notes', [['text', `Note ${i + 1}: ask about the side effects of the new tablets, and whether I can drive.`]]);
}
// Concerns with a few events each, and letters: a third about a concern, half marked as sent.
const concernIds = [];
for (let i = 0; i < concerns; i += 1) {
  r = await post('/concerns/new', '/concerns', [['title', `Concern ${i + 1}: results given in the corridor`], ['nation', ['england', 'scotland', 'wales', 'northern-ireland'][i % 4]], ['setting', 'hospital'], ['happened_on_day', String(i + 1)], ['happened_on_month', '10'], ['happened_on_year', '2026'], ['what_happened', 'The registrar gave me my scan results in the corridor, with other people listening.'], ['wishes', 'explanation'], ['wishes', 'change']]);
  if (r.status !== 303) throw new Error(`concern failed: ${r.status}`);
  const id = r.location.split('/')[2];
  concernIds.push(id);
  for (const [kind, day] of [['conversation-held', '10'], ['pals-contacted', '20'], ['complaint-made', '30']]) {
    await post(`/concerns/${id}/events/new`, `/concerns/${id}/events`, [['kind', kind], ['on_day', day], ['on_month', '10'], ['on_year', '2026'], ['notes', 'Spoke to the ward manager, who said they would look into it.']]);
  }
}
const kinds = ['follow-up-summary', 'remaining-questions', 'pals', 'formal-complaint', 'positive-feedback'];
for (let i = 0; i < letters; i += 1) {
  const fields = [['kind', kinds[i % kinds.length]], ['nation', 'england']];
  if (i % 3 === 0 && concernIds.length) fields.push(['concern', concernIds[i % concernIds.length]]);
  r = await post('/letters/new', '/letters', fields);
  if (r.status !== 303) throw new Error(`letter failed: ${r.status}`);
  if (i % 2 === 0) {
    const id = r.location.split('/')[2];
    await post(`/letters/${id}/preview`, `/letters/${id}/sent`, [['day', '1'], ['month', '11'], ['year', '2026'], ['by', 'email']]);
  }
}
const session = [...jar].find(([k]) => k.endsWith('heard_session'));
console.log(JSON.stringify({ cookie: `${session[0]}=${session[1]}`, consultation: first }));
