// The billing and patients screens in Debian's Chromium against a running stack (started by
// tests/gateway/console/test_browser_billing.py): a biller sees the claim in the worklist, downloads the 837P batch,
// posts the payer's 835 and sees the payment posted; a front desk finds the patient and opens her page.
// axe-core finds no serious or critical violation on either screen.
import { readFileSync } from 'node:fs';
import { accessible, browser, log } from './harness.mjs';

const config = JSON.parse(process.env.CONSOLE_E2E);
const shots = config.artifacts;

async function signedIn(path, [email, password]) {
  const context = await browser.newContext({ viewport: { width: 1400, height: 1000 }, acceptDownloads: true });
  const page = await context.newPage();
  page.setDefaultTimeout(45_000); // a loaded two-core CI machine: a wait that fails here is a real stall, not a slow one
  await page.goto(config.url + path);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel(/^Password/).fill(password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Screens' }).waitFor();
  return page;
}

try {
  // The biller: the visit's claim is ready in the worklist.
  const biller = await signedIn('/billing', config.biller);
  const row = biller.locator(`[data-status-group=ready] [data-claim="${config.claim_id}"]`);
  await row.waitFor();
  await biller.locator('[data-aging]').waitFor();
  await biller.locator('[data-budget]').waitFor();
  log('the claim is in the worklist, ready');
  await biller.screenshot({ path: `${shots}/billing.png`, fullPage: true });
  await accessible(biller, 'billing');

  // The 837P batch downloads, and the claim moves to submitted.
  const [download] = await Promise.all([
    biller.waitForEvent('download'),
    biller.getByRole('button', { name: 'Download the 837P batch' }).click(),
  ]);
  const x12 = readFileSync(await download.path(), 'utf8');
  if (!x12.startsWith('ISA') || !x12.includes(`CLM*${config.control_number}*`))
    throw new Error(`the 837P does not carry the claim: ${x12.slice(0, 200)}`);
  log('837P downloaded:', download.suggestedFilename());
  await biller.locator(`[data-status-group=submitted] [data-claim="${config.claim_id}"]`).waitFor();

  // The payer's 835: posted, the claim paid.
  await biller.locator('input[type=file]').setInputFiles(config.remittance);
  await biller.getByRole('button', { name: 'Post it' }).click();
  const posted = biller.locator('[data-outcome=posted]').getByRole('row', { name: new RegExp(config.control_number) });
  await posted.waitFor();
  const postedText = await posted.textContent();
  if (!/paid/.test(postedText)) throw new Error(`not paid: ${postedText}`);
  await biller.locator(`[data-status-group=paid] [data-claim="${config.claim_id}"]`).waitFor();
  log('payment posted:', postedText);
  await biller.screenshot({ path: `${shots}/billing-posted.png`, fullPage: true });

  // The claim's detail: lines with CPT, modifiers and pointers, and its history.
  await biller.locator(`[data-claim="${config.claim_id}"]`).getByRole('link', { name: /^Claim/ }).click();
  await biller.locator('[data-claim-lines]').getByText('99213-25').waitFor();
  await biller.locator('[data-claim-history]').getByRole('cell', { name: 'paid', exact: true }).waitFor();
  await accessible(biller, 'claim');

  // Her account from the worklist: coverage, the claim and her share after the 835 (a biller reads no demographics).
  await biller.getByRole('link', { name: 'Back to the worklist' }).click();
  await biller.locator(`[data-claim="${config.claim_id}"]`).getByRole('link', { name: /^Patient/ }).click();
  await biller.locator('[data-balance]').getByText(`Owes ${config.owes}`).waitFor();
  await biller.getByRole('cell', { name: 'Acme Health' }).waitFor();
  await biller.getByRole('link', { name: config.control_number }).waitFor();
  await accessible(biller, 'patient account');
  await biller.screenshot({ path: `${shots}/patient-account.png`, fullPage: true });

  // The front desk: finds her by name and opens her page.
  const desk = await signedIn('/patients', config.desk);
  await desk.getByLabel('Name').fill('Rive');
  await desk.locator('[data-patients]').getByRole('link', { name: 'Rivera, Ana' }).click();
  await desk.getByRole('heading', { name: 'Rivera, Ana' }).waitFor();
  await desk.locator('[data-appointments]').getByText('Fulfilled').waitFor();
  await desk.locator('[data-balance]').getByText(`Owes ${config.owes}`).waitFor();
  log('patient page: her visit and what she owes');
  await desk.screenshot({ path: `${shots}/patients.png`, fullPage: true });
  await accessible(desk, 'patients');
  console.log('1 passed, 0 failed');
} catch (error) {
  for (const [i, page] of browser.contexts().flatMap((c) => c.pages()).entries())
    await page.screenshot({ path: `${shots}/billing-failure-${i}.png`, fullPage: true }).catch(() => {});
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
}
