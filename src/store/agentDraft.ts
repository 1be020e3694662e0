/**
 * What a connection tab has typed for the local agent. Kept in memory only (never in browser
 * storage, share links or exports): `Headers` and the passphrase often hold credentials.
 */

/** Which transport a tab connects through. */
export type ConnectVia = 'browser' | 'agent';

export interface AgentDraft {
  connectVia: ConnectVia;
  /** One `Name: value` a line. */
  headers: string;
  verifyCertificate: boolean;
  /** PEM paths on the agent's machine. */
  clientCert: string;
  clientKey: string;
  /** A PKCS#12 path and its passphrase. */
  pfxPath: string;
  pfxPassphrase: string;
  /** http:// or https:// proxy (CONNECT). */
  proxyUrl: string;
  answerPings: boolean;
  /** What `Send ping` sends, as text. */
  pingPayload: string;
}

export const DEFAULT_AGENT_DRAFT: Readonly<AgentDraft> = Object.freeze({
  connectVia: 'browser',
  headers: '',
  verifyCertificate: true,
  clientCert: '',
  clientKey: '',
  pfxPath: '',
  pfxPassphrase: '',
  proxyUrl: '',
  answerPings: true,
  pingPayload: '',
});
