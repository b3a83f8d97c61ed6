import { expect, test } from 'vitest';
import { actionsFor, bulkActions, invoiceOf, messageOf, type Me } from './actions';
import type { Task } from './tasks';

const desk: Me = { sub: 'desk-1', roles: ['front_desk'] };
const manager: Me = { sub: 'om-1', roles: ['office_manager'] };
const admin: Me = { sub: 'admin', roles: ['practice_admin'] };
const task = (extra: Partial<Task> = {}) =>
  ({ status: 'requested', owner: null, role: 'front_desk', focus: null, ...extra }) as Task;
const labels = (t: Task, me: Me) => actionsFor(t, me).moves.map((m) => m.label);

test('a front desk claims an unowned task of their pool and may work it', () => {
  const a = actionsFor(task(), desk);
  expect(a.claim).toBe(true);
  expect(a.assign).toBe(false);
  expect(labels(task(), desk)).toEqual(['Accept', 'Start', 'Complete', 'Cancel task']);
});

test('another pool is not theirs to claim, and another owner\'s task is not theirs to move', () => {
  expect(actionsFor(task({ role: 'biller' }), desk).claim).toBe(false);
  const owned = task({ owner: 'desk-2', status: 'accepted' });
  expect(actionsFor(owned, desk).claim).toBe(false);
  expect(labels(owned, desk)).toEqual([]);
  expect(actionsFor(owned, desk).note).toBe(true);
});

test('the owner moves along the statuses the service allows from where the task stands', () => {
  expect(labels(task({ owner: 'desk-1', status: 'accepted' }), desk)).toEqual(['Start', 'Complete', 'Cancel task']);
  expect(labels(task({ owner: 'desk-1', status: 'in-progress' }), desk)).toEqual(['Accept', 'Complete', 'Cancel task']);
  expect(labels(task({ owner: 'desk-1', status: 'on-hold' }), desk)).toEqual(['Accept', 'Start', 'Cancel task']);
  const cancel = actionsFor(task({ owner: 'desk-1' }), desk).moves.find((m) => m.status === 'cancelled');
  expect(cancel?.needsReason).toBe(true);
});

test('managers (and practice admins) assign and move any open task; nobody moves a closed one', () => {
  for (const me of [manager, admin]) {
    const a = actionsFor(task({ owner: 'desk-2', status: 'accepted', role: 'biller' }), me);
    expect(a.assign).toBe(true);
    expect(a.moves.length).toBeGreaterThan(0);
    expect(a.claim).toBe(false); // owned: a manager reassigns instead
  }
  const done = actionsFor(task({ status: 'completed' }), manager);
  expect(done).toMatchObject({ claim: false, assign: false, moves: [], note: true });
});

test('bulk assignment is a manager\'s; anyone may bulk-complete', () => {
  expect(bulkActions(desk)).toEqual({ assign: false, complete: true });
  expect(bulkActions(manager)).toEqual({ assign: true, complete: true });
});

test('what a task is about decides its panels: a message to reply to, an invoice to match', () => {
  const mail = task({ focus: { service: 'inbox', kind: 'message', id: 'm1' } });
  const invoice = task({ focus: { service: 'inbox', kind: 'supplier_invoice', id: 'i1' } });
  const claim = task({ focus: { service: 'billing', kind: 'claim', id: 'c1' } });
  expect([messageOf(mail), invoiceOf(mail), actionsFor(mail, desk).reply]).toEqual(['m1', null, true]);
  expect([messageOf(invoice), invoiceOf(invoice), actionsFor(invoice, desk).reply]).toEqual([null, 'i1', false]);
  expect([messageOf(claim), invoiceOf(claim)]).toEqual([null, null]);
});
