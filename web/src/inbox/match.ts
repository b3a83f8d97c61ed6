// The three-way match's differences: the rows carry their own, the list below the table only what no row says.
export type MatchLine = { problems: string[] };

/** Differences not already shown on an order line (an invoice's total or tax, a missing order). */
export function invoiceWideDifferences(differences: string[], lines: MatchLine[]): string[] {
  const onRows = lines.flatMap((l) => l.problems);
  return differences.filter((d) => !onRows.some((p) => d === p || d.endsWith(`: ${p}`)));
}
