// Money as the services send it (decimal strings to the cent) held as integer cents: sums never drift.

/** "175.50", "-20", "0.5" → 17550, -2000, 50; anything else is refused rather than guessed. */
export function cents(amount: string | number | null | undefined): number {
  if (amount === null || amount === undefined || amount === '') return 0;
  const text = String(amount).trim();
  const match = /^(-?)(\d+)(?:\.(\d{1,2}))?$/.exec(text);
  if (!match) throw new Error(`not an amount of money: ${text}`);
  const [, sign, whole, fraction = ''] = match;
  const value = Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
  return sign ? -value : value;
}

/** 1234567 → "$12,345.67"; a negative amount (a credit) keeps its minus sign in front. */
export function money(amountInCents: number): string {
  const sign = amountInCents < 0 ? '-' : '';
  const absolute = Math.abs(Math.round(amountInCents));
  const dollars = Math.floor(absolute / 100).toLocaleString('en-US');
  return `${sign}$${dollars}.${String(absolute % 100).padStart(2, '0')}`;
}

/** A decimal string straight to its display. */
export const formatAmount = (amount: string | null | undefined) => money(cents(amount));

export function sumCents(amounts: (string | number)[]): number {
  return amounts.reduce<number>((total, a) => total + cents(a), 0);
}

/** Whole dollars for a chart's axis (charts take numbers; the tables keep the cents). */
export const dollars = (amountInCents: number) => amountInCents / 100;
