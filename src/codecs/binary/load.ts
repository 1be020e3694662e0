/** The binary codecs module, once loaded. */
export type BinaryCodecs = typeof import('./index');

let loaded: BinaryCodecs | null = null;
let loading: Promise<BinaryCodecs> | null = null;

/** Loads the codecs chunk (once); later calls share the same promise. A failed load may be retried. */
export function loadBinaryCodecs(): Promise<BinaryCodecs> {
  loading ??= import('./index').then(
    (module) => (loaded = module),
    (error: unknown) => {
      loading = null;
      throw error;
    },
  );
  return loading;
}

/** The codecs if already loaded, else null (callers then load them and try again). */
export function binaryCodecs(): BinaryCodecs | null {
  return loaded;
}
