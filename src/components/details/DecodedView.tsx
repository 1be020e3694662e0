import { visibleText } from '../../format/visibleText';
import type { DecodedFrame } from '../../protocol/sessions/types';
import { JsonTree } from '../JsonTree';

/** The frame as the running protocol reads it: a tree, or why it does not parse (the raw frame is in Text and Hex). */
export function DecodedView({ decoded }: { decoded: DecodedFrame }) {
  if (decoded.error) {
    return (
      <p className="message-details__not-json" role="alert">
        <strong>Does not parse.</strong> {visibleText(decoded.error)} The raw frame is in the Text and Hex views.
      </p>
    );
  }
  return (
    <>
      <p className="message-details__note">{visibleText(decoded.summary)}</p>
      <JsonTree value={decoded.tree} />
    </>
  );
}
