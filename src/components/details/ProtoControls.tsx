import { useRef, useState } from 'react';
import { loadBinaryCodecs } from '../../codecs/binary/load';
import { readFileText } from '../../files/fileIO';
import { messageTypeFor, setMessageType, setProtoSchema, useProto } from '../../store/protoStore';
import { Alert } from '../Alert';
import { messageOf } from '../../format/thrown';

/** Load .proto (one or more files) and the Message type to decode with, remembered per endpoint. */
export function ProtoControls({ url }: { url: string }) {
  const schema = useProto((s) => s.schema);
  const type = useProto((s) => messageTypeFor(s, url));
  const [problem, setProblem] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  const onFiles = async (list: FileList | null) => {
    const files = [...(list ?? [])];
    if (files.length === 0) return;
    try {
      const [codecs, texts] = await Promise.all([loadBinaryCodecs(), Promise.all(files.map(async (f) => ({ name: f.name, text: await readFileText(f) })))]);
      const loaded = codecs.loadProtoFiles(texts);
      if (!loaded.ok) return setProblem(`Could not load .proto: ${loaded.error}`);
      setProblem(null);
      setProtoSchema(loaded.value);
      if (!messageTypeFor({ schema: loaded.value, typeByEndpoint: useProto.getState().typeByEndpoint }, url) && loaded.value.types.length > 0) {
        setMessageType(url, loaded.value.types[0]!);
      }
    } catch (error) {
      setProblem(`Could not load .proto: ${messageOf(error)}`);
    }
  };

  return (
    <div className="decode-as__proto">
      <button type="button" className="button" onClick={() => fileInput.current?.click()} title="Choose one or more .proto files (kept in this page only)">
        Load .proto
      </button>
      <input
        ref={fileInput}
        type="file"
        accept=".proto,text/plain"
        multiple
        hidden
        tabIndex={-1}
        aria-hidden="true"
        data-testid="load-proto-file"
        onChange={(event) => {
          const input = event.currentTarget;
          void onFiles(input.files).finally(() => {
            input.value = '';
          });
        }}
      />
      <label className="decode-as__field">
        <span>Message type</span>
        <select aria-label="Message type" value={type} onChange={(event) => setMessageType(url, event.target.value)}>
          <option value="">Raw field numbers (no schema)</option>
          {schema?.types.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      {schema ? <span className="decode-as__note">Loaded: {schema.files.join(', ')}</span> : null}
      <Alert message={problem} />
    </div>
  );
}
