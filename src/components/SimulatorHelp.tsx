import { isSimulatorUrl } from '../protocol/url';
import { SIMULATOR_COMMANDS, SIMULATOR_PROTOCOLS } from '../protocol/simulatorCommands';
import { useSession } from '../store/appStore';

/** The Simulator's commands, shown while the URL points at it. */
export function SimulatorHelp({ id }: { id: string }) {
  const isSimulator = useSession(id, (s) => isSimulatorUrl(s.drafts.url));
  if (!isSimulator) return null;
  return (
    <section className="sim-help" aria-label="Simulator commands">
      <h2>Simulator</h2>
      <p className="hint">Runs inside this page, no network. It echoes what you send and obeys these commands (send them as Text):</p>
      <ul>
        {SIMULATOR_COMMANDS.map((c) => (
          <li key={c.command}>
            <code>{c.command}</code> {c.effect}
          </li>
        ))}
      </ul>
      <p className="hint">It also speaks protocols on top of WebSocket (its commands then do not apply):</p>
      <ul>
        {SIMULATOR_PROTOCOLS.map((p) => (
          <li key={p.protocol}>
            <strong>{p.protocol}</strong> ({p.how}): {p.speaks}
          </li>
        ))}
      </ul>
    </section>
  );
}
