import { expect, test } from 'vitest';
import { cents, formatAmount, money, sumCents } from './money';

test('decimal strings become exact cents', () => {
  expect(cents('175.50')).toBe(17550);
  expect(cents('0.5')).toBe(50);
  expect(cents('-20')).toBe(-2000);
  expect(cents('0.07')).toBe(7);
  expect(cents(null)).toBe(0);
  expect(() => cents('12.345')).toThrow(/not an amount/);
  expect(() => cents('abc')).toThrow();
});

test('cents are shown as dollars with grouping, credits with a minus', () => {
  expect(money(1234567)).toBe('$12,345.67');
  expect(money(5)).toBe('$0.05');
  expect(money(-2000)).toBe('-$20.00');
  expect(formatAmount('80.00')).toBe('$80.00');
});

test('sums of many lines keep every cent (no floating drift)', () => {
  expect(sumCents(Array(10).fill('0.10'))).toBe(100);
  expect(sumCents(['125.00', '50.50', '-0.50'])).toBe(17500);
});
