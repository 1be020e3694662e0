import { PlaceholderPreview } from './PlaceholderPreview';
import { RecentEndpoints } from './RecentEndpoints';
import { SavedMessages } from './saved/SavedMessages';

/** The side panel's tools for working with several connections: placeholder preview, saved messages, recent endpoints. */
export function WorkspacePanel({ id }: { id: string }) {
  return (
    <>
      <PlaceholderPreview id={id} />
      <SavedMessages id={id} />
      <RecentEndpoints id={id} />
    </>
  );
}
