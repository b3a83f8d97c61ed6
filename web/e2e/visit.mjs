// A clinician's visit in Debian's Chromium against the demo practice (started by tests/demo/test_console_day.py):
// their patient waits in the flow board's Arrived lane; they complete the visit with its diagnoses (ICD-10) and
// CPT lines (a modifier, the pointers) and the card moves to Fulfilled. axe-core on the dialog and the board.
import { accessible, log, run, signedIn } from './harness.mjs';

const config = JSON.parse(process.env.VISIT_E2E);
const shots = config.artifacts;

await run('visit', shots, async () => {
  const page = await signedIn(config.url, '/flow', config.clinician, { viewport: { width: 1400, height: 900 } });
  const card = page.locator('[data-lane=arrived] [data-appointment]', { hasText: config.patient });
  await card.getByRole('button', { name: 'Complete' }).click();
  const dialog = page.getByRole('dialog', { name: 'Complete the visit' });
  await dialog.getByLabel('Diagnoses (ICD-10)').fill('J06.9, R05.9');
  await dialog.getByLabel('CPT 1').fill('99213');
  await dialog.getByLabel('Modifiers').first().fill('25');
  await dialog.getByLabel('Diagnosis pointers').first().fill('1, 2');
  await dialog.getByRole('button', { name: 'Add a CPT line' }).click();
  await dialog.getByLabel('CPT 2').fill('87880');
  await dialog.getByLabel('Diagnosis pointers').nth(1).fill('1');
  await accessible(page, 'complete the visit');
  await page.screenshot({ path: `${shots}/complete-visit.png` });
  await dialog.getByRole('button', { name: 'Complete', exact: true }).click();
  await dialog.waitFor({ state: 'hidden' });
  await page.locator('[data-lane=fulfilled]').getByText(config.patient).waitFor();
  log('the clinician completed the visit: fulfilled');
  await accessible(page, 'flow board (clinician)');
});
