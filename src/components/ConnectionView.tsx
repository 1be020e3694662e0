import { ClosePanel } from './ClosePanel';
import { Composer } from './Composer';
import { EndpointBar } from './EndpointBar';
import { KeepAlivePanel } from './KeepAlivePanel';
import { LogPanel } from './LogPanel';
import { MessageDetails } from './MessageDetails';
import { ShareTools } from './ShareTools';
import { SimulatorHelp } from './SimulatorHelp';
import { WorkspacePanel } from './WorkspacePanel';

/** Everything for one connection (one tab's panel): its bar, log, details, composer and tools. */
export function ConnectionView({ id }: { id: string }) {
  return (
    <div className="connection" role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`}>
      <EndpointBar id={id} />
      <div className="connection__body">
        <div className="log-column">
          <LogPanel id={id} />
          <MessageDetails id={id} />
        </div>
        <aside className="side">
          <Composer id={id} />
          <ClosePanel id={id} />
          <SimulatorHelp id={id} />
          <KeepAlivePanel id={id} />
          <WorkspacePanel id={id} />
          <ShareTools id={id} />
        </aside>
      </div>
    </div>
  );
}
