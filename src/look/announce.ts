/**
 * What screen readers hear about traffic: a summary every few seconds from the counters, never one
 * announcement per message (the `Messages` log itself is not a live region).
 */
import { formatCount } from '../format/count';
import { describeCloseCode } from '../protocol/closeCodes';
import { visibleText } from '../format/visibleText';

/** How often, at most, traffic is summarised aloud. */
export const TRAFFIC_SUMMARY_MS = 5_000;

const plural = (n: number, one: string, many: string) => `${formatCount(n)} ${n === 1 ? one : many}`;

/**
 * "Received 6,000 messages and sent 2 in the last 5 seconds (about 1,200 a second)." from the
 * counters' growth over `elapsedMs`; '' when nothing moved.
 */
export function trafficSummary(received: number, sent: number, elapsedMs: number): string {
  if (received <= 0 && sent <= 0) return '';
  const seconds = Math.max(1, Math.round(elapsedMs / 1000));
  const parts: string[] = [];
  if (received > 0) parts.push(`received ${plural(received, 'message', 'messages')}`);
  if (sent > 0) parts.push(`sent ${received > 0 ? formatCount(sent) : plural(sent, 'message', 'messages')}`);
  const rate = Math.round(Math.max(received, sent) / (elapsedMs / 1000));
  const sentence = parts.join(' and ');
  const when = seconds === 1 ? 'in the last second' : `in the last ${seconds} seconds`;
  const rateNote = rate >= 2 && seconds > 1 ? ` (about ${formatCount(rate)} a second)` : '';
  return `${sentence[0]!.toUpperCase()}${sentence.slice(1)} ${when}${rateNote}.`;
}

/** "Connection closed: 1006 Abnormal Closure, not clean, no reason given." */
export function closeAnnouncement(close: { code: number; reason: string; wasClean: boolean }): string {
  const { name } = describeCloseCode(close.code);
  return `Connection closed: ${close.code} ${name}, ${close.wasClean ? 'clean' : 'not clean'}, ${close.reason ? `reason “${visibleText(close.reason)}”` : 'no reason given'}.`;
}
