import { describe, expect, it } from 'vitest';
import { ApiFailure } from '../api/client';
import { countOf, mapPart, partOf, partsOf, sectionOf, type Dashboard } from './sections';

const up = { available: true, reason: null };
const dashboard = (over: Partial<Dashboard> = {}): Dashboard => ({
  location_id: 'loc-a',
  day: '2031-03-11',
  partial: false,
  appointments: { ...up, total: 3, by_status: { booked: 2, noshow: 1 } },
  coverage: { ...up, on_shift: [], gaps: [] },
  rooms: { ...up, out_of_service: [] },
  work_orders: { ...up, open: [] },
  low_stock: { ...up, low: [] },
  claims: { ...up, needs_attention: [] },
  compliance_alerts: { ...up, open: [] },
  ...over,
});

describe('sectionOf', () => {
  it('gives a section the gateway filled, and marks one it could not as unavailable with the reason, not zeros', () => {
    const partial = dashboard({ partial: true, low_stock: { available: false, reason: 'facilities is not answering', low: [] } });
    const query = { data: partial, error: null, isLoading: false };
    expect(sectionOf(query, 'appointments')).toMatchObject({ state: 'ready', data: { total: 3 } });
    expect(sectionOf(query, 'low_stock')).toEqual({ state: 'unavailable', reason: 'facilities is not answering' });
    expect(countOf(sectionOf(query, 'low_stock'), (s) => s.low.length)).toBeNull();
    expect(countOf(sectionOf(query, 'appointments'), (s) => s.total)).toBe(3);
  });

  it('is loading before the answer and failed when the dashboard itself failed', () => {
    expect(sectionOf({ error: null, isLoading: true }, 'claims')).toEqual({ state: 'loading' });
    const error = new ApiFailure(403, { message: 'not your location' });
    expect(sectionOf({ error, isLoading: false }, 'claims')).toEqual({ state: 'failed', error });
  });
});

describe('partOf', () => {
  it('reads a gateway 503 naming a stopped service, and a refusal, as unavailable; other errors as failures', () => {
    expect(partOf({ error: new ApiFailure(503, { message: 'billing is not answering' }), isLoading: false })).toEqual({
      state: 'unavailable',
      reason: 'billing is not answering',
    });
    expect(partOf({ error: new ApiFailure(403, { message: 'no' }), isLoading: false })).toMatchObject({ state: 'unavailable' });
    expect(partOf({ error: new ApiFailure(500, { message: 'boom' }), isLoading: false })).toMatchObject({ state: 'failed' });
    expect(partOf({ data: [], error: null, isLoading: false })).toEqual({ state: 'ready', data: [] });
  });
});

describe('partsOf', () => {
  it('keeps the days that answered, null for the others', () => {
    const down = { error: new ApiFailure(503, { message: 'scheduling is not answering' }), isLoading: false };
    expect(partsOf([{ data: 1, error: null, isLoading: false }, down])).toEqual({ state: 'ready', data: [1, null] });
    expect(partsOf([down, down])).toEqual({ state: 'unavailable', reason: 'scheduling is not answering' });
    expect(partsOf([{ error: null, isLoading: true }, down])).toEqual({ state: 'loading' });
  });
});

it('reshapes only a ready part', () => {
  expect(mapPart({ state: 'ready', data: 2 }, (n) => n * 10)).toEqual({ state: 'ready', data: 20 });
  expect(mapPart<number, number>({ state: 'unavailable', reason: 'down' }, (n) => n * 10)).toEqual({ state: 'unavailable', reason: 'down' });
});
