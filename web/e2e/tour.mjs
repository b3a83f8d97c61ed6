// A newcomer's first look at the demo practice (started by tests/demo/test_demo.py, or by hand after `make up`):
// each printed user signs in and opens every screen of their navigation. A screen passes when it settles with no
// failed read (any /api answer of 400 or more), no script error, no alert saying something could not be read, and
// no serious or critical axe-core violation. An account's `never` strings (another location's id and name) must
// appear neither on any of its screens nor in any answer its browser got. One screenshot per user and screen.
//
// TOUR='{"url": "http://127.0.0.1:8000", "accounts": [{"label", "email", "password", "totp_secret", "never"?}],
//        "artifacts"}'
import { mkdirSync } from 'node:fs';
import { accessible, browser, log, signIn } from './harness.mjs';

const config = JSON.parse(process.env.TOUR);
mkdirSync(config.artifacts, { recursive: true });
const problems = [];

/** Until no loader shows for 0.6 s (live updates keep a stream open, so the network never goes idle). */
async function settled(page) {
  const deadline = Date.now() + 30_000;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    const loading = await page.locator('main .mantine-Loader-root:visible, main [aria-busy=true]:visible').count();
    if (loading) quietSince = Date.now();
    else if (Date.now() - quietSince > 600) return;
    await page.waitForTimeout(200);
  }
  problems.push(`${page.url()}: still loading after 30 s`);
}

const slug = (text) => text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

async function tour(account) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
  const page = await context.newPage();
  page.setDefaultTimeout(45_000);
  const failed = [];
  const never = account.never ?? [];
  const leaked = (text) => never.filter((s) => text.includes(s));
  const reads = [];
  page.on('response', (r) => {
    if (!r.url().includes('/api/')) return;
    const what = `${r.request().method()} ${new URL(r.url()).pathname}`;
    if (r.status() >= 400) failed.push(`${what} → ${r.status()}`);
    // What the browser was sent, not only what it shows: a leak hidden by the screen is still a leak.
    if (never.length && !r.headers()['content-type']?.includes('event-stream'))
      reads.push(r.text().then((body) => leaked(r.url() + body).forEach((s) => failed.push(`${what} sent “${s}”`)), () => {}));
  });
  page.on('pageerror', (e) => failed.push(`script error: ${e.message}`));
  await signIn(page, config.url, '/', [account.email, account.password, account.totp_secret]);
  failed.splice(0); // an authenticator code already used is refused once (401) before the next one passes
  const links = page.getByRole('navigation', { name: 'Screens' }).getByRole('link');
  const names = (await links.allTextContents()).map((t) => t.trim());
  for (const name of names) {
    await links.filter({ hasText: name }).first().click();
    await page.locator('main').waitFor();
    await settled(page);
    const where = `${account.label} · ${name}`;
    const alerts = await page.locator('main [role=alert]').allTextContents();
    for (const text of alerts.filter((t) => /could not|not answering|went wrong|\(\d{3}\)/i.test(t))) problems.push(`${where}: alert “${text.slice(0, 200)}”`);
    for (const s of leaked(await page.locator('body').innerText())) problems.push(`${where}: shows “${s}”`);
    await Promise.all(reads.splice(0));
    for (const f of failed.splice(0)) problems.push(`${where}: ${f}`);
    await page.screenshot({ path: `${config.artifacts}/${slug(account.label)}-${slug(name)}.png` });
    try {
      await accessible(page, where);
    } catch (error) {
      problems.push(error.message.slice(0, 600));
    }
  }
  log(`${account.label}: ${names.length} screens (${names.join(', ')})`);
  await context.close();
}

try {
  for (const account of config.accounts) await tour(account);
  for (const p of problems) console.log('PROBLEM', p);
  console.log(`${config.accounts.length} users toured, ${problems.length} problems`);
  process.exitCode = problems.length ? 1 : 0;
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
