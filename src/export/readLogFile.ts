/**
 * Reads an exported log file incrementally: the file is streamed and decoded a piece at a time,
 * lines are parsed in slices that yield to the event loop, and entries go into a bounded log, so
 * neither the file's text nor more entries than the log keeps are ever held at once.
 */
import { readFileText } from '../files/fileIO';
import { LogBuffer, type LogLimits } from '../session/logBuffer';
import { LogLineReader } from './lineReader';

/** Bytes (or characters, without streams) decoded and parsed between two checks of the clock. */
const PIECE = 16 * 1024;
/** Work done before giving the page a turn (input, rendering), in milliseconds. */
const SLICE_MS = 12;

export interface ReadLogOptions {
  /** Bounds of the log the entries go into (the newest entries are kept). */
  limits: LogLimits;
  signal?: AbortSignal;
  /** Called between slices with how much of the file has been read. */
  onProgress?: (bytesRead: number, totalBytes: number) => void;
}

/** What was read: the reader (header, problems, counters) and the entries kept. */
export interface ReadLog {
  reader: LogLineReader;
  log: LogBuffer;
}

/**
 * Lets input, rendering and React's own updates run before the next slice.
 * NOTE: a timer, not scheduler.yield(): a yield's continuation runs before other waiting tasks,
 * so the progress bar (a React update) was never rendered until the whole file was read.
 */
function nextTask(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

function abortError(): DOMException {
  return new DOMException('The import was cancelled', 'AbortError');
}

/** Whether an error is the one readLogFile throws when cancelled. */
export function isAbortError(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Text pieces of the file with the bytes read so far; streamed where the browser can. */
async function* pieces(file: File): AsyncGenerator<[text: string, bytesRead: number]> {
  if (typeof file.stream !== 'function' || typeof TextDecoder !== 'function') {
    // NOTE: only where Blob streams are missing (old browsers, jsdom): the text is read whole.
    const text = await readFileText(file);
    for (let i = 0; i < text.length; i += PIECE) yield [text.slice(i, i + PIECE), Math.round((file.size * Math.min(text.length, i + PIECE)) / text.length)];
    return;
  }
  const reader = file.stream().getReader();
  const decoder = new TextDecoder('utf-8');
  let bytesRead = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let i = 0; i < value.byteLength; i += PIECE) {
        const part = value.subarray(i, i + PIECE);
        bytesRead += part.byteLength;
        yield [decoder.decode(part, { stream: true }), bytesRead];
      }
    }
    const rest = decoder.decode();
    if (rest) yield [rest, bytesRead];
  } finally {
    // Stops the stream when the import is cancelled (or a line fails) midway.
    void reader.cancel().catch(() => undefined);
  }
}

/**
 * Reads `file` as an exported log. Rejects with an AbortError when `signal` aborts; nothing of
 * the file is kept then.
 */
export async function readLogFile(file: File, options: ReadLogOptions): Promise<ReadLog> {
  const { signal, onProgress } = options;
  const log = new LogBuffer(options.limits);
  const reader = new LogLineReader((entry) => log.push(entry));
  let sliceStart = performance.now();
  if (signal?.aborted) throw abortError();
  for await (const [text, bytesRead] of pieces(file)) {
    if (signal?.aborted) throw abortError();
    reader.push(text);
    if (performance.now() - sliceStart > SLICE_MS) {
      onProgress?.(bytesRead, file.size);
      await nextTask();
      if (signal?.aborted) throw abortError();
      sliceStart = performance.now();
    }
  }
  reader.end();
  onProgress?.(file.size, file.size);
  return { reader, log };
}
