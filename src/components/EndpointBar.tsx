import { useMemo } from 'react';
import { connect, disconnect, setDraft } from '../store/connectionActions';
import { useSession } from '../store/appStore';
import { presets } from '../endpoint/presets';
import { ConnectViaPicker } from './agent/ConnectViaPicker';
import { Alert } from './Alert';
import { ConnectionDetails } from './ConnectionDetails';
import { ReconnectCountdown } from './KeepAlivePanel';
import { ProtocolPicked, ProtocolPicker } from './ProtocolPicker';

/** URL, preset, subprotocols, Connect/Disconnect and the connection state. */
export function EndpointBar({ id }: { id: string }) {
  const url = useSession(id, (s) => s.drafts.url);
  const subprotocols = useSession(id, (s) => s.drafts.subprotocols);
  const readyState = useSession(id, (s) => s.readyState);
  const problem = useSession(id, (s) => s.problems.endpoint);
  const warning = useSession(id, (s) => s.warning);
  const presetList = useMemo(() => presets(), []);
  const chosen = presetList.find((p) => p.url && p.url === url)?.name ?? '';
  const isClosed = readyState === 'CLOSED';
  const readOnly = useSession(id, (s) => Boolean(s.readOnly));

  return (
    <section className="endpoint" aria-label="Endpoint">
      <form
        className="endpoint__row"
        onSubmit={(event) => {
          event.preventDefault();
          if (readOnly) return;
          if (isClosed) connect(id);
          else disconnect(id);
        }}
      >
        <select
          aria-label="Preset"
          className="endpoint__preset"
          value={chosen}
          onChange={(event) => {
            const preset = presetList.find((p) => p.name === event.target.value);
            if (preset?.url) setDraft(id, { url: preset.url });
          }}
        >
          <option value="">Preset…</option>
          {presetList.map((preset) => (
            <option key={preset.name} value={preset.name} disabled={Boolean(preset.unavailable)} title={preset.unavailable ?? preset.url}>
              {preset.name}
            </option>
          ))}
        </select>
        <input
          aria-label="URL"
          className="endpoint__url"
          type="text"
          inputMode="url"
          spellCheck={false}
          autoComplete="off"
          placeholder="wss://example.com/socket"
          value={url}
          aria-invalid={problem ? true : undefined}
          onChange={(event) => setDraft(id, { url: event.target.value })}
        />
        <input
          aria-label="Subprotocols"
          className="endpoint__protocols"
          type="text"
          spellCheck={false}
          autoComplete="off"
          placeholder="subprotocols, e.g. chat, json"
          value={subprotocols}
          onChange={(event) => setDraft(id, { subprotocols: event.target.value })}
        />
        <ConnectViaPicker id={id} />
        <ProtocolPicker id={id} />
        <button
          type="submit"
          className={isClosed ? 'button button--primary' : 'button button--danger'}
          disabled={readOnly}
          title={readOnly ? 'An imported log is read-only: go back to the live connection to connect' : undefined}
        >
          {isClosed ? 'Connect' : 'Disconnect'}
        </button>
        <span role="status" aria-label="Connection state" className={`state state--${readyState.toLowerCase()}`}>
          <span className="state__dot" aria-hidden="true" />
          {readyState}
        </span>
      </form>
      <Alert message={problem} />
      {warning ? <p className="warning">{warning}</p> : null}
      <ConnectionDetails id={id} />
      <ProtocolPicked id={id} />
      <ReconnectCountdown id={id} />
    </section>
  );
}
