import type { Payload } from '../connection/types';
import { detectFromFrame, detectProtocol, type Detection } from '../protocol/sessions/detect';
import { isSupported, loadProtocol } from '../protocol/sessions/loader';
import { protocolLabel, type ProtocolChoice, type ProtocolContext, type ProtocolRuntime } from '../protocol/sessions/types';
import type { ProtocolView } from './sessionTypes';

/** How many of the first frames (either way) Auto reads for a protocol's greeting. */
export const SNIFF_FRAMES = 4;

/** What the driver needs from its session. */
export interface DriverHost {
  /** Sends a frame the protocol made; false when the connection is not open. */
  send(frame: Payload, housekeeping: boolean): boolean;
  note(text: string, kind?: 'info' | 'error'): void;
  /** The frames received since the connection opened, oldest first, each with a way to mark it housekeeping. */
  receivedSinceOpen(): Iterable<{ data: Payload; at: number; markAuto: () => void }>;
  show(view: ProtocolView | null): void;
  /** Sets what reads each received frame (true for housekeeping frames); null reads none. */
  watch(watcher: ((data: Payload, at: number) => boolean) | null): void;
  /** Whether the connection is still the one the driver was started for. */
  isOpen(): boolean;
}

/**
 * Picks, loads and runs the protocol of one open connection. In Raw it costs nothing per frame:
 * the host's watcher is null unless a protocol (or Auto's look at the first frames) needs each frame.
 */
export class ProtocolDriver {
  private runtime: ProtocolRuntime | null = null;
  private epoch = 0;
  private sniffLeft = 0;
  private context: ProtocolContext = { url: '', subprotocol: '' };
  private view: ProtocolView | null = null;

  constructor(private readonly host: DriverHost) {}

  /** The running protocol's runtime, for the composer's verbs. */
  get active(): ProtocolRuntime | null {
    return this.runtime;
  }

  /** Starts on an opened connection: the choice, or Auto's pick from the subprotocol and URL (else the first frames). */
  opened(choice: ProtocolChoice, context: ProtocolContext): void {
    this.stop();
    this.context = context;
    if (choice === 'raw') return;
    if (choice !== 'auto') return this.activate({ id: choice, reason: 'chosen' });
    const detection = detectProtocol(context.url, context.subprotocol);
    if (detection) return this.activate(detection);
    this.sniffLeft = SNIFF_FRAMES;
    this.host.watch((data) => {
      this.sniff(data);
      return false;
    });
    this.publish({ id: null, label: 'Raw', reason: 'Auto: nothing detected yet, so Raw', operations: [], ...this.where() });
  }

  /** A frame the user sent: Auto may learn the protocol from it (the SignalR handshake). */
  sentByUser(data: Payload): void {
    if (this.sniffLeft > 0) this.sniff(data);
  }

  /** The user closes the open connection: the protocol may say goodbye first. */
  closing(): void {
    this.runtime?.closing?.();
  }

  /** Stops the running protocol (the connection closed or is replaced). */
  stop(): void {
    this.epoch++;
    this.runtime?.dispose();
    this.runtime = null;
    this.host.watch(null);
    this.sniffLeft = 0;
    if (this.view?.id) this.publish({ ...this.view, operations: [], ack: null });
  }

  private sniff(data: Payload): void {
    this.sniffLeft--;
    const detection = detectFromFrame(data);
    if (detection) {
      this.context = { ...this.context, greeted: true };
      this.activate(detection);
    }
    else if (this.sniffLeft <= 0) this.host.watch(null);
  }

  private activate(detection: Detection): void {
    this.sniffLeft = 0;
    this.host.watch(null);
    const label = protocolLabel(detection.id);
    if (!isSupported(detection.id)) {
      this.publish({ id: null, label: 'Raw', reason: `${label} ${detection.reason}, but not built yet, so Raw`, operations: [], ...this.where() });
      this.host.note(`${label} picked ${detection.reason}, but this version does not speak it yet: frames are shown raw`);
      return;
    }
    const epoch = this.epoch;
    void loadProtocol(detection.id).then((module) => {
      if (epoch !== this.epoch || !this.host.isOpen()) return;
      if (!module) {
        this.host.note(`The ${label} module could not be loaded (offline?): frames are shown raw`, 'error');
        return;
      }
      const runtime = module.createRuntime(
        {
          send: (frame, housekeeping) => {
            if (epoch === this.epoch) this.host.send(frame, housekeeping);
          },
          note: (text, kind) => this.host.note(text, kind),
          changed: (view) => {
            if (epoch === this.epoch && this.view) this.publish({ ...this.view, operations: view.operations, ack: view.ack ?? null });
          },
        },
        this.context,
      );
      this.runtime = runtime;
      this.publish({ id: detection.id, label, reason: detection.reason, operations: [], ...this.where() });
      this.host.note(`Protocol: ${label} (${detection.reason}); its housekeeping is done for you and shown dimmed`);
      // Frames that arrived while the module loaded (Engine.IO's open packet comes at once).
      for (const frame of this.host.receivedSinceOpen()) if (runtime.received(frame.data, frame.at)) frame.markAuto();
      runtime.start();
      this.host.watch((data, at) => runtime.received(data, at));
    });
  }

  /** What the view needs of the context (the options stay out of the store: they may hold a token). */
  private where(): { url: string; subprotocol: string } {
    return { url: this.context.url, subprotocol: this.context.subprotocol };
  }

  private publish(view: ProtocolView): void {
    this.view = view;
    this.host.show(view);
  }
}
