import { useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useSession } from '../../store/appStore';
import { completeGraphql, setProtocolDraft, subscribeGraphql } from '../../store/protocolActions';
import { Field } from './Field';

/** The connection_init payload (for auth): set before Connect, kept in memory only. */
function ConnectionPayload({ id }: { id: string }) {
  const payload = useSession(id, (s) => s.protocolDraft.connectionPayload);
  return <Field label="Connection payload" value={payload} placeholder='{"authToken": "…"}' onChange={(v) => setProtocolDraft(id, { connectionPayload: v })} />;
}

/** Before Connect: what connection_init will carry. */
export function GraphqlConnectOptions({ id }: { id: string }) {
  return (
    <fieldset className="protocol-verbs" aria-label="GraphQL">
      <legend>GraphQL</legend>
      <ConnectionPayload id={id} />
      <p className="hint">Sent in connection_init at Connect (a JSON object, optional); kept in memory only, redacted in exports.</p>
    </fieldset>
  );
}

/** GraphQL: a query (or mutation, or subscription) with variables and operation name; each open operation can be completed. */
export function GraphqlVerbs({ id }: { id: string }) {
  const [query, setQuery] = useState('subscription { count(to: 3) }');
  const [variables, setVariables] = useState('');
  const [operationName, setOperationName] = useState('');
  const operations = useSession(id, useShallow((s) => s.protocol?.operations ?? []));
  return (
    <fieldset className="protocol-verbs" aria-label="GraphQL">
      <legend>GraphQL</legend>
      <Field label="Query" rows={3} value={query} onChange={setQuery} />
      <Field label="Variables" rows={2} value={variables} placeholder='{"name": "value"}' onChange={setVariables} />
      <Field label="Operation name" value={operationName} placeholder="optional" onChange={setOperationName} />
      <ConnectionPayload id={id} />
      <p className="protocol-verbs__operations">
        <button type="button" className="button button--primary" onClick={() => subscribeGraphql(id, query, variables, operationName)}>
          Subscribe
        </button>
        {operations.length ? ' Running: ' : null}
        {operations.map((op) => (
          <button key={op} type="button" className="button" onClick={() => completeGraphql(id, op)}>
            Complete {op}
          </button>
        ))}
      </p>
    </fieldset>
  );
}
