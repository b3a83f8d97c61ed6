import { expect, test } from 'vitest';
import { invoiceWideDifferences } from './match';

test('a difference an order line already shows is not listed again; the invoice-wide ones are', () => {
  const lines = [{ problems: ['unit price 4.80 differs from the order\'s 4.50 by +0.30 (+6.67%)'] }, { problems: [] }];
  const differences = [
    "order line 1 (Exam table paper): unit price 4.80 differs from the order's 4.50 by +0.30 (+6.67%)",
    'the lines add up to 48.00 but the total is 50.00',
  ];
  expect(invoiceWideDifferences(differences, lines)).toEqual(['the lines add up to 48.00 but the total is 50.00']);
});
