import { ALL_KINDS, type KindFilter } from './entryMatcher';

/** What the user set in a log's toolbar: the Filter query and its options. */
export interface LogFilter {
  query: string;
  regex: boolean;
  matchCase: boolean;
  kinds: KindFilter;
}

export const NO_FILTER: Readonly<LogFilter> = Object.freeze({ query: '', regex: false, matchCase: false, kinds: { ...ALL_KINDS } });
