// The schedule's week view of a location with 25 providers, timed in Debian's headless Chromium.
//
// A small server here gives the built console (web/dist) and a synthetic gateway: one location, 25 physicians,
// 8 visits a provider and day (1,400 in the week), patients by id. The office manager opens the schedule's day
// view, then switches to the week: the time from the click to the last of the week's 175 columns and 1,400
// appointments in the DOM and painted (the next animation frame) is the figure. The first switch includes the
// seven day-sheet reads; the repeats (day, then week again) are the render alone. Prints one JSON line.
import { readFileSync, existsSync } from 'node:fs';
import { createServer } from 'node:http';
import { extname, join } from 'node:path';
import { browser } from './harness.mjs';

const DIST = new URL('../dist/', import.meta.url).pathname;
const PROVIDERS = 25;
const VISITS_PER_DAY = 8;
const ZONE = 'America/Los_Angeles';
const REPEATS = Number(process.env.WEEK_BENCH_REPEATS ?? 7);

const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
const token = `${b64({ alg: 'none' })}.${b64({ sub: 'om-1', roles: ['office_manager'], locations: ['loc-bench'], exp: Math.floor(Date.now() / 1000) + 3600 })}.x`;
const providers = Array.from({ length: PROVIDERS }, (_, i) => ({
  staff_id: `prov-${String(i).padStart(2, '0')}`, name: `Given${i} Provider${String(i).padStart(2, '0')}`, role: 'physician',
}));
const location = {
  location_id: 'loc-bench', name: 'Bench Clinic', state: 'CA', timezone: ZONE, cancellation_notice_hours: 24, closed_on: [],
  opening_hours: Array.from({ length: 7 }, (_, weekday) => ({ weekday, opens: '07:00', closes: '19:00' })),
};
const STATUSES = ['booked', 'booked', 'booked', 'arrived', 'fulfilled', 'noshow', 'cancelled', 'booked'];

/** UTC instant of a local wall-clock time at the location (offset taken from Intl, DST included). */
function instant(day, minutes) {
  const guess = new Date(`${day}T${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00Z`);
  const local = new Date(guess.toLocaleString('en-US', { timeZone: ZONE }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() + (utc - local)).toISOString().replace('.000Z', 'Z');
}

function daySheet(day) {
  const by_provider = {};
  providers.forEach((m, p) => {
    by_provider[m.staff_id] = Array.from({ length: VISITS_PER_DAY }, (_, v) => {
      const start = 8 * 60 + v * 75 + (p % 3) * 15;
      return {
        id: `a-${day}-${p}-${v}`, location_id: 'loc-bench', provider_id: m.staff_id, patient_id: `pat-${(p * 31 + v * 7) % 400}`,
        room_id: `exam-${(p + v) % 10}`, status: STATUSES[(p + v) % STATUSES.length], start: instant(day, start),
        end: instant(day, start + 30), needs_reschedule: false,
      };
    });
  });
  return { location_id: 'loc-bench', date: day, timezone: ZONE, by_provider };
}

const TYPES = { '.js': 'text/javascript', '.css': 'text/css', '.html': 'text/html', '.svg': 'image/svg+xml', '.woff2': 'font/woff2' };
const json = (res, body, status = 200) => res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
const server = createServer((req, res) => {
  const url = new URL(req.url, 'http://bench');
  const path = url.pathname;
  if (path === '/api/v1/live/events') return res.writeHead(204).end();
  if (path === '/api/v1/facilities/locations') return json(res, [location]);
  if (path === '/api/v1/scheduling/locations/loc-bench/providers') return json(res, providers);
  if (path.endsWith('/day-sheet')) return json(res, daySheet(url.searchParams.get('day')));
  if (path.startsWith('/api/v1/scheduling/patients/')) {
    const id = path.split('/').pop();
    return json(res, { id, given_name: 'Pat', family_name: `Patient ${id.slice(4)}`, birth_date: '1980-01-01' });
  }
  if (path.startsWith('/api/')) return json(res, { error: 'NotFound', message: path }, 404);
  const file = join(DIST, path);
  const found = path !== '/' && existsSync(file) ? file : join(DIST, 'index.html');
  res.writeHead(200, { 'content-type': TYPES[extname(found)] ?? 'application/octet-stream' }).end(readFileSync(found));
});
await new Promise((ready) => server.listen(0, '127.0.0.1', ready));
const base = `http://127.0.0.1:${server.address().port}`;

/** Click the view control's `label` and wait until `columns` columns and `appointments` visits are on screen. */
async function switchTo(page, label, columns, appointments) {
  return page.evaluate(
    async ({ label, columns, appointments }) => {
      const control = [...document.querySelectorAll('label')].find((l) => l.textContent === label);
      const started = performance.now();
      control.click();
      for (;;) {
        await new Promise((frame) => requestAnimationFrame(frame));
        const shown = document.querySelectorAll('[data-column]').length;
        if (shown === columns && document.querySelectorAll('[data-appointment]').length === appointments)
          return performance.now() - started;
        if (performance.now() - started > 30_000) throw new Error(`${label}: ${shown} columns after 30 s`);
      }
    },
    { label, columns, appointments },
  );
}

try {
  const context = await browser.newContext({ viewport: { width: 1600, height: 1000 } });
  await context.addInitScript((t) => {
    sessionStorage.setItem('clinicops.session', JSON.stringify({ access_token: t, refresh_token: 'r'.repeat(32), expires_in: 3600, refresh_expires_in: 7200, received_at: Date.now() }));
  }, token);
  const page = await context.newPage();
  await page.goto(`${base}/schedule`);
  await page.locator('[data-column]').nth(PROVIDERS - 1).waitFor({ timeout: 30_000 });
  const week = PROVIDERS * 7;
  const first = await switchTo(page, 'Week', week, week * VISITS_PER_DAY);
  const repeats = [];
  for (let i = 0; i < REPEATS; i++) {
    await switchTo(page, 'Day', PROVIDERS, PROVIDERS * VISITS_PER_DAY);
    repeats.push(await switchTo(page, 'Week', week, week * VISITS_PER_DAY));
  }
  repeats.sort((a, b) => a - b);
  const median = repeats[Math.floor(repeats.length / 2)];
  console.log(JSON.stringify({ providers: PROVIDERS, columns: week, appointments: week * VISITS_PER_DAY, first_ms: Math.round(first), render_ms: repeats.map(Math.round), median_ms: Math.round(median), max_ms: Math.round(repeats.at(-1)) }));
} catch (error) {
  console.error(error);
  process.exitCode = 1;
} finally {
  await browser.close();
  server.close();
}
