import { create } from 'zustand';
import type { ProtoSchema } from '../codecs/binary/protobufSchema';
import { endpointKey } from '../secrets/urlSecrets';

/**
 * The loaded .proto schema (shared by every connection tab) and the Message type chosen per
 * endpoint, which src/persist stores. NOTE: the .proto text is kept in memory only (files can be
 * large and hold internal API shapes); the user loads them again after a reload.
 */
export interface ProtoState {
  schema: ProtoSchema | null;
  /** endpointKey(url) → full name of the chosen message type; '' is the raw field-number view. */
  typeByEndpoint: Record<string, string>;
}

/** The loaded .proto files and the Message type per endpoint. */
export const useProto = create<ProtoState>()(() => ({ schema: null, typeByEndpoint: {} }));

/** Replaces the loaded schema (a new Load .proto replaces the old files). */
export function setProtoSchema(schema: ProtoSchema): void {
  useProto.setState({ schema });
}

/** Remembers the Message type for an endpoint ('' for raw). */
export function setMessageType(url: string, type: string): void {
  useProto.setState((s) => ({ typeByEndpoint: { ...s.typeByEndpoint, [endpointKey(url)]: type } }));
}

/** The Message type remembered for an endpoint, if the loaded schema has it; else '' (raw). */
export function messageTypeFor(state: ProtoState, url: string): string {
  const type = state.typeByEndpoint[endpointKey(url)] ?? '';
  return type && state.schema?.types.includes(type) ? type : '';
}
