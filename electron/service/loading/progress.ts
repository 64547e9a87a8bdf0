/** Progress of a device being loaded or written, for the dock's stderr line. */
export interface LoadProgress {
  filesDone: number;
  filesTotal: number;
  bytesDone: number;
  bytesTotal: number;
  /** The file just handled (device-relative). */
  file: string;
}

/** `123/456 files, 12.0/40.0 MiB` */
export function formatLoadProgress(p: LoadProgress): string {
  const mib = (n: number): string => (n / 1024 / 1024).toFixed(1);
  return `${p.filesDone}/${p.filesTotal} files, ${mib(p.bytesDone)}/${mib(p.bytesTotal)} MiB`;
}
