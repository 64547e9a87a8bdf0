import { describe, expect, it } from 'vitest';
import { ProgressMeter, type ProgressCounters } from '../../../electron/inventory/progress-meter';
import type { InventoryProgress } from '../../../electron/inventory/types';

function setup() {
  let t = 0;
  const events: InventoryProgress[] = [];
  const meter = new ProgressMeter(
    (p) => events.push(p),
    () => t,
    100,
  );
  return { meter, events, advance: (ms: number) => (t += ms) };
}
const hashing = (filesDone: number, bytesDone: number): ProgressCounters => ({
  phase: 'hashing',
  filesFound: 10,
  filesDone,
  filesTotal: 10,
  bytesDone,
  bytesTotal: 1000,
});

describe('ProgressMeter', () => {
  it('throttles to one event per interval, but always emits forced ones', () => {
    const { meter, events, advance } = setup();
    meter.update(hashing(0, 0), true);
    for (let i = 1; i <= 50; i++) {
      advance(10);
      meter.update(hashing(0, i * 10));
    }
    // 500 ms of updates every 10 ms: the forced first one plus one per 100 ms.
    expect(events.length).toBeGreaterThanOrEqual(5);
    expect(events.length).toBeLessThanOrEqual(6);
    meter.update(hashing(10, 1000), true);
    expect(events.at(-1)).toMatchObject({ filesDone: 10, bytesDone: 1000, secondsLeft: 0 });
  });

  it('never goes backwards, even if counters do or a file grows past the total', () => {
    const { meter, events, advance } = setup();
    meter.update({ ...hashing(0, 0), phase: 'scanning', filesTotal: null, bytesTotal: null }, true);
    advance(200);
    meter.update(hashing(5, 600), true);
    advance(200);
    meter.update({ ...hashing(4, 500), phase: 'scanning' }, true);
    advance(200);
    meter.update(hashing(6, 5000), true);
    const seq = events.map((e) => [e.phase, e.filesDone, e.bytesDone]);
    expect(seq).toEqual([
      ['scanning', 0, 0],
      ['hashing', 5, 600],
      ['hashing', 5, 600],
      ['hashing', 6, 1000],
    ]);
  });

  it('works out speed and time left from hashing time only', () => {
    const { meter, events, advance } = setup();
    meter.update({ ...hashing(0, 0), phase: 'scanning', filesTotal: null, bytesTotal: null }, true);
    expect(events[0]).toMatchObject({
      filesTotal: null,
      bytesTotal: null,
      secondsLeft: null,
      bytesPerSecond: 0,
    });
    advance(5000); // scanning took 5 s; it does not count towards speed
    meter.update(hashing(0, 0), true);
    advance(1000);
    meter.update(hashing(2, 250), true);
    expect(events.at(-1)).toMatchObject({ bytesPerSecond: 250, secondsLeft: 3 });
  });
});
