import { describe, expect, it } from 'vitest';
import {
  canLeave,
  initialWizardState,
  withDeviceId,
  wizardReducer,
  WIZARD_STEPS,
  stepTitle,
  type WizardState,
} from '../../../renderer/src/wizard/wizard-state';
import { drive } from './fixtures';

function chosenState(): WizardState {
  const d = drive();
  return wizardReducer(initialWizardState(), {
    type: 'choose',
    chosen: { drive: d, mountpoint: d.mountpoints[0] as string },
  });
}

describe('wizard state', () => {
  it('starts with nothing chosen and deviceId empty', () => {
    const s = initialWizardState();
    expect(s.chosen).toBeNull();
    expect(s.form.deviceId).toBe('');
    expect(canLeave(s, 'device')).toBe(false);
  });

  it('takes deviceId from the chosen drive serial', () => {
    expect(chosenState().form.deviceId).toBe('SN-4C530001');
  });

  it.each([
    ['unplugged', []],
    ['re-plugged as another drive on the same device path', [drive({ serial: 'OTHER' })]],
    ['re-plugged with another size', [drive({ sizeBytes: 64 })]],
    ['now blocked', [drive({ blocks: [{ code: 'read-only', sentence: 'read-only' }] })]],
    ['no longer mounted there', [drive({ mountpoints: [] })]],
  ])('drops the selection when the drive is %s', (_why, drives) => {
    const s = wizardReducer(chosenState(), { type: 'drives', drives });
    expect(s.chosen).toBeNull();
    expect(s.form.deviceId).toBe('');
  });

  it('keeps the selection while the same drive stays', () => {
    const s = wizardReducer(chosenState(), { type: 'drives', drives: [drive({ usedBytes: 99 })] });
    expect(s.chosen?.drive.usedBytes).toBe(99);
  });

  it('needs a finished inventory and the erase acknowledgement to leave preflight', () => {
    let s = chosenState();
    expect(canLeave(s, 'preflight')).toBe(false);
    s = wizardReducer(s, {
      type: 'inventory',
      inventory: { runId: 'r', files: 1, bytes: 1, importedFiles: 1, importedBytes: 1, findings: [] },
    });
    expect(canLeave(s, 'preflight')).toBe(false);
    s = wizardReducer(s, { type: 'acknowledge', value: true });
    expect(canLeave(s, 'preflight')).toBe(true);
  });

  it('forgets the inventory when the manifest changes before the job exists', () => {
    let s = wizardReducer(chosenState(), {
      type: 'inventory',
      inventory: { runId: 'r', files: 1, bytes: 1, importedFiles: 1, importedBytes: 1, findings: [] },
    });
    s = wizardReducer(s, { type: 'form', form: { ...s.form, prefix: 'other/' } });
    expect(s.inventory).toBeNull();
  });

  it('has a title for every step', () => {
    for (const step of WIZARD_STEPS) expect(stepTitle(step)).toMatch(/\w/);
  });
});

describe('withDeviceId', () => {
  it.each([
    ['manifestVersion: 2.0\ndeviceId: OLD\nbucket: b\n', 'manifestVersion: 2.0\ndeviceId: SN1\nbucket: b\n'],
    [
      'manifestVersion: 2.0\naccessKeyId: AKIA\nbucket: b',
      'manifestVersion: 2.0\naccessKeyId: AKIA\ndeviceId: SN1\nbucket: b',
    ],
    ['bucket: b', 'deviceId: SN1\nbucket: b'],
  ])('sets deviceId in %j', (text, expected) => {
    expect(withDeviceId(text, 'SN1')).toBe(expected);
  });

  it('quotes a serial YAML would misread', () => {
    expect(withDeviceId('deviceId: x', 'a: b')).toBe('deviceId: "a: b"');
  });
});
