import { useEffect, useId, useState } from 'react';
import { formatBytes } from '../format/bytes';
import { formatCount } from '../format/count';
import { formatDuration } from '../format/time';
import { useSession } from '../store/appStore';
import { readStats, type StatsSnapshot } from '../store/sessionReads';
import type { Counters } from '../store/sessionState';
import './StatsStrip.css';

/**
 * Statistics of one connection: exact bytes each way, message rates with a sparkline of the last
 * minute, uptime and echo round trips. Bytes come from the store (flushed with the counters);
 * everything else is read from the live runtime about once a second, never per message.
 */
export function StatsStrip({ id }: { id: string }) {
  return (
    <div className="stats-strip" role="group" aria-label="Statistics">
      <ByteCounter id={id} label="Bytes sent" field="bytesSent" />
      <ByteCounter id={id} label="Bytes received" field="bytesReceived" />
      <LiveStats id={id} />
    </div>
  );
}

/** An exact byte count (`16,777,216 B`), with the size in binary units beside it. */
function ByteCounter({ id, label, field }: { id: string; label: string; field: keyof Pick<Counters, 'bytesSent' | 'bytesReceived'> }) {
  const bytes = useSession(id, (s) => s.counters[field]);
  const labelId = useId();
  return (
    <span className="stat">
      <span className="stat__label" id={labelId}>
        {label}
      </span>
      <output className="stat__value" aria-labelledby={labelId}>
        {formatCount(bytes)} B
      </output>
      {bytes >= 1024 ? <span className="stat__note">{formatBytes(bytes)}</span> : null}
    </span>
  );
}

/** Epoch ms, refreshed just after each whole second (so "the last second" is always complete). */
function useSecondTick(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout>;
    const tick = () => {
      const at = Date.now();
      setNow(at);
      timer = setTimeout(tick, 1000 - (at % 1000) + 20);
    };
    timer = setTimeout(tick, 1000 - (Date.now() % 1000) + 20);
    return () => clearTimeout(timer);
  }, []);
  return now;
}

/** Whole milliseconds, as the Round trip output shows them. */
const ms = (value: number) => `${formatCount(Math.round(value))} ms`;

/** What a connection that is gone shows (a tab being closed). */
const NO_STATS: StatsSnapshot = { rateIn: 0, rateOut: 0, seriesIn: [], seriesOut: [], uptimeMs: null, rtt: { last: null, median: null, p95: null, count: 0, matched: 0 } };

function LiveStats({ id }: { id: string }) {
  const now = useSecondTick();
  const readyState = useSession(id, (s) => s.readyState);
  const stats = readStats(id, now) ?? NO_STATS;
  const { rtt } = stats;
  const rttLabelId = useId();
  const open = readyState === 'OPEN' && stats.uptimeMs !== null;
  return (
    <>
      <Rate direction="in" label="In" perSecond={stats.rateIn} series={stats.seriesIn} />
      <Rate direction="out" label="Out" perSecond={stats.rateOut} series={stats.seriesOut} />
      <span className="stat" title={open ? undefined : 'Shown while the connection is open'}>
        <span className="stat__label">Uptime</span>
        <span className="stat__value">{open ? formatDuration(stats.uptimeMs!) : '—'}</span>
      </span>
      <span className="stat">
        <span className="stat__label" id={rttLabelId}>
          Round trip
        </span>
        <output
          className="stat__value"
          aria-labelledby={rttLabelId}
          title={rtt.last === null ? 'Round trips are measured when a received message equals one sent recently (an echo)' : `${rtt.last.toFixed(2)} ms`}
        >
          {rtt.last === null ? '—' : ms(rtt.last)}
        </output>
        {rtt.median !== null && rtt.p95 !== null ? (
          <span className="stat__note" title={`Of the last ${formatCount(rtt.count)} matched echoes`}>
            median {ms(rtt.median)} · p95 {ms(rtt.p95)}
          </span>
        ) : null}
      </span>
    </>
  );
}

function Rate({ direction, label, perSecond, series }: { direction: 'in' | 'out'; label: string; perSecond: number; series: number[] }) {
  return (
    <span className={`stat stat--${direction}`} title={`Messages ${direction === 'in' ? 'received' : 'sent'} in the last second; the line shows the last minute`}>
      <span className="stat__label">{label}</span>
      <span className="stat__value">{formatCount(perSecond)} msg/s</span>
      <Sparkline values={series} />
    </span>
  );
}

const SPARK_HEIGHT = 20;

/** A line of the values, scaled to their maximum; decorative (the number beside it says the same). */
function Sparkline({ values }: { values: number[] }) {
  const max = Math.max(1, ...values);
  const points = values.map((v, i) => `${i},${(SPARK_HEIGHT - 1 - (v / max) * (SPARK_HEIGHT - 2)).toFixed(1)}`).join(' ');
  return (
    <svg className="sparkline" viewBox={`0 0 ${Math.max(1, values.length - 1)} ${SPARK_HEIGHT}`} preserveAspectRatio="none" aria-hidden="true" focusable="false">
      <polyline points={points} fill="none" vectorEffect="non-scaling-stroke" />
    </svg>
  );
}
