/** Label errors the user can act on; `code` is printed as the CLI's error code. */
export type LabelErrorCode =
  | 'CupsMissing'
  | 'SchedulerNotRunning'
  | 'NoPrinters'
  | 'NoDefaultPrinter'
  | 'UnknownPrinter'
  | 'PrintFailed'
  | 'PrintingUnsupported'
  | 'InvalidLabelUrl'
  | 'LabelDownloadFailed'
  | 'LabelTooLarge'
  | 'NotAPdf'
  | 'LabelFileUnreadable';

export class LabelError extends Error {
  constructor(
    readonly code: LabelErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'LabelError';
  }
}

/** Appended to printing errors: the label is never lost because a printer is. */
export const SAVE_INSTEAD_HINT = 'or save the label with --save FILE and print it from any PDF viewer';
