import { common, parse, Root, Type, type Namespace, type ReflectionObject } from 'protobufjs';
import { toDisplay } from './display';
import { ProtoFault, readTyped, writeTyped } from './protobufReflect';
import { messageOf } from '../../format/thrown';
import { decodeFailure, type DecodeResult } from './result';
import { fail, ok, type ParseResult } from '../result';

/** One .proto file as read from disk. */
export interface ProtoFile {
  name: string;
  text: string;
}

/** Loaded .proto files: the resolved root and the full names of its message types, sorted. */
export interface ProtoSchema {
  root: Root;
  files: string[];
  types: string[];
  /** The files as read, so a worker can build the same schema (a Root cannot be posted). */
  sources: readonly ProtoFile[];
}

/** Full names of every message type under a namespace (without the leading dot). */
function messageTypes(ns: Namespace, out: string[]): string[] {
  for (const child of ns.nestedArray as ReflectionObject[]) {
    if (child instanceof Type) out.push(child.fullName.replace(/^\./, ''));
    if ('nestedArray' in child) messageTypes(child as Namespace, out);
  }
  return out;
}

/**
 * Parses .proto files (protobufjs `parse`) into one root, so files may use each other's types;
 * imports of google/protobuf well-known types are supplied. Errors name the file (and line).
 */
export function loadProtoFiles(files: readonly ProtoFile[]): ParseResult<ProtoSchema> {
  if (files.length === 0) return fail('No .proto file was chosen');
  const root = new Root();
  const imports = new Set<string>();
  for (const file of files) {
    try {
      const parsed = parse(file.text, root, { keepCase: true, alternateCommentMode: true });
      for (const name of [...(parsed.imports ?? []), ...(parsed.weakImports ?? [])]) imports.add(name);
    } catch (error) {
      return fail(`${file.name}: ${messageOf(error)}`);
    }
  }
  for (const name of imports) {
    const known = common.get(name);
    if (known) root.addJSON(known.nested ?? {});
  }
  try {
    root.resolveAll();
  } catch (error) {
    const loaded = files.map((f) => f.name).join(', ');
    return fail(`${messageOf(error)} (in ${loaded}; load every imported .proto file together)`);
  }
  const types = messageTypes(root, []).sort();
  if (types.length === 0) return fail(`${files.map((f) => f.name).join(', ')}: no message types defined`);
  return ok({ root, files: files.map((f) => f.name), types, sources: files.map((f) => ({ name: f.name, text: f.text })) });
}

/** The offset in a protobufjs reader error ("index out of range: 5 + 10 > 12", "... at offset 7"). */
function offsetOf(message: string): number | null {
  const match = /index out of range: (\d+) \+|at offset (\d+)/.exec(message);
  if (!match) return null;
  return Number(match[1] ?? match[2]);
}

/** Decodes bytes as the named message type into a display tree (64-bit integers as strings, enums by name, bytes as hex). */
export function decodeProtobuf(schema: ProtoSchema, typeName: string, bytes: Uint8Array): DecodeResult {
  let type: Type;
  try {
    type = schema.root.lookupType(typeName);
  } catch {
    return decodeFailure(`the loaded .proto files have no message type ${typeName}`, null);
  }
  try {
    return { ok: true, value: toDisplay(readTyped(type, bytes)) };
  } catch (error) {
    const why = messageOf(error);
    return decodeFailure(`not a valid ${typeName}: ${why}`, error instanceof ProtoFault ? error.offset : offsetOf(why));
  }
}

/** Encodes a JSON value as the named message type; unknown or mistyped fields are errors. */
export function encodeProtobuf(schema: ProtoSchema, typeName: string, value: unknown): ParseResult<Uint8Array> {
  let type: Type;
  try {
    type = schema.root.lookupType(typeName);
  } catch {
    return fail(`The loaded .proto files have no message type ${typeName}`);
  }
  try {
    return ok(writeTyped(type, value));
  } catch (error) {
    return fail(`Not a valid ${typeName}: ${messageOf(error)}`);
  }
}
