import { visibleText } from '../format/visibleText';
import { describeCloseCode } from '../protocol/closeCodes';
import { useSession } from '../store/appStore';

/** What the handshake settled (URL, subprotocol, extensions, time) and, once closed, how it ended. */
export function ConnectionDetails({ id }: { id: string }) {
  const negotiated = useSession(id, (s) => s.negotiated);
  const openedUrl = useSession(id, (s) => s.openedUrl);
  const lastClose = useSession(id, (s) => s.lastClose);
  return (
    <>
      {negotiated && openedUrl ? (
        <dl className="details" aria-label="Negotiated details">
          <div>
            <dt>Endpoint</dt>
            <dd>{openedUrl}</dd>
          </div>
          <div>
            <dt>Subprotocol</dt>
            <dd>{visibleText(negotiated.protocol) || 'none'}</dd>
          </div>
          <div>
            <dt>Extensions</dt>
            <dd>{visibleText(negotiated.extensions) || 'none'}</dd>
          </div>
          <div>
            <dt>Handshake</dt>
            <dd>{negotiated.handshakeMs} ms</dd>
          </div>
        </dl>
      ) : null}
      {lastClose ? <CloseSummary code={lastClose.code} reason={lastClose.reason} wasClean={lastClose.wasClean} /> : null}
    </>
  );
}

/** The last close in words, with the explanation a puzzling code needs (1006 above all). */
function CloseSummary({ code, reason, wasClean }: { code: number; reason: string; wasClean: boolean }) {
  const { name, explanation } = describeCloseCode(code);
  return (
    <p className={`close-summary${wasClean ? '' : ' close-summary--unclean'}`}>
      <strong>
        Closed: {code} {name}
      </strong>
      {' · '}
      {/* The reason is the server's text: hidden characters are shown as markers. */}
      {reason ? `reason "${visibleText(reason)}"` : 'no reason given'}
      {' · '}
      {wasClean ? 'clean close' : 'not clean'}
      {explanation ? <span className="close-summary__explain"> {explanation}</span> : null}
    </p>
  );
}
