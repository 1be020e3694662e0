import { ClosePanel } from './ClosePanel';
import { Composer } from './Composer';
import { EndpointBar } from './EndpointBar';
import { LogPanel } from './LogPanel';
import { SimulatorHelp } from './SimulatorHelp';

/** Everything for one connection: its bar, log, composer and close fields. */
export function ConnectionView({ id }: { id: string }) {
  return (
    <div className="connection">
      <EndpointBar id={id} />
      <div className="connection__body">
        <LogPanel id={id} />
        <aside className="side">
          <Composer id={id} />
          <ClosePanel id={id} />
          <SimulatorHelp id={id} />
        </aside>
      </div>
    </div>
  );
}
