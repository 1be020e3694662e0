import { describeHandshake } from '../../agent/handshakeText';
import { visibleText } from '../../format/visibleText';
import { useSession } from '../../store/appStore';

/** The last upgrade through the agent: request and response lines and headers, timings, certificate, a refused body. */
export function HandshakeView({ id }: { id: string }) {
  const report = useSession(id, (s) => s.handshake);
  return (
    <section className="agent__handshake" aria-label="Handshake">
      <h3>Handshake</h3>
      {report ? (
        // Focusable: it scrolls when long, and keyboard users must be able to scroll it too.
        <pre tabIndex={0} className={report.ok ? 'agent__handshake-text' : 'agent__handshake-text agent__handshake-text--refused'}>{visibleText(describeHandshake(report))}</pre>
      ) : (
        <p className="hint">The request and response of the next upgrade through the agent appear here.</p>
      )}
    </section>
  );
}
