/** One labelled text field of the protocol verbs: a line, or a box of `rows` lines. */
export function Field({
  label,
  name = label,
  value,
  onChange,
  rows,
  placeholder,
}: {
  /** What the label shows. */
  label: string;
  /** The accessible name, when it must say more than the label (e.g. `STOMP headers`). */
  name?: string;
  value: string;
  onChange: (value: string) => void;
  /** A multi-line box of that many rows; a one-line input without. */
  rows?: number;
  placeholder?: string;
}) {
  const common = { 'aria-label': name, spellCheck: false, autoComplete: 'off', value, placeholder, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
  return (
    <label className="protocol-verbs__field">
      {label} {rows ? <textarea rows={rows} {...common} /> : <input type="text" {...common} />}
    </label>
  );
}
