import { describe, expect, it } from 'vitest';
import {
  classifyLpFailure,
  findCupsPdfDriver,
  parseDefaultDestination,
  parseDestinations,
  parseRequestId,
  parseSchedulerRunning,
} from '../../../electron/labels/cups-output';
import { LabelError } from '../../../electron/labels/errors';
import { choosePrinter } from '../../../electron/labels/printers';

describe('parseDestinations (lpstat -e)', () => {
  it.each([
    ['none', '', []],
    ['one', 'dockhand-test-pdf\n', ['dockhand-test-pdf']],
    [
      'several with an instance',
      'Brother_HL\nZebra_4x6\nZebra_4x6/thermal\n',
      ['Brother_HL', 'Zebra_4x6', 'Zebra_4x6/thermal'],
    ],
    ['blank lines and duplicates', '\nA\n\nA\r\n', ['A']],
  ])('%s', (_n, stdout, expected) => expect(parseDestinations(stdout)).toEqual(expected));
});

describe('parseDefaultDestination (lpstat -d)', () => {
  it.each([
    ['a default', 'system default destination: Zebra_4x6\n', 'Zebra_4x6'],
    ['no default', 'no system default destination\n', undefined],
    ['empty', '', undefined],
  ])('%s', (_n, stdout, expected) => expect(parseDefaultDestination(stdout)).toBe(expected));
});

describe('parseSchedulerRunning (lpstat -r)', () => {
  it.each([
    ['scheduler is running\n', true],
    ['scheduler is not running\n', false],
    ['', false],
  ])('%j', (stdout, expected) => expect(parseSchedulerRunning(stdout)).toBe(expected));
});

describe('parseRequestId (lp)', () => {
  it.each([
    ['request id is dockhand-test-pdf-12 (1 file(s))\n', 'dockhand-test-pdf-12'],
    ['request id is Zebra_4x6-1 (0 file(s))', 'Zebra_4x6-1'],
    ['', undefined],
  ])('%j', (stdout, expected) => expect(parseRequestId(stdout)).toBe(expected));
});

describe('classifyLpFailure', () => {
  it.each([
    ['lp: Error - The printer or class does not exist.', { kind: 'unknown-printer' }],
    ['lp: Error - No default destination.', { kind: 'no-default' }],
    ['lp: Error - Scheduler is not running.', { kind: 'scheduler-not-running' }],
    ['lp: Unable to connect to server: Connection refused', { kind: 'scheduler-not-running' }],
    [
      'lp: Error - Destination "Z" is not accepting jobs.',
      { kind: 'other', message: 'Destination "Z" is not accepting jobs.' },
    ],
    ['', { kind: 'other', message: 'lp failed without a message' }],
  ])('%j', (stderr, expected) => expect(classifyLpFailure(stderr)).toEqual(expected));
});

describe('findCupsPdfDriver (lpinfo -m)', () => {
  const listing = [
    'lsb/usr/cupsfilters/Generic-PDF_Printer-PDF.ppd Generic PDF Printer',
    'lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd Generic CUPS-PDF Printer (no options)',
    'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd Generic CUPS-PDF Printer (w/ options)',
  ].join('\n');
  it.each([
    ['prefers the one with options', listing, 'lsb/usr/cups-pdf/CUPS-PDF_opt.ppd'],
    ['takes the only one', listing.split('\n').slice(0, 2).join('\n'), 'lsb/usr/cups-pdf/CUPS-PDF_noopt.ppd'],
    ['none', 'drv:///sample.drv/generic.ppd Generic PostScript Printer', undefined],
  ])('%s', (_n, stdout, expected) => expect(findCupsPdfDriver(stdout)).toBe(expected));
});

describe('choosePrinter', () => {
  const list = { printers: ['Brother_HL', 'Zebra_4x6'], defaultPrinter: 'Brother_HL' };
  it.each([
    ['the asked one', list, 'Zebra_4x6', 'Zebra_4x6'],
    ['the default when none asked', list, undefined, 'Brother_HL'],
  ])('%s', (_n, l, asked, expected) => expect(choosePrinter(l, asked)).toBe(expected));

  it.each([
    [
      'an unknown printer, listing the available ones',
      list,
      'Zebra',
      'UnknownPrinter',
      /no printer "Zebra" \(available: Brother_HL, Zebra_4x6\)/,
    ],
    [
      'no printers at all',
      { printers: [], defaultPrinter: undefined },
      undefined,
      'NoPrinters',
      /No printers are set up/,
    ],
    [
      'no default',
      { printers: ['A', 'B'], defaultPrinter: undefined },
      undefined,
      'NoDefaultPrinter',
      /--printer NAME/,
    ],
  ])('refuses %s', (_n, l, asked, code, message) => {
    let caught: unknown;
    try {
      choosePrinter(l, asked);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(LabelError);
    expect((caught as LabelError).code).toBe(code);
    expect((caught as LabelError).message).toMatch(message);
    expect((caught as LabelError).message).toContain('--save FILE');
  });
});
