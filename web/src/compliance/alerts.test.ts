import { describe, expect, it } from 'vitest';
import { alertActions, bySeverity, kindLabel, type Alert } from './alerts';

const alert = (over: Partial<Alert>): Alert => ({
  alert_id: 'a',
  kind: 'break_glass',
  severity: 'high',
  location_id: 'loc-a',
  subject: 'user-1',
  raised_at: '2030-01-01T10:00:00Z',
  status: 'open',
  ...over,
});

describe('alerts', () => {
  it('acknowledges only an unseen alert and resolves any unresolved one', () => {
    expect(alertActions('open')).toEqual({ acknowledge: true, resolve: true });
    expect(alertActions('acknowledged')).toEqual({ acknowledge: false, resolve: true });
    expect(alertActions('resolved')).toEqual({ acknowledge: false, resolve: false });
  });
  it('names kinds, unknown ones readably', () => {
    expect(kindLabel('break_glass')).toBe('Break-glass access');
    expect(kindLabel('something_new')).toBe('something new');
  });
  it('orders by severity then newest', () => {
    const rows = [
      alert({ alert_id: 'low', severity: 'low' }),
      alert({ alert_id: 'old-high', raised_at: '2030-01-01T09:00:00Z' }),
      alert({ alert_id: 'new-high', raised_at: '2030-01-02T09:00:00Z' }),
    ];
    expect(bySeverity(rows).map((a) => a.alert_id)).toEqual(['new-high', 'old-high', 'low']);
  });
});
