import { Component, Fragment, type ErrorInfo, type ReactNode } from 'react';

// A message can be anything thrown; a bounded line is enough to say what went wrong.
const MAX_MESSAGE = 300;

interface PanelBoundaryProps {
  /** What the panel is, as a person would say it: "log panel" gives "The log panel failed to render: …". */
  name: string;
  children: ReactNode;
}

interface PanelBoundaryState {
  error: unknown;
  failed: boolean;
  /** Bumped by `Reload panel`: a new key remounts the children from the store's (unchanged) data. */
  generation: number;
}

/** The text of anything thrown, bounded: Error messages, strings, or whatever else a bug throws. */
export function describeError(error: unknown): string {
  let text: string;
  if (error instanceof Error) text = error.message || error.name;
  else if (typeof error === 'string') text = error;
  else {
    try {
      text = String(error);
    } catch {
      text = 'unknown error';
    }
  }
  text = text.trim() || 'unknown error';
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/**
 * An error boundary around one part of the page: when its children throw while rendering it shows an
 * alert naming what failed, with `Reload panel` to mount them again, and the rest of the page keeps
 * working. Nothing is lost by a reload: connections, logs and drafts live in the store, outside React.
 */
export class PanelBoundary extends Component<PanelBoundaryProps, PanelBoundaryState> {
  state: PanelBoundaryState = { error: null, failed: false, generation: 0 };

  static getDerivedStateFromError(error: unknown): Partial<PanelBoundaryState> {
    return { error, failed: true };
  }

  componentDidCatch(error: unknown, info: ErrorInfo): void {
    // NOTE: React 19 already reports caught errors (createRoot's onCaughtError logs them); this adds which panel.
    console.error(`${this.props.name} failed to render`, error, info.componentStack);
  }

  private readonly reload = () => {
    this.setState((s) => ({ error: null, failed: false, generation: s.generation + 1 }));
  };

  render(): ReactNode {
    const { name, children } = this.props;
    if (this.state.failed) {
      // The error text is rendered as a text node: a message built from server data stays text.
      return (
        <div role="alert" className="alert panel-failed">
          <p>
            The {name} failed to render: {describeError(this.state.error)}
          </p>
          <button type="button" className="button" onClick={this.reload}>
            Reload panel
          </button>
        </div>
      );
    }
    return <Fragment key={this.state.generation}>{children}</Fragment>;
  }
}
