/**
 * Reads an exported log a piece of text at a time: splits lines (a line may span pieces), parses
 * each with the line schemas, hands entries on, and keeps at most a fixed number of problems plus
 * a count of the rest, so a file of garbage costs no more memory than a good one.
 * Pure: no store, no DOM, no timers (the caller decides when to yield).
 */
import type { CloseInfo } from '../connection/types';
import type { Counters } from '../store/sessionState';
import {
  EMPTY_HEADER, LOG_FORMAT, LOG_VERSION, looksLikeHeader, MAX_LINE_CHARS, readEntryLine, readHeaderLine,
  type ImportedEntry, type ParsedHeader,
} from './logLine';
import { messageOf } from '../format/thrown';

/** Problem messages kept at most; the rest are only counted. */
export const MAX_PROBLEMS = 100;
/** Longest problem message kept (a JSON error may quote its line). */
const MAX_MESSAGE_CHARS = 200;

export interface LineProblem {
  /** 1-based line number in the file. */
  line: number;
  message: string;
}

export interface LineReaderOptions {
  /** Problems kept (default MAX_PROBLEMS). */
  maxProblems?: number;
  /** Longest line read (default MAX_LINE_CHARS); longer ones are skipped as problems. */
  maxLineChars?: number;
}

const LINE_BREAK = /\r\n|\n|\r/g;

/** One pass over a file's text; `push` the pieces in order, then `end`. */
export class LogLineReader {
  header: ParsedHeader = { ...EMPTY_HEADER };
  /** The first problems, in line order. */
  readonly problems: LineProblem[] = [];
  /** Every line that could not be read (or was read with a warning), kept or not. */
  problemCount = 0;
  /** Entries read (handed on), whatever the log keeps of them. */
  entryCount = 0;
  /** Messages and their bytes among the entries read, sizes measured from the payloads. */
  readonly counters: Counters = { sent: 0, received: 0, bytesSent: 0, bytesReceived: 0 };
  /** The close info of the last close entry read. */
  lastClose: CloseInfo | null = null;

  private line = 0;
  private seenFirst = false;
  private parts: string[] = [];
  private partChars = 0;
  private overlong = false;
  /** The previous piece ended with "\r": a "\n" starting the next piece belongs to it. */
  private pendingCr = false;
  private readonly maxProblems: number;
  private readonly maxLineChars: number;

  constructor(private readonly onEntry: (entry: ImportedEntry) => void, options: LineReaderOptions = {}) {
    this.maxProblems = options.maxProblems ?? MAX_PROBLEMS;
    this.maxLineChars = options.maxLineChars ?? MAX_LINE_CHARS;
  }

  /** Problems past those kept. */
  get moreProblems(): number {
    return this.problemCount - this.problems.length;
  }

  /** Reads the complete lines in `text`; an incomplete last line waits for the next piece. */
  push(text: string): void {
    let start = 0;
    if (this.pendingCr && text.startsWith('\n')) start = 1;
    this.pendingCr = false;
    LINE_BREAK.lastIndex = start;
    for (let m = LINE_BREAK.exec(text); m; m = LINE_BREAK.exec(text)) {
      this.append(text.slice(start, m.index));
      this.endLine();
      start = m.index + m[0].length;
    }
    if (text.endsWith('\r')) this.pendingCr = true;
    if (start < text.length) this.append(text.slice(start));
  }

  /** Reads the last line (one without a line break after it). */
  end(): void {
    if (this.partChars > 0 || this.overlong) this.endLine();
  }

  private append(piece: string): void {
    if (this.overlong || !piece) return;
    this.partChars += piece.length;
    if (this.partChars > this.maxLineChars) {
      // Let the text go now: a line this long is never parsed.
      this.overlong = true;
      this.parts = [];
      return;
    }
    this.parts.push(piece);
  }

  private endLine(): void {
    this.line++;
    const parts = this.parts;
    const overlong = this.overlong;
    this.parts = [];
    this.partChars = 0;
    this.overlong = false;
    if (overlong) {
      this.seenFirst = true;
      this.problem(`longer than ${this.maxLineChars.toLocaleString('en-US')} characters; skipped`);
      return;
    }
    const raw = (parts.length === 1 ? parts[0]! : parts.join('')).trim();
    if (raw) this.readLine(this.seenFirst ? raw : raw.replace(/^\uFEFF/, ''));
  }

  private readLine(raw: string): void {
    const isFirst = !this.seenFirst;
    this.seenFirst = true;
    // NOTE: checked before JSON.parse: a file of garbage would otherwise throw (slowly) once a line.
    if (raw.charCodeAt(0) !== 123 /* { */) return this.problem('not a JSON object');
    let value: unknown;
    try {
      value = JSON.parse(raw);
    } catch (error) {
      if (this.problems.length >= this.maxProblems) return this.problem('');
      return this.problem(`not valid JSON (${messageOf(error)})`);
    }
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return this.problem('not a JSON object');
    const obj = value as Record<string, unknown>;
    if (isFirst && looksLikeHeader(obj)) return this.readHeader(obj);
    const entry = readEntryLine(obj);
    if (!entry.ok) return this.problem(entry.error);
    this.count(entry.value);
    this.onEntry(entry.value);
  }

  private readHeader(obj: Record<string, unknown>): void {
    const header = readHeaderLine(obj);
    if (!header.ok) {
      this.header = { ...EMPTY_HEADER, present: true };
      return this.problem(`${header.error}; the entries are still read`);
    }
    this.header = header.value;
    if (obj.format !== undefined && obj.format !== LOG_FORMAT) {
      this.problem(`unknown format ${JSON.stringify(String(obj.format).slice(0, 60))}; read as a ${LOG_FORMAT} file`);
    }
    if (this.header.version > LOG_VERSION) {
      this.problem(`written by a newer version (${this.header.version}); fields this version does not know are ignored`);
    }
  }

  private count(entry: ImportedEntry): void {
    this.entryCount++;
    if (entry.kind === 'sent') {
      this.counters.sent++;
      this.counters.bytesSent += entry.size;
    } else if (entry.kind === 'received') {
      this.counters.received++;
      this.counters.bytesReceived += entry.size;
    } else if (entry.close) {
      this.lastClose = entry.close;
    }
  }

  private problem(message: string): void {
    this.problemCount++;
    if (this.problems.length >= this.maxProblems) return;
    const short = message.length > MAX_MESSAGE_CHARS ? `${message.slice(0, MAX_MESSAGE_CHARS)}…` : message;
    this.problems.push({ line: this.line, message: short });
  }
}
