import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../store/appStore';
import { MqttVerbs } from './protocol/MqttVerbs';
import { completeGraphql, emitSocketIo, invokeSignalr, sendStomp, subscribeGraphql, subscribeStomp } from '../store/protocolActions';

/** The running protocol's verbs above the raw composer (which stays available): nobody types framing by hand. */
export function ProtocolVerbs({ id }: { id: string }) {
  const protocolId = useSession(id, (s) => s.protocol?.id ?? null);
  if (protocolId === 'socketio') return <SocketIoVerbs id={id} />;
  if (protocolId === 'graphql') return <GraphqlVerbs id={id} />;
  if (protocolId === 'mqtt') return <MqttVerbs id={id} />;
  if (protocolId === 'stomp') return <StompVerbs id={id} />;
  if (protocolId === 'signalr') return <SignalrVerbs id={id} />;
  return null;
}

/** Socket.IO: an event with JSON arguments, with or without an acknowledgement. */
function SocketIoVerbs({ id }: { id: string }) {
  const [event, setEvent] = useState('message');
  const [args, setArgs] = useState('["hello"]');
  const [ack, setAck] = useState(true);
  return (
    <fieldset className="protocol-verbs" aria-label="Socket.IO">
      <legend>Socket.IO</legend>
      <label>
        Event <input aria-label="Event" type="text" spellCheck={false} value={event} onChange={(e) => setEvent(e.target.value)} />
      </label>
      <label>
        Arguments{' '}
        <textarea aria-label="Arguments" rows={2} spellCheck={false} value={args} placeholder='["hello", {"n": 1}]' onChange={(e) => setArgs(e.target.value)} />
      </label>
      <label>
        <input type="checkbox" checked={ack} onChange={(e) => setAck(e.target.checked)} /> Expect ack
      </label>
      <button type="button" className="button button--primary" onClick={() => emitSocketIo(id, event, args, ack)}>
        Emit
      </button>
    </fieldset>
  );
}

/** GraphQL: a query (or mutation, or subscription) with variables; each open operation can be completed. */
function GraphqlVerbs({ id }: { id: string }) {
  const [query, setQuery] = useState('subscription { count(to: 3) }');
  const [variables, setVariables] = useState('');
  const operations = useSession(id, useShallow((s) => s.protocol?.operations ?? []));
  return (
    <fieldset className="protocol-verbs" aria-label="GraphQL">
      <legend>GraphQL</legend>
      <label>
        Query <textarea aria-label="Query" rows={3} spellCheck={false} value={query} onChange={(e) => setQuery(e.target.value)} />
      </label>
      <label>
        Variables{' '}
        <textarea aria-label="Variables" rows={2} spellCheck={false} value={variables} placeholder='{"name": "value"}' onChange={(e) => setVariables(e.target.value)} />
      </label>
      <button type="button" className="button button--primary" onClick={() => subscribeGraphql(id, query, variables)}>
        Subscribe
      </button>
      {operations.length ? (
        <p className="protocol-verbs__operations">
          Running:{' '}
          {operations.map((op) => (
            <button key={op} type="button" className="button" onClick={() => completeGraphql(id, op)}>
              Complete {op}
            </button>
          ))}
        </p>
      ) : null}
    </fieldset>
  );
}

/** STOMP: subscribe to a destination, or send the Message below to it (the NUL terminator is added). */
function StompVerbs({ id }: { id: string }) {
  const [destination, setDestination] = useState('/topic/chat');
  return (
    <fieldset className="protocol-verbs" aria-label="STOMP">
      <legend>STOMP</legend>
      <label>
        Destination <input aria-label="Destination" type="text" spellCheck={false} value={destination} onChange={(e) => setDestination(e.target.value)} />
      </label>
      <p className="protocol-verbs__operations">
        <button type="button" className="button" onClick={() => subscribeStomp(id, destination)}>
          Subscribe destination
        </button>
        <button type="button" className="button button--primary" onClick={() => sendStomp(id, destination)}>
          Send frame
        </button>
      </p>
      <p className="hint">Send frame sends the Message below as the body.</p>
    </fieldset>
  );
}

/** SignalR: invoke a hub method with JSON arguments; its completion is matched to it. */
function SignalrVerbs({ id }: { id: string }) {
  const [target, setTarget] = useState('echo');
  const [args, setArgs] = useState('["hello"]');
  return (
    <fieldset className="protocol-verbs" aria-label="SignalR">
      <legend>SignalR</legend>
      <label>
        Target <input aria-label="Target" type="text" spellCheck={false} value={target} onChange={(e) => setTarget(e.target.value)} />
      </label>
      <label>
        Arguments{' '}
        <textarea aria-label="Arguments" rows={2} spellCheck={false} value={args} placeholder='["hello", 1]' onChange={(e) => setArgs(e.target.value)} />
      </label>
      <button type="button" className="button button--primary" onClick={() => invokeSignalr(id, target, args)}>
        Invoke
      </button>
    </fieldset>
  );
}
