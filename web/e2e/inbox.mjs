// The inbox in Debian's Chromium against the demo practice (started by tests/demo/test_console_day.py): an office
// manager picks the location, reads a supplier's emailed invoice of the morning with its attachment and replies,
// reviews a typed invoice's three-way match and assigns a front-desk task; the desk's own window shows it without
// reload, the desk works it to done, claims an overdue task, notes it and bulk-completes it. axe-core finds no
// serious or critical violation.
import { accessible, expect, log, run, signedIn } from './harness.mjs';

const config = JSON.parse(process.env.INBOX_E2E);
const shots = config.artifacts;

const row = (page, title) => page.locator('[data-task]', { hasText: title });
const openTask = async (page, title) => {
  await row(page, title).getByRole('button').first().click();
  await page.locator('[data-open-task]', { hasText: title }).waitFor();
};
const statusIs = (page, status) => page.locator(`[data-open-task] [data-status="${status}"]`).waitFor();
const tab = (page, name) => page.getByRole('tab', { name: new RegExp(`^${name}`) }).click();
await run('inbox', shots, async () => {
  const manager = await signedIn(config.url, '/inbox', config.manager, { location: config.location });

  // The supplier's emailed invoice is in the manager's own queue: who sent it, its attachment; a reply goes out.
  await tab(manager, "My role's queue");
  await openTask(manager, config.mail_task);
  const message = manager.locator('[data-message]');
  await message.getByText(config.sender).first().waitFor();
  const attachment = message.locator(`[data-attachment="${config.attachment}"]`);
  expect(/text\/csv/.test(await attachment.textContent()) && /\d+ (B|KB)/.test(await attachment.textContent()), `attachment type and size shown: ${await attachment.textContent()}`);
  await manager.getByLabel('Reply', { exact: true }).fill('Received, thank you: it goes to payment on net 30.');
  await manager.getByRole('button', { name: 'Send reply' }).click();
  await message.locator('[data-reply=sent]').waitFor();
  log('replied to the emailed question');
  await manager.evaluate(() => window.scrollTo(0, 0));
  await manager.screenshot({ path: `${shots}/inbox.png` });
  await accessible(manager, 'inbox with a message');

  // The invoice billed above the order's price: ordered, received, billed and the difference per order line.
  await openTask(manager, config.invoice_task);
  const line = manager.locator('[data-match] [data-order-line="1"]');
  await line.waitFor();
  const cells = await line.locator('td').allTextContents();
  expect(cells.slice(2, 9).join(' ') === '10 10 0 10 4.50 4.80 +0.30', `match line: ${cells.join(' | ')}`);
  await manager.evaluate(() => window.scrollTo(0, 0));
  await manager.screenshot({ path: `${shots}/inbox-match.png` });
  await accessible(manager, 'inbox with a three-way match');

  // Every pool: both front-desk tasks, the late one marked.
  await tab(manager, 'All pools');
  await row(manager, config.assigned).waitFor();
  expect((await row(manager, config.overdue).getAttribute('data-overdue')) === 'true', 'the late task is marked overdue');

  // The desk watches its own tasks while the manager assigns one to them.
  const desk = await signedIn(config.url, '/inbox', config.desk);
  await desk.locator('[data-task], :text("Nothing is yours here yet.")').first().waitFor();
  expect((await row(desk, config.assigned).count()) === 0, 'the task is not the desk’s before it is assigned');
  await openTask(manager, config.assigned);
  await manager.getByRole('combobox', { name: 'Assign to', exact: true }).click();
  await manager.getByRole('option', { name: config.desk_name }).click();
  await manager.getByRole('form', { name: 'Assign' }).getByRole('button', { name: 'Assign' }).click();
  await manager.locator(`[data-open-task] [data-owner="${config.desk_id}"]`).waitFor();
  await row(desk, config.assigned).waitFor({ timeout: 30_000 });
  log('the assigned task appeared without reload in the desk window');

  // The desk works it: start, complete.
  await openTask(desk, config.assigned);
  await desk.getByRole('button', { name: 'Start', exact: true }).click();
  await statusIs(desk, 'in-progress');
  await desk.getByRole('button', { name: 'Complete', exact: true }).click();
  await statusIs(desk, 'completed');
  await row(desk, config.assigned).waitFor({ state: 'detached' });
  log('the desk completed the assigned task');

  // The overdue one from the pool: claim, note, then complete it with the bulk action.
  await tab(desk, "My role's queue");
  await openTask(desk, config.overdue);
  await desk.getByRole('button', { name: 'Claim', exact: true }).click();
  await desk.locator('[data-open-task] [data-owner]', { hasText: 'you' }).waitFor();
  await desk.getByLabel('Add a note').fill('Faxed from the front desk.');
  await desk.getByRole('button', { name: 'Save note' }).click();
  await desk.locator('[data-open-task]').getByText('Faxed from the front desk.', { exact: true }).waitFor();
  await desk.getByRole('checkbox', { name: `Select ${config.overdue}` }).check();
  await desk.getByRole('button', { name: 'Complete selected' }).click();
  await row(desk, config.overdue).waitFor({ state: 'detached' });
  await statusIs(desk, 'completed');
  log('the desk claimed, noted and bulk-completed the overdue task');
  await desk.screenshot({ path: `${shots}/inbox-desk.png` });
});
