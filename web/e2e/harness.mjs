// What every console browser script shares: Debian's Chromium (never a downloaded browser), signing in through the
// form (with an authenticator code where the account has one, and a location picked in the switcher), a log line,
// the axe-core check that a screen has no serious or critical accessibility violation, and a script's run: a
// screenshot of every window when a step fails.
import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { chromium } from 'playwright-core';

const require = createRequire(import.meta.url);
const AXE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
});

export const log = (...a) => console.log('[e2e]', ...a);

export async function accessible(page, name) {
  await page.addScriptTag({ content: AXE });
  const result = await page.evaluate(async () => await window.axe.run(document, { resultTypes: ['violations'] }));
  const bad = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  if (bad.length) throw new Error(`${name}: ${bad.map((v) => `${v.id} (${v.nodes.length}): ${v.help} at ${v.nodes.slice(0, 3).map((n) => n.target.join(' ') + ' ' + (n.failureSummary ?? '').slice(0, 160)).join(' | ')}`).join('; ')}`);
  log(name, 'axe: no serious or critical violation');
}

/** The RFC 6238 code an authenticator shows now for a base32 secret (SHA-1, 6 digits, 30 s). */
export function totp(secret, now = Date.now()) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const c of secret.replace(/=+$/, '').toUpperCase()) bits += alphabet.indexOf(c).toString(2).padStart(5, '0');
  const key = Buffer.from(bits.match(/.{8}/g).map((b) => parseInt(b, 2)));
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(now / 30_000)));
  const mac = createHmac('sha1', key).update(counter).digest();
  const at = mac[mac.length - 1] & 0xf;
  return String((mac.readUInt32BE(at) & 0x7fffffff) % 1_000_000).padStart(6, '0');
}

/** Signed in through the form at `path`; `account` is [email, password, TOTP secret?]. An authenticator code is
 * accepted once (another script may have just used this one), so a refused code is tried again a step later. */
export async function signIn(page, url, path, [email, password, secret]) {
  for (let attempt = 0; attempt < 6; attempt++) {
    await page.goto(url + path);
    await page.getByLabel('Email').fill(email);
    await page.getByLabel(/^Password/).fill(password);
    if (secret) {
      await page.getByRole('button', { name: 'I have an authenticator code' }).click();
      await page.getByLabel('Authenticator code').fill(totp(secret, Date.now() + 30_000 * (attempt % 2)));
    }
    await page.getByRole('button', { name: 'Sign in' }).click();
    const landed = await page
      .getByRole('navigation', { name: 'Screens' })
      .waitFor({ timeout: secret ? 15_000 : 45_000 })
      .then(() => true, () => false);
    if (landed) return page;
    if (!secret) break;
    await page.waitForTimeout(10_000);
  }
  throw new Error(`${email}: could not sign in`);
}

/** A new window signed in at `path`. `location`: the name to pick in the header's switcher (a user of several
 * locations lands on the first); the other options are the browser context's. */
export async function signedIn(url, path, account, { location, ...options } = {}) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, ...options });
  const page = await context.newPage();
  page.setDefaultTimeout(45_000); // a loaded two-core CI machine: a wait that fails here is a real stall, not a slow one
  await signIn(page, url, path, account);
  if (location) {
    const switcher = page.getByRole('banner').getByLabel('Location', { exact: true });
    await switcher.click();
    await page.getByRole('option', { name: location, exact: true }).click();
    expect((await switcher.inputValue()) === location, `the switcher shows ${await switcher.inputValue()}, not ${location}`);
  }
  return page;
}

export function expect(condition, what) {
  if (!condition) throw new Error(what);
}

/** A script's steps: '1 passed, 0 failed' when they finish; else the error, and `<name>-failure-N.png` in `shots`
 * for every open window. The browser closes either way. */
export async function run(name, shots, steps) {
  try {
    await steps();
    console.log('1 passed, 0 failed');
  } catch (error) {
    for (const [i, page] of browser.contexts().flatMap((c) => c.pages()).entries())
      await page.screenshot({ path: `${shots}/${name}-failure-${i}.png`, fullPage: true }).catch(() => {});
    console.error(error);
    process.exitCode = 1;
  } finally {
    await browser.close();
  }
}
