import { formatCount } from '../format/count';
import { useSession } from '../store/appStore';

/** Exact message counts; they count every message, including those no longer kept in the log. */
export function Counters({ id }: { id: string }) {
  const sent = useSession(id, (s) => s.counters.sent);
  const received = useSession(id, (s) => s.counters.received);
  return (
    <div className="counters">
      <span className="counter">
        <span id={`${id}-sent-label`}>Sent</span>
        <output aria-labelledby={`${id}-sent-label`}>{formatCount(sent)}</output>
      </span>
      <span className="counter">
        <span id={`${id}-received-label`}>Received</span>
        <output aria-labelledby={`${id}-received-label`}>{formatCount(received)}</output>
      </span>
    </div>
  );
}
