import { useState } from 'react';
import { LOG_LIMIT_RANGE, setLogLimit } from '../store/connectionActions';
import { useSession } from '../store/appStore';
import { getLog } from '../store/sessionReads';

/** How many entries the log keeps; applied on Enter or when the field loses focus (its alert shows in the log panel). */
export function LogLimit({ id }: { id: string }) {
  useSession(id, (s) => s.logVersion); // re-read the limit after it changes
  const current = getLog(id).limit.maxEntries;
  const [draft, setDraft] = useState<string | null>(null);
  const apply = () => {
    if (draft !== null && setLogLimit(id, draft)) setDraft(null);
  };
  return (
    <label className="log-limit">
        Keep
        <input
          type="number"
          aria-label="Log limit"
          min={LOG_LIMIT_RANGE.min}
          max={LOG_LIMIT_RANGE.max}
          step={1000}
          value={draft ?? String(current)}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={apply}
          onKeyDown={(event) => {
            if (event.key === 'Enter') apply();
          }}
        />
        newest entries
    </label>
  );
}
