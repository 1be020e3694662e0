import { useMemo } from 'react';
import { List, type RowComponentProps } from 'react-window';
import { BYTES_PER_LINE, hexDumpLine, lineCount } from '../codecs/hexDump';
import { formatBytes } from '../format/bytes';

/** Height of one dump line in pixels (the CSS line-height matches). */
export const HEX_LINE_HEIGHT = 16;
/**
 * Most lines the dump shows: 16 MiB. NOTE: 1,048,576 lines × 16 px stays under the tallest element
 * browsers lay out (Firefox ≈ 17.9 million px); larger payloads show this much and say so.
 */
export const MAX_HEX_LINES = (16 * 1024 * 1024) / BYTES_PER_LINE;

interface LineProps {
  bytes: Uint8Array;
}

function Line({ index, style, bytes, ariaAttributes }: RowComponentProps<LineProps>) {
  return (
    <div {...ariaAttributes} className="hexdump__line" style={style}>
      {hexDumpLine(bytes, index)}
    </div>
  );
}

/**
 * A classic hex dump (offset, 16 bytes of hex, printable ASCII). Only the visible lines are in the
 * DOM (react-window with one fixed line height), so a 16 MiB payload opens at once.
 */
export function HexDump({ bytes }: { bytes: Uint8Array }) {
  const total = lineCount(bytes.length);
  const count = Math.min(total, MAX_HEX_LINES);
  const rowProps = useMemo(() => ({ bytes }), [bytes]);
  if (total === 0) return <p className="message-details__note">The payload is empty (0 bytes).</p>;
  return (
    <div className="hexdump">
      {count < total ? (
        <p className="message-details__note">
          Showing the first {formatBytes(count * BYTES_PER_LINE)} of {formatBytes(bytes.length)}; use Download payload for all of it.
        </p>
      ) : null}
      <List
        className="hexdump__list"
        aria-label="Hex dump"
        tabIndex={0}
        rowComponent={Line}
        rowCount={count}
        rowHeight={HEX_LINE_HEIGHT}
        rowProps={rowProps}
        defaultHeight={320}
        overscanCount={12}
      />
    </div>
  );
}
