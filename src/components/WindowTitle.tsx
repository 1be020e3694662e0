import { useEffect } from 'react';
import { connectionLabel } from '../secrets/connectionLabel';
import { useSession } from '../store/appStore';

const APP_NAME = 'WebSocket Tester';

/** The window title for a connection's URL: `host/path — WebSocket Tester`, never with a secret in it. */
export function windowTitle(url: string): string {
  const label = connectionLabel(url);
  return label ? `${label} — ${APP_NAME}` : APP_NAME;
}

/** Keeps `document.title` on the active connection (renders nothing). */
export function WindowTitle({ id }: { id: string }) {
  const url = useSession(id, (s) => s.openedUrl ?? s.drafts.url);
  useEffect(() => {
    document.title = windowTitle(url);
  }, [url]);
  return null;
}
