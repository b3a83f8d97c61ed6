import { expect, test } from 'vitest';
import { pointedDiagnoses, procedure } from './claim';

test('pointers resolve to the claim diagnoses, a bad one is named', () => {
  expect(pointedDiagnoses({ diagnosis_pointers: [1, 2] }, ['E11.9', 'I10'])).toBe('1 E11.9, 2 I10');
  expect(pointedDiagnoses({ diagnosis_pointers: [3] }, ['E11.9'])).toBe('3 (no such diagnosis)');
});

test('the procedure reads as CPT and modifiers', () => {
  expect(procedure({ cpt: '99213', modifiers: ['25'] })).toBe('99213-25');
  expect(procedure({ cpt: '83036', modifiers: [] })).toBe('83036');
});
