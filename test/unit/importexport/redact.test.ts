import { describe, expect, it } from 'vitest';
import {
  redactAccessKeyId,
  redactManifestText,
  redactParams,
  redactResponseBody,
} from '../../../electron/importexport/redact';

describe('redaction', () => {
  it.each([
    ['AKIAIOSFODNN7EXAMPLE', 'AKIA************MPLE'],
    ['SHORT', '***'],
  ])('access key %s -> %s', (id, out) => {
    expect(redactAccessKeyId(id)).toBe(out);
  });

  it.each([
    ['trueCryptPassword: hunter2', 'trueCryptPassword: ***'],
    ['  pinCode: 1234', '  pinCode: ***'],
    ['pinCode:1234', 'pinCode: ***'],
    ['"trueCryptPassword": "x y"', '"trueCryptPassword": ***'],
    ['bucket: pinCode', 'bucket: pinCode'],
  ])('manifest line %j', (line, out) => {
    expect(redactManifestText(`manifestVersion: 2.0\n${line}\n`)).toBe(`manifestVersion: 2.0\n${out}\n`);
  });

  it('redacts signed parameters but keeps the rest readable', () => {
    expect(
      redactParams({
        Action: 'CreateJob',
        AWSAccessKeyId: 'AKIAIOSFODNN7EXAMPLE',
        Signature: 'abc=',
        SecurityToken: 'tok',
        Manifest: 'pinCode: 9999\nbucket: b',
      }),
    ).toEqual({
      Action: 'CreateJob',
      AWSAccessKeyId: 'AKIA************MPLE',
      Signature: '***',
      SecurityToken: '***',
      Manifest: 'pinCode: ***\nbucket: b',
    });
  });

  it('redacts manifest secrets inside a GetStatus body', () => {
    const body = '<CurrentManifest>bucket: b\ntrueCryptPassword: s3cr3t\n</CurrentManifest>';
    expect(redactResponseBody(body)).not.toContain('s3cr3t');
  });
});
