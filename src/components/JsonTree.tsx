import { useMemo, useState, type ReactNode } from 'react';
import { formatCount } from '../format/count';
import { visibleText } from '../format/visibleText';

/** Children of an object or array rendered at first; `Show more` adds this many again. */
export const CHILD_PAGE = 100;
/** Characters of a string value shown before it is cut (the Text view has it whole). */
export const MAX_STRING_CHARS = 2_000;

type Container = Record<string, unknown> | unknown[];

function isContainer(value: unknown): value is Container {
  return typeof value === 'object' && value !== null;
}

function childCount(value: Container): number {
  return Array.isArray(value) ? value.length : Object.keys(value).length;
}

function sizeLabel(value: Container): string {
  const n = childCount(value);
  return Array.isArray(value) ? `${formatCount(n)} ${n === 1 ? 'item' : 'items'}` : `${formatCount(n)} ${n === 1 ? 'key' : 'keys'}`;
}

/** A primitive JSON value, coloured by type; every value is rendered as text, never as HTML, hidden characters as markers. */
function Primitive({ value }: { value: unknown }) {
  if (value === null) return <span className="json-null" data-type="null">null</span>;
  switch (typeof value) {
    case 'number':
      return <span className="json-number" data-type="number">{String(value)}</span>;
    case 'boolean':
      return <span className="json-boolean" data-type="boolean">{String(value)}</span>;
    case 'string': {
      const cut = value.length > MAX_STRING_CHARS;
      return (
        <span className="json-string" data-type="string">
          {visibleText(JSON.stringify(cut ? value.slice(0, MAX_STRING_CHARS) : value))}
          {cut ? <span className="json-note"> … {formatCount(value.length - MAX_STRING_CHARS)} more characters (see the Text view)</span> : null}
        </span>
      );
    }
    default:
      return <span>{String(value)}</span>;
  }
}

interface NodeProps {
  /** Object key or array index; undefined for the root. */
  name?: string | number;
  value: unknown;
  depth: number;
  /** Whether a comma follows (it is not the last child). */
  comma: boolean;
}

function KeyLabel({ name }: { name: string | number | undefined }) {
  if (name === undefined) return null;
  return (
    <>
      {typeof name === 'number' ? <span className="json-index">{name}</span> : <span className="json-key">{visibleText(JSON.stringify(name))}</span>}
      <span className="json-punct">: </span>
    </>
  );
}

function JsonNode({ name, value, depth, comma }: NodeProps) {
  if (!isContainer(value)) {
    return (
      <div className="json-line">
        <KeyLabel name={name} />
        <Primitive value={value} />
        {comma ? <span className="json-punct">,</span> : null}
      </div>
    );
  }
  return <ContainerNode name={name} value={value} depth={depth} comma={comma} />;
}

function ContainerNode({ name, value, depth, comma }: NodeProps & { value: Container }) {
  const isArray = Array.isArray(value);
  const keys = useMemo(() => (isArray ? null : Object.keys(value)), [value, isArray]);
  const count = keys ? keys.length : (value as unknown[]).length;
  // Open the root, and small containers just below it; the rest open on demand.
  const [open, setOpen] = useState(depth === 0 || (depth === 1 && count <= 50));
  const [shown, setShown] = useState(CHILD_PAGE);
  const [openBracket, closeBracket] = isArray ? ['[', ']'] : ['{', '}'];

  if (count === 0) {
    return (
      <div className="json-line">
        <KeyLabel name={name} />
        <span className="json-punct">{openBracket + closeBracket}</span>
        {comma ? <span className="json-punct">,</span> : null}
      </div>
    );
  }

  const what = `${isArray ? 'array' : 'object'}, ${sizeLabel(value)}`;
  const label = name === undefined ? `root (${what})` : `${typeof name === 'number' ? `[${name}]` : visibleText(JSON.stringify(name))} (${what})`;
  const children: ReactNode[] = [];
  if (open) {
    const limit = Math.min(count, shown);
    for (let i = 0; i < limit; i++) {
      const key = keys ? keys[i]! : i;
      const child = keys ? (value as Record<string, unknown>)[key as string] : (value as unknown[])[i];
      children.push(<JsonNode key={String(key)} name={key} value={child} depth={depth + 1} comma={i < count - 1} />);
    }
  }
  return (
    <div className="json-node">
      <div className="json-line">
        <button
          type="button"
          className="json-toggle"
          aria-expanded={open}
          aria-label={label}
          title={open ? 'Collapse' : 'Expand'}
          onClick={() => setOpen((o) => !o)}
        >
          {open ? '▾' : '▸'}
        </button>
        <KeyLabel name={name} />
        <span className="json-punct">{openBracket}</span>
        {open ? null : (
          <>
            <span className="json-summary"> … {sizeLabel(value)} </span>
            <span className="json-punct">{closeBracket}</span>
            {comma ? <span className="json-punct">,</span> : null}
          </>
        )}
      </div>
      {open ? (
        <>
          <div className="json-children">
            {children}
            {count > shown ? (
              <button type="button" className="json-more" onClick={() => setShown((s) => s + CHILD_PAGE)}>
                Show {formatCount(Math.min(CHILD_PAGE, count - shown))} more ({formatCount(count - shown)} not shown)
              </button>
            ) : null}
          </div>
          <div className="json-line json-line--close">
            <span className="json-punct">{closeBracket}</span>
            {comma ? <span className="json-punct">,</span> : null}
          </div>
        </>
      ) : null}
    </div>
  );
}

/**
 * A parsed JSON value as a pretty-printed, collapsible tree: each object and array has a toggle
 * button (aria-expanded); numbers, strings, booleans and null carry their own class and colour.
 * Large containers render their children a page at a time, so a huge document stays responsive.
 */
export function JsonTree({ value }: { value: unknown }) {
  return (
    <div className="json-tree">
      <JsonNode value={value} depth={0} comma={false} />
    </div>
  );
}
