import { useState } from 'react';
import { invokeSignalr } from '../../store/protocolActions';
import { Field } from './Field';

/** SignalR: invoke a hub method with JSON arguments; its completion is matched to it. */
export function SignalrVerbs({ id }: { id: string }) {
  const [target, setTarget] = useState('echo');
  const [args, setArgs] = useState('["hello"]');
  return (
    <fieldset className="protocol-verbs" aria-label="SignalR">
      <legend>SignalR</legend>
      <Field label="Target" value={target} onChange={setTarget} />
      <Field label="Arguments" rows={2} value={args} placeholder='["hello", 1]' onChange={setArgs} />
      <button type="button" className="button button--primary" onClick={() => invokeSignalr(id, target, args)}>
        Invoke
      </button>
    </fieldset>
  );
}
