import type { DriveView } from '../../../electron/shared/contract';
import { LabelPanel } from '../components/LabelPanel';
import { SignatureSection } from './SignatureSection';
import {
  CHECKLIST_ITEMS,
  driveName,
  finishProblems,
  type WizardAction,
  type WizardState,
} from './wizard-state';

/**
 * The last screen: the SIGNATURE on the drive, the label, the packing slip's checklist. Finish (in the action
 * bar) waits for all three; what is still missing is listed beside it.
 */
export function ShipStep({
  state,
  replug,
  dispatch,
}: {
  state: WizardState;
  replug: DriveView | null;
  dispatch: (a: WizardAction) => void;
}) {
  const jobId = state.created?.jobId ?? '';
  const address = state.form.returnAddress;
  const haveAddress = state.source.mode === 'form' && address.name.trim() !== '';
  const drive = state.chosen?.drive ?? state.remembered;
  return (
    <div className="stack">
      <SignatureSection state={state} replug={replug} dispatch={dispatch} />

      <section className="stack" aria-labelledby="label-title">
        <h3 id="label-title" className="h-small">
          Shipping label
        </h3>
        {state.label ? (
          <p className="note note-ok" role="status">
            Label fetched
            {state.label.printedTo ? `, sent to ${state.label.printedTo}` : ''}
            {state.label.savedPath ? (
              <>
                , saved as <code>{state.label.savedPath}</code>
              </>
            ) : null}
            .
          </p>
        ) : (
          <p>
            The label carries the job ID to AWS&apos;s dock. Your return address is remembered for next time.
          </p>
        )}
        <LabelPanel
          jobId={jobId}
          {...(haveAddress ? { returnAddress: address } : {})}
          quiet={!state.signature}
          onLabel={() => dispatch({ type: 'label', label: { ...state.label, downloaded: true } })}
          onPrinted={(printer) =>
            dispatch({ type: 'label', label: { ...state.label, downloaded: true, printedTo: printer } })
          }
          onSaved={(path) =>
            dispatch({ type: 'label', label: { ...state.label, downloaded: true, savedPath: path } })
          }
        />
      </section>

      <section className="packing-slip stack" aria-labelledby="slip-title">
        <h3 id="slip-title" className="h-small">
          Packing slip and checklist
        </h3>
        <dl className="facts">
          <div>
            <dt>Job ID</dt>
            <dd className="job-id">{jobId}</dd>
          </div>
          <div>
            <dt>Device ID</dt>
            <dd>
              <code>{state.form.deviceId || drive?.serial || 'unknown'}</code>
              {drive ? ` — ${driveName(drive)}` : ''}
            </dd>
          </div>
          {haveAddress ? (
            <div>
              <dt>Return to</dt>
              <dd>
                {[address.name, address.street1, address.city, address.postalCode, address.country]
                  .filter(Boolean)
                  .join(', ')}
              </dd>
            </div>
          ) : null}
        </dl>
        <ul className="checklist">
          {CHECKLIST_ITEMS(jobId).map((item, i) => (
            <li key={item}>
              <label className="checkbox">
                <input
                  type="checkbox"
                  checked={state.checklist[i] === true}
                  onChange={(e) => dispatch({ type: 'tick', index: i, value: e.target.checked })}
                />{' '}
                {item}
              </label>
            </li>
          ))}
        </ul>
      </section>
      <FinishProblems state={state} />
    </div>
  );
}

export function FinishProblems({ state }: { state: WizardState }) {
  const problems = finishProblems(state);
  if (problems.length === 0) return null;
  return (
    <div className="finish-todo" id="finish-todo">
      <p className="h-small">Before Finish:</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
