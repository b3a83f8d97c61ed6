// The dashboard and the staff screen in Debian's Chromium against a running stack (started by
// tests/gateway/console/test_browser_staff.py): an office manager lands on the dashboard and sees the day's numbers
// (billing stopped: its parts say unavailable), opens Staff, finds the physician's shift and expiring licence and
// approves a pending time-off request. axe-core finds no serious or critical violation on either screen.
import { accessible, expect, log, run, signedIn } from './harness.mjs';

const config = JSON.parse(process.env.STAFF_E2E);
const shots = config.artifacts;

await run('staff', shots, async () => {
  const page = await signedIn(config.url, '/', config.manager, { viewport: { width: 1400, height: 1100 } });

  // An office manager lands on the dashboard.
  await page.waitForURL(/\/dashboard$/);
  await page.getByRole('heading', { name: /^Dashboard · / }).waitFor();
  const value = (key) => page.locator(`[data-headline="${key}"][data-state="ready"] [data-value]`);
  await value('appointments').waitFor();
  expect((await value('appointments').textContent()) === '1', `appointments today: ${await value('appointments').textContent()}`);
  expect((await value('no-shows').textContent()) === '0', 'no no-show yet');
  await value('open-tasks').waitFor();
  expect(Number(await value('open-tasks').textContent()) >= 1, 'the open task counted');
  await page.locator('[data-panel="tasks"] [role="figure"][aria-label*="Front desk 1 open"]').waitFor();
  log('dashboard counts the booked appointment and the open front-desk task');
  // Billing is stopped: its parts say so instead of showing zeros.
  for (const part of ['claims', 'denials', 'accounts receivable'])
    await page.locator(`[data-unavailable="${part}"]`).getByText(/billing is not answering/).waitFor();
  expect((await page.locator('[data-headline="claims"]').getAttribute('data-state')) === 'unavailable', 'the claims tile unavailable');
  log("billing's parts marked unavailable");
  await page.locator('[data-panel="appointments"] .recharts-surface').waitFor();
  await page.screenshot({ path: `${shots}/dashboard.png`, fullPage: true });
  await accessible(page, 'dashboard');

  // Staff: the week's roster, the licence inside 30 days, the pending request approved.
  await page.getByRole('navigation', { name: 'Screens' }).getByRole('link', { name: 'Staff' }).click();
  await page.waitForURL(/\/staff$/);
  const todayCell = page.locator(`[data-roster] tr[data-member="${config.member}"] td[data-day="${config.today}"]`);
  await todayCell.getByText('08:00–18:00').waitFor();
  log('the physician’s shift today is in the week grid');
  const licence = page.locator(`[data-window="30"] [data-credential="${config.licence}"]`);
  await licence.getByText('State licence (CA)').waitFor();
  await licence.getByText(`${config.licence_days} days left`).waitFor();
  log('the licence shows within 30 days');
  const request = page.locator(`[data-time-off-row="${config.time_off}"]`);
  await request.getByText('CME').waitFor();
  log('the pending request is listed with its reason');
  await page.evaluate(() => window.scrollTo(0, 0));
  await page.screenshot({ path: `${shots}/staff.png`, fullPage: true });
  await accessible(page, 'staff');
  await request.getByRole('textbox').fill('Enjoy the course.');
  await request.getByRole('button', { name: /^Approve/ }).click();
  await page.locator('[data-decided="approved"]').getByText(config.member).waitFor();
  await request.waitFor({ state: 'detached' });
  log('time off approved, and no longer pending');
});
