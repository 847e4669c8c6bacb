// Makes a user with a realistic amount of data through Heard's own forms, and prints a JSON
// line: {"cookie": "...", "consultation": "<id>"}. Usage: node bench/seed.mjs http://127.0.0.1:PORT
const base = process.argv[2];
const consultations = Number(process.env.SEED_CONSULTATIONS || 20);
const notes = Number(process.env.SEED_NOTES || 10);
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
const session = [...jar].find(([k]) => k.endsWith('heard_session'));
console.log(JSON.stringify({ cookie: `${session[0]}=${session[1]}`, consultation: first }));
