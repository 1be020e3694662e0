/// <reference lib="webworker" />
import { createSocketHost } from './socketHost';
import type { FromSocketWorker, ToSocketWorker } from './socketWorkerProtocol';

/** The worker that holds the page's sockets (see socketHost.ts for why). */
const scope = self as unknown as DedicatedWorkerGlobalScope;
const post = (message: FromSocketWorker, transfer: Transferable[]) => scope.postMessage(message, transfer);
const host = createSocketHost(post);
scope.onmessage = (event: MessageEvent<ToSocketWorker>) => host.handle(event.data);
post({ t: 'ready' }, []);
