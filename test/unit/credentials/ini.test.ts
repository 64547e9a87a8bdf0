import { describe, expect, it } from 'vitest';
import { parseIni, profileSection } from '../../../electron/credentials/ini';

describe('parseIni', () => {
  it.each([
    ['plain pairs', '[default]\naws_access_key_id = AKIA1\n', { default: { aws_access_key_id: 'AKIA1' } }],
    ['no spaces round =', '[default]\nregion=us-east-1\n', { default: { region: 'us-east-1' } }],
    ['comments with # and ;', '# top\n[a]\n; note\nk = v # trailing\n', { a: { k: 'v' } }],
    ['CRLF line endings and a BOM', '\uFEFF[a]\r\nk = v\r\n', { a: { k: 'v' } }],
    ['keys are case-insensitive', '[a]\nAWS_Access_Key_Id = X\n', { a: { aws_access_key_id: 'X' } }],
    ['[profile x] headers keep their name', '[ profile  dev ]\nk = v\n', { 'profile dev': { k: 'v' } }],
    ['values keep = signs', '[a]\nsecret = abc/def+ghi==\n', { a: { secret: 'abc/def+ghi==' } }],
    [
      'nested blocks are skipped',
      '[a]\ns3 =\n  max_concurrent_requests = 20\nk = v\n',
      { a: { s3: '', k: 'v' } },
    ],
    ['repeated sections merge', '[a]\nk = 1\n[b]\n[a]\nj = 2\n', { a: { k: '1', j: '2' }, b: {} }],
  ])('%s', (_name, text, expected) => {
    expect(parseIni(text).sections).toEqual(expected);
  });

  it('reports lines it cannot read with their number, and keeps the rest', () => {
    const { sections, issues } = parseIni('k = before\n[a]\nnot a pair\nk = v\n');
    expect(sections).toEqual({ a: { k: 'v' } });
    expect(issues.map((i) => i.line)).toEqual([1, 3]);
  });
});

describe('profileSection', () => {
  const creds = parseIni('[default]\nk = c\n[dev]\nk = d\n').sections;
  const config = parseIni('[default]\nk = cfg\n[profile dev]\nk = pd\n[dev]\nk = wrong\n').sections;
  it.each([
    ['credentials', 'default', 'c'],
    ['credentials', 'dev', 'd'],
    ['config', 'default', 'cfg'],
    ['config', 'dev', 'pd'],
  ] as const)('%s [%s]', (file, profile, value) => {
    expect(profileSection(file === 'credentials' ? creds : config, profile, file)?.k).toBe(value);
  });
});
