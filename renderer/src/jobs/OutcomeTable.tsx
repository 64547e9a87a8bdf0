import { memo, useCallback, useEffect, useRef, useState } from 'react';
import type { ReconciliationView } from '../../../electron/shared/contract';
import { formatBytes } from '../format';
import { isDiscrepancy, outcomeDetail, outcomeLabel, type ReconcileOutcome } from './reconcile-view';

/** Every row is this tall, so row i sits at i × ROW_PX and only the rows in view exist in the page. */
export const ROW_PX = 48;
/** Rows rendered above and below the visible ones, so a quick scroll does not show blank rows. */
const OVERSCAN_ROWS = 4;
/** Outcomes asked for at a time (a page of jobs.reconcile). */
export const PAGE_ROWS = 200;
/** How long the scrolling must pause before the rows in view are fetched. */
const FETCH_AFTER_SCROLL_MS = 60;
/** The table's height when there are many rows; fewer rows make it shorter. */
const VIEWPORT_ROWS = 12;

/** The next frame; a timer where there are no frames (a DOM without layout, e.g. in component tests). */
const nextFrame = (cb: () => void): number =>
  typeof requestAnimationFrame === 'function' ? requestAnimationFrame(cb) : window.setTimeout(cb, 16);
const cancelFrame = (id: number): void =>
  typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame(id) : window.clearTimeout(id);

export type FetchPage = (offset: number, limit: number) => Promise<ReconciliationView | null>;

interface OutcomeTableProps {
  /** How many outcomes the filter and search leave. */
  matching: number;
  /** The first page, already fetched with the summary. */
  firstPage: readonly ReconcileOutcome[];
  fetchPage: FetchPage;
  caption: string;
}

/**
 * The files of a reconciliation as a virtualized table: 100,000 rows keep a constant, small DOM (a few
 * dozen rows), and pages of outcomes are fetched as they scroll into view. An ARIA table, so the row count
 * and each row's position are announced although most rows are not in the DOM.
 */
export function OutcomeTable({ matching, firstPage, fetchPage, caption }: OutcomeTableProps) {
  const pages = useRef(new Map<number, readonly ReconcileOutcome[]>([[0, firstPage]]));
  const inFlight = useRef(new Set<number>());
  const [, setLoaded] = useState(0);
  const [scrollTop, setScrollTop] = useState(0);
  const frame = useRef<number | null>(null);
  const viewport = useRef<HTMLDivElement>(null);

  const viewportRows = Math.min(VIEWPORT_ROWS, Math.max(matching, 1));
  const first = Math.max(0, Math.floor(scrollTop / ROW_PX) - OVERSCAN_ROWS);
  const last = Math.min(matching, Math.ceil(scrollTop / ROW_PX) + viewportRows + OVERSCAN_ROWS);

  const want = useCallback(
    (page: number) => {
      if (pages.current.has(page) || inFlight.current.has(page)) return;
      inFlight.current.add(page);
      void fetchPage(page * PAGE_ROWS, PAGE_ROWS).then((view) => {
        inFlight.current.delete(page);
        if (view) {
          pages.current.set(page, view.outcomes);
          setLoaded((n) => n + 1);
        }
      });
    },
    [fetchPage],
  );

  // Pages are asked for once the scrolling pauses: a fling across 100,000 rows passes thousands of them,
  // and fetching each would spend the frames the scroll needs (rows show "Loading…" meanwhile).
  useEffect(() => {
    if (matching === 0) return;
    const timer = window.setTimeout(() => {
      for (let p = Math.floor(first / PAGE_ROWS); p <= Math.floor(Math.max(last - 1, 0) / PAGE_ROWS); p++)
        want(p);
    }, FETCH_AFTER_SCROLL_MS);
    return () => window.clearTimeout(timer);
  }, [first, last, matching, want]);

  useEffect(
    () => () => {
      if (frame.current !== null) cancelFrame(frame.current);
    },
    [],
  );

  // One state update per frame, however many scroll events the wheel or scrollbar sends.
  const onScroll = () => {
    if (frame.current !== null) return;
    frame.current = nextFrame(() => {
      frame.current = null;
      setScrollTop(viewport.current?.scrollTop ?? 0);
    });
  };

  const rows = [];
  for (let i = first; i < last; i++) {
    const o = pages.current.get(Math.floor(i / PAGE_ROWS))?.[i % PAGE_ROWS];
    rows.push(
      o ? (
        <OutcomeRow key={i} index={i} outcome={o} />
      ) : (
        <div key={i} role="row" aria-rowindex={i + 2} className="vrow" style={{ top: i * ROW_PX }}>
          <span role="cell" className="muted">
            Loading…
          </span>
        </div>
      ),
    );
  }

  // The table itself scrolls (its header row sticks): a scrolling wrapper between the table and its rows
  // would hide the rows from assistive technology's table model.
  return (
    <div
      ref={viewport}
      role="table"
      aria-label={caption}
      aria-rowcount={matching + 1}
      className="vtable"
      style={{ height: (viewportRows + 1) * ROW_PX }}
      onScroll={onScroll}
      // Focusable so the keyboard can scroll it (arrows, Page Down, End).
      tabIndex={0}
      data-testid="outcome-viewport"
    >
      <div role="rowgroup" className="vtable-head">
        <div role="row" aria-rowindex={1} className="vrow-head">
          <span role="columnheader">File</span>
          <span role="columnheader">Outcome</span>
          <span role="columnheader" className="num">
            Size
          </span>
        </div>
      </div>
      <div role="rowgroup" className="vtable-body" style={{ height: matching * ROW_PX }}>
        {rows}
      </div>
    </div>
  );
}

/** Memoized: a row that stays in view while the table scrolls is not rendered again. */
const OutcomeRow = memo(function OutcomeRow({
  index,
  outcome: o,
}: {
  index: number;
  outcome: ReconcileOutcome;
}) {
  const detail = outcomeDetail(o);
  return (
    <div
      role="row"
      aria-rowindex={index + 2}
      className={isDiscrepancy(o.kind) ? 'vrow discrepancy' : 'vrow'}
      style={{ top: index * ROW_PX }}
    >
      <span role="rowheader" className="path" title={o.path}>
        {o.path}
      </span>
      <span role="cell" className="outcome" title={detail}>
        <strong>{outcomeLabel(o.kind)}</strong>
        <span className="outcome-detail">{detail}</span>
      </span>
      <span role="cell" className="num">
        {formatBytes(o.bytes)}
      </span>
    </div>
  );
});
