import type { ReturnAddress } from '../../../electron/protocol/manifest/types';
import { LabelPanel } from '../components/LabelPanel';
import type { ChosenDrive } from './wizard-state';

export function LabelStep({
  jobId,
  chosen,
  returnAddress,
}: {
  jobId: string;
  chosen: ChosenDrive;
  returnAddress: ReturnAddress;
}) {
  return (
    <div className="stack">
      <p>The label carries the job ID to AWS's dock. Your return address is remembered for next time.</p>
      <LabelPanel jobId={jobId} returnAddress={returnAddress} />
      <section className="packing-slip" aria-labelledby="slip-title">
        <h3 id="slip-title" className="h-small">
          Packing slip and checklist
        </h3>
        <dl className="facts">
          <div>
            <dt>Job ID</dt>
            <dd className="job-id">{jobId}</dd>
          </div>
          <div>
            <dt>Device</dt>
            <dd>
              {chosen.drive.displayName}, serial {chosen.drive.serial}
            </dd>
          </div>
          <div>
            <dt>Return to</dt>
            <dd>
              {[
                returnAddress.name,
                returnAddress.street1,
                returnAddress.city,
                returnAddress.postalCode,
                returnAddress.country,
              ]
                .filter(Boolean)
                .join(', ')}
            </dd>
          </div>
        </dl>
        <ul className="checklist">
          {[
            `Job ID ${jobId} written on the device`,
            `Job ID ${jobId} written on the box, and the label attached to it`,
            'Power supply and cables for the device in the box',
            'The device padded so it cannot move',
          ].map((item) => (
            <li key={item}>
              <label className="checkbox">
                <input type="checkbox" /> {item}
              </label>
            </li>
          ))}
        </ul>
      </section>
    </div>
  );
}
