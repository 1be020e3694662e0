import { AgentPanel } from './agent/AgentPanel';
import { ClosePanel } from './ClosePanel';
import { Composer } from './Composer';
import { EndpointBar } from './EndpointBar';
import { KeepAlivePanel } from './KeepAlivePanel';
import { LogPanel } from './LogPanel';
import { MessageDetails } from './MessageDetails';
import { PanelBoundary } from './PanelBoundary';
import { ShareTools } from './ShareTools';
import { SimulatorHelp } from './SimulatorHelp';
import { WorkspacePanel } from './WorkspacePanel';

/** Everything for one connection (one tab's panel): its bar, log, details, composer and tools. */
export function ConnectionView({ id }: { id: string }) {
  return (
    <div className="connection" role="tabpanel" id={`panel-${id}`} aria-labelledby={`tab-${id}`}>
      {/* One boundary per panel: a panel that throws says so and the others keep working. */}
      <PanelBoundary name="endpoint bar">
        <EndpointBar id={id} />
      </PanelBoundary>
      <div className="connection__body">
        <div className="log-column">
          <PanelBoundary name="log panel">
            <LogPanel id={id} />
          </PanelBoundary>
          <PanelBoundary name="message details">
            <MessageDetails id={id} />
          </PanelBoundary>
        </div>
        <aside className="side">
          <PanelBoundary name="composer">
            <Composer id={id} />
          </PanelBoundary>
          <PanelBoundary name="local agent">
            <AgentPanel id={id} />
          </PanelBoundary>
          <PanelBoundary name="close panel">
            <ClosePanel id={id} />
          </PanelBoundary>
          <PanelBoundary name="simulator help">
            <SimulatorHelp id={id} />
          </PanelBoundary>
          <PanelBoundary name="keep-alive panel">
            <KeepAlivePanel id={id} />
          </PanelBoundary>
          <WorkspacePanel id={id} />
          <PanelBoundary name="share tools">
            <ShareTools id={id} />
          </PanelBoundary>
        </aside>
      </div>
    </div>
  );
}
