import type { KindFilter } from '../log/entryMatcher';
import type { LogFilter } from '../log/logFilter';
import './LogTools.css';

interface FilterOptionsProps {
  filter: LogFilter;
  onChange: (patch: Partial<LogFilter>) => void;
  /** Set while the query is an invalid expression, to mark the Filter box. */
  invalid: boolean;
}

const KIND_BOXES: { key: keyof KindFilter; label: string; title: string }[] = [
  { key: 'sent', label: 'Show sent', title: 'Messages this page sent' },
  { key: 'received', label: 'Show received', title: 'Messages the server sent' },
  { key: 'events', label: 'Show events', title: 'State changes, closes, errors and notes' },
];

/** How Filter reads its text (Regex, Match case) and which kinds of entry the log shows. */
export function FilterOptions({ filter, onChange, invalid }: FilterOptionsProps) {
  return (
    <div className="filter-options">
      <label className={`filter-toggle${filter.regex ? ' filter-toggle--on' : ''}${invalid ? ' filter-toggle--invalid' : ''}`} title="Read Filter as a regular expression">
        <input type="checkbox" checked={filter.regex} onChange={(event) => onChange({ regex: event.target.checked })} />
        <span>Regex</span>
      </label>
      <label className={`filter-toggle${filter.matchCase ? ' filter-toggle--on' : ''}`} title="Upper and lower case must match">
        <input type="checkbox" checked={filter.matchCase} onChange={(event) => onChange({ matchCase: event.target.checked })} />
        <span>Match case</span>
      </label>
      <div role="group" aria-label="Kinds shown" className="kind-filter">
        {KIND_BOXES.map(({ key, label, title }) => (
          <label key={key} className={`kind-filter__box kind-filter__box--${key}${filter.kinds[key] ? ' kind-filter__box--on' : ''}`} title={title}>
            <input
              type="checkbox"
              checked={filter.kinds[key]}
              onChange={(event) => onChange({ kinds: { ...filter.kinds, [key]: event.target.checked } })}
            />
            <span>{label}</span>
          </label>
        ))}
      </div>
    </div>
  );
}
