import { useEffect, useState } from 'react';
import { closeAnnouncement, TRAFFIC_SUMMARY_MS, trafficSummary } from '../look/announce';
import { getSession, useSession } from '../store/appStore';

/**
 * Polite announcements for screen readers about the active connection: how it closed, and a summary
 * of its traffic at most every few seconds, taken from the counters on a timer (never per message,
 * and without re-rendering the log). State changes are announced by the `Connection state` status,
 * problems by their alerts.
 */
export function Announcer({ id }: { id: string }) {
  const lastClose = useSession(id, (s) => s.lastClose);
  const traffic = useTrafficSummary(id);
  return (
    <div className="visually-hidden">
      <p aria-live="polite" aria-atomic="true">
        {lastClose ? closeAnnouncement(lastClose) : ''}
      </p>
      <p aria-live="polite" aria-atomic="true">
        {traffic}
      </p>
    </div>
  );
}

/** The latest traffic summary for a connection, refreshed every TRAFFIC_SUMMARY_MS while messages move. */
function useTrafficSummary(id: string): string {
  const [summary, setSummary] = useState('');
  useEffect(() => {
    const counts = () => getSession(id)?.counters ?? { sent: 0, received: 0 };
    let last = { ...counts(), at: performance.now() };
    let timer: ReturnType<typeof setTimeout>;
    // A chain of timeouts rather than an interval: on a busy page a late tick never brings the next one closer.
    const tick = () => {
      const now = { ...counts(), at: performance.now() };
      const text = trafficSummary(now.received - last.received, now.sent - last.sent, now.at - last.at);
      last = now;
      // Nothing moved: the last summary stays (a screen reader does not repeat it).
      if (text) setSummary(text);
      timer = setTimeout(tick, TRAFFIC_SUMMARY_MS);
    };
    timer = setTimeout(tick, TRAFFIC_SUMMARY_MS);
    return () => clearTimeout(timer);
  }, [id]);
  return summary;
}
