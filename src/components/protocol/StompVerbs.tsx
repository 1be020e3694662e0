import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../../store/appStore';
import { acknowledgeStomp, sendStomp, setProtocolDraft, subscribeStomp, unsubscribeStomp } from '../../store/protocolActions';
import { ACK_MODES, type AckMode } from '../../protocol/sessions/stomp/headers';
import { Field } from './Field';

/** STOMP: subscribe (with an ack mode) and unsubscribe, send the Message below with headers, ack or nack what arrived. */
export function StompVerbs({ id }: { id: string }) {
  const [destination, setDestination] = useState('/topic/chat');
  const [ackMode, setAckMode] = useState<AckMode>('auto');
  const headers = useSession(id, (s) => s.protocolDraft.stompHeaders);
  const subscriptions = useSession(id, useShallow((s) => s.protocol?.operations ?? []));
  const waiting = useSession(id, useShallow((s) => s.protocol?.ack ?? null));
  return (
    <fieldset className="protocol-verbs" aria-label="STOMP">
      <legend>STOMP</legend>
      <Field label="Destination" value={destination} onChange={setDestination} />
      <p className="protocol-verbs__operations">
        <label className="protocol-verbs__check">
          Ack mode{' '}
          <select aria-label="Ack mode" value={ackMode} onChange={(e) => setAckMode(e.target.value as AckMode)}>
            {ACK_MODES.map((mode) => (
              <option key={mode} value={mode}>
                {mode}
              </option>
            ))}
          </select>
        </label>
        <button type="button" className="button" onClick={() => subscribeStomp(id, destination, ackMode)}>
          Subscribe destination
        </button>
      </p>
      <Field label="Headers" name="STOMP headers" rows={2} value={headers} placeholder="priority: 9" onChange={(v) => setProtocolDraft(id, { stompHeaders: v })} />
      <p className="protocol-verbs__operations">
        <button type="button" className="button button--primary" onClick={() => sendStomp(id, destination)} title="Sends the Message below as the body, with these headers (one name: value a line)">
          Send frame
        </button>
        {subscriptions.map((sub) => (
          <button key={sub} type="button" className="button" onClick={() => unsubscribeStomp(id, sub)}>
            Unsubscribe {sub}
          </button>
        ))}
      </p>
      {waiting ? (
        <p className="protocol-verbs__operations">
          <span className="protocol-verbs__waiting">
            Next to ack: {waiting.next}
            {waiting.waiting > 1 ? `, ${waiting.waiting} waiting` : ''}
          </span>
          <button type="button" className="button" onClick={() => acknowledgeStomp(id, true)}>
            Ack
          </button>
          <button type="button" className="button" onClick={() => acknowledgeStomp(id, false)}>
            Nack
          </button>
        </p>
      ) : null}
      <p className="hint">Send frame sends the Message below as the body.</p>
    </fieldset>
  );
}
