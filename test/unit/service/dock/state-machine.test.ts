import { describe, expect, it } from 'vitest';
import {
  decideDockAction,
  type DockAction,
  type DockState,
} from '../../../../electron/service/dock/state-machine';

const state = (
  location: DockState['location'],
  progress: DockState['progress'],
  canceled = false,
): DockState => ({
  jobId: 'ABCDE',
  location,
  progress,
  canceled,
});

const receive: DockAction = { kind: 'receive' };
const start: DockAction = { kind: 'start' };
const finish = (
  progressCode: 'Complete' | 'SuccessWithErrors' | 'DeviceError',
  errorCount = 0,
): DockAction => ({
  kind: 'finish',
  progressCode,
  errorCount,
});
const ret: DockAction = { kind: 'return', carrier: 'UPS', trackingNumber: '1Z999' };
const expire: DockAction = { kind: 'expire' };

describe('dock state machine', () => {
  const allowed: Array<[string, DockState, DockAction, string]> = [
    ['receive a waiting job', state('NotReceived', 'Pending'), receive, 'AtAWS/Pending'],
    ['start a received job', state('AtAWS', 'Pending'), start, 'AtAWS/InProgress'],
    ['finish Complete', state('AtAWS', 'InProgress'), finish('Complete'), 'AtAWS/Complete'],
    [
      'finish with errors',
      state('AtAWS', 'InProgress'),
      finish('SuccessWithErrors', 3),
      'AtAWS/SuccessWithErrors',
    ],
    ['finish with an abort code', state('AtAWS', 'InProgress'), finish('DeviceError'), 'AtAWS/DeviceError'],
    ['return after Complete', state('AtAWS', 'Complete'), ret, 'Returned/Complete'],
    ['return after an abort', state('AtAWS', 'DeviceError'), ret, 'Returned/DeviceError'],
    ['return a job canceled at AWS', state('AtAWS', 'Canceled', true), ret, 'Returned/Canceled'],
    ['expire a job that never arrived', state('NotReceived', 'Pending'), expire, 'NotReceived/Expired'],
  ];
  it.each(allowed)('%s', (_name, from, action, to) => {
    const d = decideDockAction(from, action);
    expect(d.ok).toBe(true);
    if (d.ok) expect(`${d.change.location}/${d.change.progress}`).toBe(to);
  });

  const refused: Array<[string, DockState, DockAction, string]> = [
    [
      'receive twice',
      state('AtAWS', 'Pending'),
      receive,
      'job ABCDE is AtAWS/Pending; `dock receive` needs a job that has not arrived yet',
    ],
    [
      'receive while InProgress',
      state('AtAWS', 'InProgress'),
      receive,
      'job ABCDE is InProgress; `dock receive` needs a job that has not arrived yet',
    ],
    ['receive a canceled job', state('NotReceived', 'Canceled', true), receive, 'job ABCDE is Canceled'],
    ['receive an expired job', state('NotReceived', 'Expired'), receive, 'job ABCDE is Expired'],
    [
      'start before receiving',
      state('NotReceived', 'Pending'),
      start,
      '`dock start` needs a job that is at AWS and Pending',
    ],
    [
      'finish before starting',
      state('AtAWS', 'Pending'),
      finish('Complete'),
      '`dock finish` needs a job that is InProgress',
    ],
    [
      'Complete with errors',
      state('AtAWS', 'InProgress'),
      finish('Complete', 2),
      'use --progress-code SuccessWithErrors',
    ],
    [
      'SuccessWithErrors without errors',
      state('AtAWS', 'InProgress'),
      finish('SuccessWithErrors', 0),
      '--error-count of 1 or more',
    ],
    [
      'return while InProgress',
      state('AtAWS', 'InProgress'),
      ret,
      'job ABCDE is InProgress; `dock return` needs a job that has finished',
    ],
    ['return twice', state('Returned', 'Complete'), ret, 'job ABCDE is Returned'],
    ['return a job that never arrived', state('NotReceived', 'Pending'), ret, 'NotReceived/Pending'],
    [
      'expire an arrived job',
      state('AtAWS', 'Pending'),
      expire,
      '`dock expire` needs a job whose device has not arrived',
    ],
    ['expire a canceled job', state('NotReceived', 'Canceled', true), expire, 'job ABCDE is Canceled'],
  ];
  it.each(refused)('refuses: %s', (_name, from, action, message) => {
    const d = decideDockAction(from, action);
    expect(d.ok).toBe(false);
    if (!d.ok) expect(d.message).toContain(message);
  });

  it('carries the carrier, tracking number and error count into the change', () => {
    const r = decideDockAction(state('AtAWS', 'Complete'), ret);
    expect(r.ok && r.change).toMatchObject({ carrier: 'UPS', trackingNumber: '1Z999' });
    const f = decideDockAction(state('AtAWS', 'InProgress'), finish('SuccessWithErrors', 4));
    expect(f.ok && f.change).toMatchObject({ errorCount: 4, setsLog: true });
    const a = decideDockAction(state('AtAWS', 'InProgress'), finish('DeviceError'));
    expect(a.ok && a.change.setsLog).toBe(false);
  });
});
