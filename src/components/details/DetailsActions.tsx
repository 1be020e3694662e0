import { toBase64 } from '../../codecs/base64';
import { toHex } from '../../codecs/hex';
import { formatBytes } from '../../format/bytes';
import { formatCount } from '../../format/count';
import { downloadPayload } from '../../log/downloadPayload';
import { resend as resendEntry } from '../../store/connectionActions';
import type { LogEntry } from '../../store/logEntry';
import { messageOf } from '../../format/thrown';

/** Binary payloads up to this size are copied as hex; larger ones as (shorter) base64. */
export const COPY_HEX_MAX_BYTES = 1024 * 1024;

/** What Copy payload puts on the clipboard, and how to say it: text as text, binary as hex (base64 when large). */
function clipboardText(data: LogEntry['data']): { text: string; how: string } {
  if (typeof data === 'string') return { text: data, how: 'as text' };
  if (data.byteLength <= COPY_HEX_MAX_BYTES) return { text: toHex(new Uint8Array(data)), how: 'as hex' };
  return { text: toBase64(new Uint8Array(data)), how: `as base64 (binary over ${formatBytes(COPY_HEX_MAX_BYTES)} is copied as base64, not hex)` };
}

interface DetailsActionsProps {
  id: string;
  entry: LogEntry;
  /** Says what an action did (or why it could not). */
  onStatus: (status: string) => void;
}

/** Copy payload, Download payload and Resend for one message; each reports what it did through onStatus. */
export function DetailsActions({ id, entry, onStatus }: DetailsActionsProps) {
  const copy = async () => {
    const { text, how } = clipboardText(entry.data);
    if (!navigator.clipboard?.writeText) {
      onStatus('Could not copy: the browser gives this page no clipboard access.');
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      onStatus(`Copied ${formatCount(entry.size)} bytes ${how}.`);
    } catch (error) {
      onStatus(`Could not copy: ${messageOf(error)}`);
    }
  };
  const download = () => {
    try {
      const name = downloadPayload(entry);
      onStatus(`Downloading ${name} (${formatCount(entry.size)} bytes).`);
    } catch (error) {
      onStatus(`Could not download: ${messageOf(error)}`);
    }
  };
  return (
    <>
      <button type="button" className="button" onClick={() => void copy()}>
        Copy payload
      </button>
      <button type="button" className="button" onClick={download}>
        Download payload
      </button>
      <button type="button" className="button" title="Put this payload into the composer (it is not sent)" onClick={() => onStatus(resendEntry(id, entry))}>
        Resend
      </button>
    </>
  );
}
