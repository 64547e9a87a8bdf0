/**
 * One drive, one live job: when a job's SIGNATURE replaced another job's on the same drive, the drive is the
 * later job's, and the earlier job no longer shows it as its own (the dashboard once showed both jobs
 * "Waiting for the device" on one serial). Pure: the journal's listings in, who took whose drive out.
 */
export interface DriveClaim {
  jobId: string;
  drive?: { serial?: string };
  /** The latest SIGNATURE write this machine made for the job. */
  signature?: { at: string };
}

/**
 * For each job whose SIGNATURE was written to a drive that later got another job's SIGNATURE, the job
 * that holds the drive now. Jobs without a SIGNATURE yet claim nothing: they may still be preparing.
 */
export function drivesTakenOver(claims: readonly DriveClaim[]): Map<string, string> {
  const bySerial = new Map<string, DriveClaim[]>();
  for (const c of claims) {
    const serial = c.drive?.serial;
    if (!serial || !c.signature) continue;
    const list = bySerial.get(serial) ?? [];
    list.push(c);
    bySerial.set(serial, list);
  }
  const taken = new Map<string, string>();
  for (const list of bySerial.values()) {
    if (list.length < 2) continue;
    // ISO 8601 times in UTC compare as strings; the last write is what is physically on the drive.
    const sorted = [...list].sort((a, b) =>
      (a.signature as { at: string }).at.localeCompare(b.signature?.at ?? ''),
    );
    const owner = sorted[sorted.length - 1] as DriveClaim;
    for (const c of sorted.slice(0, -1)) taken.set(c.jobId, owner.jobId);
  }
  return taken;
}
