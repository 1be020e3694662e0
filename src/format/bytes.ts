import { formatCount } from './count';

const UNITS = ['KiB', 'MiB', 'GiB', 'TiB'] as const;
const ONE_DECIMAL = new Intl.NumberFormat('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
const TWO_DECIMALS = new Intl.NumberFormat('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

/**
 * Formats a byte count: exact below 1 KiB (`1,023 B`), else binary units with 2 decimals below 10
 * (`1.00 KiB`, `1.50 GiB`) and 1 decimal from 10 up (`16.0 MiB`).
 */
export function formatBytes(n: number): string {
  if (!Number.isFinite(n)) return '—';
  if (n < 0) return `-${formatBytes(-n)}`;
  if (n < 1024) return `${formatCount(n)} B`;
  let value = n / 1024;
  let unit = 0;
  // NOTE: compare the rounded value so 1023.99 KiB shows as 1.00 MiB rather than 1,024.0 KiB.
  while (unit < UNITS.length - 1 && Math.round(value * 10) / 10 >= 1024) {
    value /= 1024;
    unit++;
  }
  const text = Math.round(value * 100) / 100 < 10 ? TWO_DECIMALS.format(value) : ONE_DECIMAL.format(value);
  return `${text} ${UNITS[unit]}`;
}
