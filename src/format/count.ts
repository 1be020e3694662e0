// NOTE: explicit 'en-US' so output does not depend on the machine's locale.
const INTEGER = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Formats a count with en-US thousands separators (`1,000,000`); fractions are rounded away. */
export function formatCount(n: number): string {
  return INTEGER.format(n);
}
