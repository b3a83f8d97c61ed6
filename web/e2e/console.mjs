// The console in Debian's Chromium against the demo practice (started by tests/demo/test_console_day.py): a front
// desk books free time on the day `later` days ahead, drags it onto a booked provider and sees the refusal, and
// checks a patient of today in while a second window's flow board moves without reload; axe-core finds no serious
// or critical violation.
import { accessible, log, run, signedIn } from './harness.mjs';

const config = JSON.parse(process.env.CONSOLE_E2E);
const shots = config.artifacts;
const window = (path) => signedIn(config.url, path, config.desk, { viewport: { width: 1400, height: 900 } });

await run('console', shots, async () => {
  const desk = await window('/schedule');
  await desk.locator('[data-slot]').first().waitFor();
  for (let day = 0; day < config.later; day++) await desk.getByRole('button', { name: 'Later ›' }).click();
  await desk.waitForSelector(`[data-slot="${config.free_slot}"]`);
  await desk.screenshot({ path: `${shots}/schedule.png`, fullPage: false });
  await accessible(desk, 'schedule');

  // Book free time: the patient by name, the type, the open time offered.
  await desk.locator(`[data-slot="${config.free_slot}"]`).click();
  const dialog = desk.getByRole('dialog');
  await dialog.getByLabel('Patient').fill(config.patient.search);
  await desk.getByRole('option', { name: new RegExp(config.patient.name) }).click();
  await dialog.getByLabel('Appointment type').click();
  await desk.getByRole('option', { name: /Office visit/ }).click();
  await dialog.locator('input[type=checkbox]:checked, input[type=radio]:checked').first().waitFor({ state: 'attached' });
  await desk.screenshot({ path: `${shots}/book.png` });
  await dialog.getByRole('button', { name: 'Book' }).click();
  await dialog.waitFor({ state: 'hidden' });
  const booked = desk.locator('[data-appointment][data-status=booked]', { hasText: config.patient.name });
  await booked.waitFor();
  log('booked in the browser');

  // Drag it onto a provider booked at that time: the refusal shows on the appointment.
  await booked.dragTo(desk.locator(`[data-slot="${config.busy_slot}"]`), { force: true });
  const refusal = desk.getByRole('alert').filter({ hasText: 'Not moved' });
  await refusal.waitFor();
  log('refused in place:', (await refusal.textContent()).slice(0, 160));
  await desk.screenshot({ path: `${shots}/refusal.png` });

  // A second window watches the flow board while the first checks the patient in.
  const board = await window('/flow');
  await board.locator('[data-lane=booked]').getByText(config.arriving).waitFor();
  await accessible(board, 'flow board');
  await desk.getByRole('link', { name: 'Flow board' }).click();
  const card = desk.locator('[data-lane=booked] [data-appointment]', { hasText: config.arriving });
  await card.getByRole('button', { name: 'Check in' }).click();
  await board.locator('[data-lane=arrived]').getByText(config.arriving).waitFor({ timeout: 30_000 });
  log('the second window moved without reload');
  await board.screenshot({ path: `${shots}/flow-board.png` });
});
