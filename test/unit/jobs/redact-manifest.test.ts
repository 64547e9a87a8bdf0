import { describe, expect, it } from 'vitest';
import { redactManifest } from '../../../electron/jobs/redact-manifest';

describe('redactManifest', () => {
  it.each([
    ['trueCryptPassword: password123', 'trueCryptPassword: [redacted]'],
    ['trueCryptPassword:password123', 'trueCryptPassword: [redacted]'],
    ['  pinCode: 1234', '  pinCode: [redacted]'],
    ['"pinCode": "1234"', '"pinCode": [redacted]'],
    ['TRUECRYPTPASSWORD: x', 'TRUECRYPTPASSWORD: [redacted]'],
    ['bucket: my-bucket', 'bucket: my-bucket'],
    ['notificationEmail: pinCode@example.com', 'notificationEmail: pinCode@example.com'],
  ])('%s -> %s', (input, expected) => {
    expect(redactManifest(input)).toBe(expected);
  });

  it('keeps every other line byte for byte', () => {
    const text = 'manifestVersion: 2.0\r\nbucket: b\r\ntrueCryptPassword: s3cret\r\ndeviceId: X1\r\n';
    const out = redactManifest(text);
    expect(out).not.toContain('s3cret');
    expect(out.replace('trueCryptPassword: [redacted]', 'trueCryptPassword: s3cret')).toBe(text);
  });
});
