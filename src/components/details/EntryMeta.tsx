import { formatLabel } from '../../compose/formats';
import { formatBytes } from '../../format/bytes';
import { formatCount } from '../../format/count';
import { formatDuration } from '../../format/time';
import { visibleText } from '../../format/visibleText';
import { explainClose } from '../../log/entryText';
import { openedBefore } from '../../log/sinceOpen';
import { describeCloseCode } from '../../protocol/closeCodes';
import type { LogEntry } from '../../store/logEntry';
import { getLog } from '../../store/sessionReads';

const DIRECTIONS: Record<LogEntry['kind'], string> = {
  sent: 'outgoing (client → server)',
  received: 'incoming (server → client)',
  state: 'event (connection state)',
  close: 'event (connection closed)',
  error: 'event (error)',
  info: 'event (information)',
  handshake: 'event (upgrade handshake, through the local agent)',
  ping: 'event (ping frame, through the local agent)',
  pong: 'event (pong frame, through the local agent)',
};

/** Whether an entry is a message (sent or received) rather than an event. */
export const isMessage = (entry: LogEntry) => entry.kind === 'sent' || entry.kind === 'received';

/** What is known about an entry besides its payload: kind, direction, time, time since open, size, frame type. */
export function EntryMeta({ id, entry }: { id: string; entry: LogEntry }) {
  const binary = typeof entry.data !== 'string';
  return (
    <dl className="message-details__meta">
      <div>
        <dt>Kind</dt>
        <dd>{entry.kind}</dd>
      </div>
      <div>
        <dt>Direction</dt>
        <dd>{DIRECTIONS[entry.kind]}</dd>
      </div>
      <div>
        <dt>Time</dt>
        <dd>
          <time dateTime={new Date(entry.at).toISOString()}>{new Date(entry.at).toISOString()}</time>
        </dd>
      </div>
      <SinceOpen id={id} entry={entry} />
      {isMessage(entry) ? (
        <>
          <div>
            <dt>Size</dt>
            <dd>
              {formatCount(entry.size)} bytes{entry.size >= 1024 ? ` (${formatBytes(entry.size)})` : ''}
            </dd>
          </div>
          <div>
            <dt>Frame</dt>
            <dd>{binary ? 'binary' : 'text'}</dd>
          </div>
          {entry.format ? (
            <div>
              <dt>Written as</dt>
              <dd>{formatLabel(entry.format)}</dd>
            </div>
          ) : null}
        </>
      ) : null}
    </dl>
  );
}

/** A close entry's code, name, reason (hidden characters as markers), cleanliness and explanation. */
export function CloseDetails({ entry }: { entry: LogEntry }) {
  const close = entry.close!;
  const explanation = explainClose(entry);
  return (
    <dl className="message-details__meta message-details__close-info">
      <div>
        <dt>Code</dt>
        <dd>{close.code}</dd>
      </div>
      <div>
        <dt>Name</dt>
        <dd>{describeCloseCode(close.code).name}</dd>
      </div>
      <div>
        <dt>Reason</dt>
        <dd>{close.reason ? visibleText(close.reason) : <span className="message-details__muted">no reason given</span>}</dd>
      </div>
      <div>
        <dt>Clean</dt>
        <dd>{close.wasClean ? 'yes (clean close)' : 'no (not clean)'}</dd>
      </div>
      {explanation ? (
        <div className="message-details__wide">
          <dt>Explanation</dt>
          <dd>{explanation}</dd>
        </div>
      ) : null}
    </dl>
  );
}

/** Time since the connection this entry belongs to opened (the last OPEN before it in the log). */
function SinceOpen({ id, entry }: { id: string; entry: LogEntry }) {
  const openedAt = openedBefore(getLog(id), entry);
  if (openedAt === null) return null;
  return (
    <div>
      <dt>Since open</dt>
      <dd>{formatDuration(entry.at - openedAt)}</dd>
    </div>
  );
}
