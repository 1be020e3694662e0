import { useId, type ReactNode } from 'react';
import { setSectionOpen, useLookPrefs, type SectionId } from '../look/prefs';

interface SideSectionProps {
  section: SectionId;
  /** The heading, also the name of the disclosure button and of the region. */
  title: string;
  className: string;
  /** Buttons beside the heading, shown while the section is open. */
  actions?: ReactNode;
  children: ReactNode;
}

/**
 * A side-panel section that folds away (a disclosure: a heading whose button has aria-expanded), so
 * the composer and the log keep the room; whether it is open is remembered.
 */
export function SideSection({ section, title, className, actions, children }: SideSectionProps) {
  const open = useLookPrefs((s) => s.sections[section]);
  const bodyId = useId();
  return (
    <section className={`side-section ${className}`} aria-label={title}>
      <div className="side-section__head">
        <h2>
          <button type="button" className="side-section__toggle" aria-expanded={open} aria-controls={bodyId} onClick={() => setSectionOpen(section, !open)}>
            <span className="side-section__chevron" aria-hidden="true">
              {open ? '▾' : '▸'}
            </span>
            {title}
          </button>
        </h2>
        {open ? actions : null}
      </div>
      <div id={bodyId} className="side-section__body" hidden={!open}>
        {children}
      </div>
    </section>
  );
}
