import { useState } from 'react';
import { useSession } from '../../store/appStore';
import { emitSocketIo, setProtocolDraft } from '../../store/protocolActions';
import { Field } from './Field';

/** Namespace and auth: the namespace joined at Connect (and before the first emit to another), with its auth object. */
function SocketIoGreeting({ id }: { id: string }) {
  const namespace = useSession(id, (s) => s.protocolDraft.namespace);
  const auth = useSession(id, (s) => s.protocolDraft.auth);
  return (
    <div className="protocol-verbs__row">
      <Field label="Namespace" value={namespace} placeholder="/" onChange={(v) => setProtocolDraft(id, { namespace: v })} />
      <Field label="Auth" value={auth} placeholder='{"token": "…"}' onChange={(v) => setProtocolDraft(id, { auth: v })} />
    </div>
  );
}

/** Before Connect: where Socket.IO will join, and with what auth. */
export function SocketIoConnectOptions({ id }: { id: string }) {
  return (
    <fieldset className="protocol-verbs" aria-label="Socket.IO">
      <legend>Socket.IO</legend>
      <SocketIoGreeting id={id} />
      <p className="hint">Joined at Connect; Auth (a JSON object, optional) goes in the namespace CONNECT and is kept in memory only.</p>
    </fieldset>
  );
}

/** Socket.IO: an event with JSON arguments to a namespace, with or without an acknowledgement. */
export function SocketIoVerbs({ id }: { id: string }) {
  const [event, setEvent] = useState('message');
  const [args, setArgs] = useState('["hello"]');
  const [ack, setAck] = useState(true);
  return (
    <fieldset className="protocol-verbs" aria-label="Socket.IO">
      <legend>Socket.IO</legend>
      <SocketIoGreeting id={id} />
      <div className="protocol-verbs__row">
        <Field label="Event" value={event} onChange={setEvent} />
        <label className="protocol-verbs__check">
          <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> Expect ack
        </label>
      </div>
      <Field label="Arguments" rows={2} value={args} placeholder='["hello", {"n": 1}]' onChange={setArgs} />
      <button type="button" className="button button--primary" onClick={() => emitSocketIo(id, event, args, ack)}>
        Emit
      </button>
    </fieldset>
  );
}
