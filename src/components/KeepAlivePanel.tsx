import { useEffect, useState } from 'react';
import { useSession } from '../store/appStore';
import { cancelReconnect, setKeepAlive } from '../store/keepAliveActions';
import { Alert } from './Alert';
import { SideSection } from './SideSection';

/** Auto reconnect and the application heartbeat, with the live reconnect countdown. */
export function KeepAlivePanel({ id }: { id: string }) {
  const settings = useSession(id, (s) => s.keepAlive);
  const problem = useSession(id, (s) => s.problems.keepAlive);
  return (
    <SideSection section="keepAlive" title="Staying connected" className="keepalive">
      <label className="check">
        <input type="checkbox" checked={settings.autoReconnect} onChange={(event) => setKeepAlive(id, { autoReconnect: event.target.checked })} />
        Auto reconnect
      </label>
      <p className="hint">After an unclean close (never after Disconnect): 1 s, 2 s, 4 s… up to 30 s, with jitter.</p>
      <div className="keepalive__heartbeat">
        <label>
          <span>Heartbeat message</span>
          <input aria-label="Heartbeat message" value={settings.heartbeatMessage} placeholder='e.g. {"type":"ping"}' onChange={(event) => setKeepAlive(id, { heartbeatMessage: event.target.value })} />
        </label>
        <label>
          <span>every (s)</span>
          <input aria-label="Heartbeat interval" inputMode="decimal" value={settings.heartbeatInterval} placeholder="off" onChange={(event) => setKeepAlive(id, { heartbeatInterval: event.target.value })} />
        </label>
      </div>
      <p className="hint">
        Browsers give pages no way to send WebSocket ping frames (the browser answers the server's pings itself), so the heartbeat
        is an ordinary message, sent while the connection is open and logged as sent.
      </p>
      <label className="keepalive__timeout">
        <span>Connect timeout (s)</span>
        <input aria-label="Connect timeout" inputMode="decimal" value={settings.connectTimeout} placeholder="no limit" onChange={(event) => setKeepAlive(id, { connectTimeout: event.target.value })} />
      </label>
      <p className="hint">A handshake not done by then is closed, and the log says it timed out. Empty or 0: no limit.</p>
      <Alert message={problem} />
    </SideSection>
  );
}

/** "Reconnecting in 3 s (attempt 2)", ticking, with a way to cancel (shown in the endpoint bar). */
export function ReconnectCountdown({ id }: { id: string }) {
  const reconnect = useSession(id, (s) => s.reconnect);
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    if (!reconnect) return;
    // eslint-disable-next-line react-hooks/set-state-in-effect -- a new countdown starts from the current time, not the last tick
    setNow(Date.now());
    const timer = setInterval(() => setNow(Date.now()), 250);
    return () => clearInterval(timer);
  }, [reconnect]);
  if (!reconnect) return null;
  const seconds = Math.max(0, (reconnect.at - now) / 1000);
  return (
    <p className="countdown" role="status" aria-label="Reconnect countdown">
      Reconnecting in {seconds.toFixed(1)} s (attempt {reconnect.attempt})
      <button type="button" className="button" onClick={() => cancelReconnect(id)}>
        Cancel reconnect
      </button>
    </p>
  );
}
