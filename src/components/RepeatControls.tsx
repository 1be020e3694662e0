import { formatCount } from '../format/count';
import { useSession } from '../store/appStore';
import { setRepeatSettings, stopRepeat } from '../store/keepAliveActions';

/** Repeat count and interval beside Send, and the progress of a running repeat. */
export function RepeatControls({ id }: { id: string }) {
  const count = useSession(id, (s) => s.repeatSettings.count);
  const interval = useSession(id, (s) => s.repeatSettings.interval);
  const repeat = useSession(id, (s) => s.repeat);
  return (
    <div className="repeat">
      <label>
        <span>Repeat</span>
        <input aria-label="Repeat count" inputMode="numeric" placeholder="1" value={count} onChange={(event) => setRepeatSettings(id, { count: event.target.value })} />
      </label>
      <label>
        <span>every (ms)</span>
        <input aria-label="Repeat interval" inputMode="numeric" placeholder="0" value={interval} onChange={(event) => setRepeatSettings(id, { interval: event.target.value })} />
      </label>
      {repeat ? (
        <>
          <span className="repeat__progress" role="status" aria-label="Repeat progress">
            {formatCount(repeat.sent)} / {formatCount(repeat.total)}
          </span>
          <button type="button" className="button" onClick={() => stopRepeat(id)}>
            Stop repeat
          </button>
        </>
      ) : null}
    </div>
  );
}
