// The compliance and facilities screens in Debian's Chromium against the demo practice (started by
// tests/demo/test_console_day.py), both users at one location: a compliance officer signs in with her authenticator
// code, sees the privacy incidents against their deadline and downloads a patient's accounting of access as CSV; a
// facilities coordinator sees the supply under its reorder point, the drafted order, the overdue device, and starts
// the work order from the board. axe-core finds no serious or critical violation on either screen.
import { readFileSync } from 'node:fs';
import { accessible, log, run, signedIn } from './harness.mjs';

const config = JSON.parse(process.env.CONSOLE_E2E);
const shots = config.artifacts;

/** RFC 4180 rows: quoted fields may hold commas, quotes and line breaks. */
function parseCsv(text) {
  const rows = [[]];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') rows.at(-1).push(field), (field = '');
    else if (c === '\n' || c === '\r') {
      if (c === '\r' && text[i + 1] === '\n') i++;
      rows.at(-1).push(field), (field = ''), rows.push([]);
    } else field += c;
  }
  if (field || rows.at(-1).length) rows.at(-1).push(field);
  return rows.filter((r) => r.length > 1 || r[0]);
}

async function expectText(locator, pattern, what) {
  await locator.waitFor();
  const text = (await locator.textContent()) ?? '';
  if (!pattern.test(text)) throw new Error(`${what}: ${JSON.stringify(text)} does not match ${pattern}`);
  return text;
}

// The location's timezone: days left are counted in the location's date.
const window = (path, account) => signedIn(config.url, path, account, { acceptDownloads: true, timezoneId: config.timezone, location: config.location });

await run('compliance', shots, async () => {
  // The officer: the incident due in 10 days and the one 5 days past its deadline, marked.
  const officer = await window('/compliance', config.officer);
  await officer.getByRole('heading', { name: /^Compliance/ }).waitFor();
  const soon = officer.locator(`[data-incident="${config.due_soon}"]`);
  await expectText(soon.locator('[data-deadline]'), /^10 days left$/, 'the incident due soon');
  const late = officer.locator(`[data-incident="${config.overdue}"][data-overdue]`);
  await expectText(late.locator('[data-deadline]'), /^Overdue by 5 days$/, 'the overdue incident');
  log('privacy incidents: 10 days left; overdue by 5 days');
  await officer.locator('[data-alerts]').getByText(/No open alert|Acknowledge/).first().waitFor();
  await officer.locator('[data-osha-summary]').waitFor();

  // Her accounting of access, on screen and as CSV.
  await officer.getByLabel('Patient id').fill(config.patient_id);
  await officer.getByRole('button', { name: 'Show accesses' }).click();
  await expectText(officer.locator('[data-accounting-summary]'), /\d+ access/, 'the accounting summary');
  await officer.locator('[data-accounting]').getByRole('cell', { name: 'scheduling' }).first().waitFor();
  await officer.screenshot({ path: `${shots}/compliance.png`, fullPage: true });
  await accessible(officer, 'compliance');
  const [download] = await Promise.all([
    officer.waitForEvent('download'),
    officer.getByRole('button', { name: 'Download CSV' }).click(),
  ]);
  if (download.suggestedFilename() !== config.csv_name)
    throw new Error(`the CSV is named ${download.suggestedFilename()}, not ${config.csv_name}`);
  const text = readFileSync(await download.path(), 'utf8');
  const [header, ...body] = parseCsv(text);
  const rows = body.map((fields) => Object.fromEntries(fields.map((v, i) => [header[i], v])));
  const csv = text.split(/\r?\n/);
  if (!['patient_id', 'actor', 'occurred_at', 'outcome'].every((c) => header.includes(c)))
    throw new Error(`the CSV header lacks columns: ${csv[0]}`);
  if (rows.length < 2 || !rows.every((r) => r.patient_id === config.patient_id))
    throw new Error(`the CSV is not this patient's accounting: ${csv.slice(0, 4).join(' | ')}`);
  if (!rows.some((r) => r.service === 'scheduling' && r.action === 'read'))
    throw new Error(`the CSV lacks scheduling's read of her record: ${csv.slice(0, 4).join(' | ')}`);
  log(`accounting CSV ${download.suggestedFilename()}: ${rows.length} rows`);

  // The coordinator: the gloves to reorder, the order they drafted, the overdue autoclave, the board.
  const coordinator = await window('/facilities', config.coordinator);
  await coordinator.getByRole('heading', { name: /^Facilities/ }).waitFor();
  await expectText(coordinator.locator('[data-supply="Vinyl gloves, large"]'), /3 box.*10.*7 box under/, 'the gloves');
  await expectText(coordinator.locator(`[data-purchase-order="${config.purchase_order_id}"]`), /Medline.*Draft/, 'the drafted order');
  await expectText(coordinator.locator('[data-equipment-row="AC-E2E"][data-overdue]'), /Overdue by 10 days/, 'the autoclave');
  const card = coordinator.locator(`[data-column=open] [data-work-order="${config.work_order_id}"]`);
  await expectText(card, /Exam light flickers/, 'the work order');
  log('supply under its reorder point, drafted order, overdue autoclave, work order open');
  await coordinator.screenshot({ path: `${shots}/facilities.png`, fullPage: true });
  await accessible(coordinator, 'facilities');
  await card.getByRole('button', { name: 'Start work: Exam light flickers' }).click();
  await coordinator.locator(`[data-column=in_progress] [data-work-order="${config.work_order_id}"]`).waitFor();
  log('work order moved to in progress');
});
