import { PanelBoundary } from './PanelBoundary';
import { PlaceholderPreview } from './PlaceholderPreview';
import { RecentEndpoints } from './RecentEndpoints';
import { SavedMessages } from './saved/SavedMessages';

/** The side panel's tools for working with several connections: placeholder preview, saved messages, recent endpoints. */
export function WorkspacePanel({ id }: { id: string }) {
  return (
    <>
      <PanelBoundary name="placeholder preview">
        <PlaceholderPreview id={id} />
      </PanelBoundary>
      <PanelBoundary name="saved messages panel">
        <SavedMessages id={id} />
      </PanelBoundary>
      <PanelBoundary name="recent endpoints panel">
        <RecentEndpoints id={id} />
      </PanelBoundary>
    </>
  );
}
