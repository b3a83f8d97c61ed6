// The billing and patients screens in Debian's Chromium against the demo practice (started by
// tests/demo/test_console_day.py): a biller picks the location, sees the visit's claim in the worklist, downloads the
// 837P batch, posts the payer's 835 and sees the payment posted; a front desk finds the patient and opens her page.
// axe-core finds no serious or critical violation on either screen.
import { readFileSync } from 'node:fs';
import { accessible, log, run, signedIn } from './harness.mjs';

const config = JSON.parse(process.env.CONSOLE_E2E);
const shots = config.artifacts;

await run('billing', shots, async () => {
  // The biller: the visit's claim is ready in the worklist.
  const biller = await signedIn(config.url, '/billing', config.biller, { acceptDownloads: true, location: config.location });
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
  await biller.locator('[data-claim-lines]').getByText(config.line).waitFor();
  await biller.locator('[data-claim-history]').getByRole('cell', { name: 'paid', exact: true }).waitFor();
  await accessible(biller, 'claim');

  // Her account from the worklist: coverage, the claim and her share after the 835 (a biller reads no demographics).
  await biller.getByRole('link', { name: 'Back to the worklist' }).click();
  await biller.locator(`[data-claim="${config.claim_id}"]`).getByRole('link', { name: /^Patient/ }).click();
  await biller.locator('[data-balance]').getByText(`Owes ${config.owes}`).waitFor();
  await biller.getByRole('cell', { name: config.payer }).first().waitFor();
  await biller.getByRole('link', { name: config.control_number }).waitFor();
  await accessible(biller, 'patient account');
  await biller.screenshot({ path: `${shots}/patient-account.png`, fullPage: true });

  // The front desk: finds her by name and opens her page.
  const desk = await signedIn(config.url, '/patients', config.desk);
  await desk.getByLabel('Name').fill(config.patient.search);
  await desk.locator('[data-patients]').getByRole('link', { name: config.patient.name }).click();
  await desk.getByRole('heading', { name: config.patient.name }).waitFor();
  await desk.locator('[data-appointments]').getByText('Fulfilled').first().waitFor();
  await desk.locator('[data-balance]').getByText(`Owes ${config.owes}`).waitFor();
  log('patient page: her visit and what she owes');
  await desk.screenshot({ path: `${shots}/patients.png`, fullPage: true });
  await accessible(desk, 'patients');
});
