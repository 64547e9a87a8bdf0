import { useCallback, useEffect, useReducer, useRef, useState } from 'react';
import type { DriveView, LintResult } from '../../../electron/shared/contract';
import type { JobKind } from '../../../electron/protocol/manifest/types';
import { useClient } from '../client/client-context';
import { AccountStep } from './AccountStep';
import { CreateStep } from './CreateStep';
import { DeviceStep } from './DeviceStep';
import { JobStep, visibleIssues } from './JobStep';
import { LabelStep } from './LabelStep';
import { PreflightStep } from './PreflightStep';
import { SignatureStep } from './SignatureStep';
import {
  assertNever,
  canLeave,
  initialWizardState,
  stepTitle,
  withDeviceId,
  wizardReducer,
  WIZARD_STEPS,
  type WizardState,
  type WizardStep,
} from './wizard-state';

/** Lint waits for a pause in typing, so each keystroke does not cost a round trip. */
export const LINT_DEBOUNCE_MS = 200;

/** The manifest text the wizard will send, and its lint, kept up to date as the person types. */
function useManifest(state: WizardState): { text: string; lint: LintResult | null } {
  const client = useClient();
  const [out, setOut] = useState<{ text: string; lint: LintResult | null }>({ text: '', lint: null });
  const { form, source, jobType } = state;
  useEffect(() => {
    let live = true;
    const timer = setTimeout(() => {
      if (source.mode === 'form') {
        void client.call('manifest.format', { form }).then((r) => {
          if (live && r.ok) setOut({ text: r.value.text, lint: r.value.lint });
        });
      } else {
        const text = form.deviceId ? withDeviceId(source.text, form.deviceId) : source.text;
        void client.call('manifest.lint', { text, jobType }).then((r) => {
          if (live && r.ok) setOut({ text, lint: r.value });
        });
      }
    }, LINT_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [client, form, source, jobType]);
  return out;
}

export function Wizard({
  onOpenSettings,
  onOpenJobs,
}: {
  onOpenSettings: () => void;
  onOpenJobs: () => void;
}) {
  const client = useClient();
  const [state, dispatch] = useReducer(wizardReducer, undefined, initialWizardState);
  const manifest = useManifest(state);
  const [inventoryRunId, setInventoryRunId] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const firstRender = useRef(true);

  const stateRef = useRef(state);
  stateRef.current = state;

  // The remembered return address fills an empty form once.
  useEffect(() => {
    let live = true;
    void client.call('settings.get', {}).then((r) => {
      const saved = r.ok ? r.value.returnAddress : undefined;
      const f = stateRef.current.form;
      if (!live || !saved || Object.values(f.returnAddress).some((v) => v)) return;
      dispatch({ type: 'form', form: { ...f, returnAddress: { ...f.returnAddress, ...saved } } });
    });
    return () => {
      live = false;
    };
  }, [client]);

  // Focus moves to the new step's heading, so keyboard and screen-reader users land at its start.
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    heading.current?.focus();
  }, [state.step]);

  const onDrives = useCallback((drives: DriveView[]) => dispatch({ type: 'drives', drives }), []);
  const onInventory = useCallback((inv: WizardState['inventory']) => {
    setInventoryRunId(inv?.runId ?? null);
    dispatch({ type: 'inventory', inventory: inv });
  }, []);

  const index = WIZARD_STEPS.indexOf(state.step);
  const jobKind: JobKind = manifest.lint?.kind ?? state.form.kind;
  const blockingIssues = visibleIssues(
    manifest.lint,
    state.form.deviceId !== '',
    state.source.mode === 'form' ? state.form : undefined,
  ).filter((i) => i.severity === 'error');
  const nextAllowed = (() => {
    const step = state.step;
    switch (step) {
      case 'job':
        return blockingIssues.length === 0 && manifest.text !== '';
      case 'device':
        return canLeave(state, step) && (manifest.lint?.valid ?? false);
      case 'account':
      case 'preflight':
      case 'create':
      case 'signature':
      case 'label':
      case 'done':
        return canLeave(state, step);
      default:
        return assertNever(step);
    }
  })();
  const backAllowed =
    index > 0 && !(state.created && index <= WIZARD_STEPS.indexOf('signature')) && state.step !== 'done';

  const body = (() => {
    const step = state.step;
    switch (step) {
      case 'account':
        return <AccountStep onOpenSettings={onOpenSettings} />;
      case 'job':
        return (
          <JobStep
            form={state.form}
            source={state.source}
            text={manifest.text}
            lint={manifest.lint}
            onForm={(form) => dispatch({ type: 'form', form })}
            onSource={(source) => dispatch({ type: 'source', source })}
          />
        );
      case 'device':
        return (
          <DeviceStep
            jobKind={jobKind}
            chosen={state.chosen}
            onChoose={(chosen) => dispatch({ type: 'choose', chosen })}
            onDrives={onDrives}
          />
        );
      case 'preflight':
        return state.chosen ? (
          <PreflightStep
            chosen={state.chosen}
            jobType={state.jobType}
            manifestText={manifest.text}
            inventory={state.inventory}
            acknowledged={state.erasedAcknowledged}
            onInventory={onInventory}
            onAcknowledge={(value) => dispatch({ type: 'acknowledge', value })}
          />
        ) : (
          <MissingDrive />
        );
      case 'create':
        return state.chosen ? (
          <CreateStep
            jobType={state.jobType}
            manifestText={manifest.text}
            chosen={state.chosen}
            inventoryRunId={inventoryRunId}
            created={state.created}
            onCreated={(created) => dispatch({ type: 'created', created })}
          />
        ) : (
          <MissingDrive />
        );
      case 'signature':
        return state.chosen && state.created ? (
          <SignatureStep
            jobId={state.created.jobId}
            chosen={state.chosen}
            result={state.signature}
            onWritten={(result) => dispatch({ type: 'signature', result })}
          />
        ) : (
          <MissingDrive />
        );
      case 'label':
        return state.chosen && state.created ? (
          <LabelStep
            jobId={state.created.jobId}
            chosen={state.chosen}
            returnAddress={state.form.returnAddress}
          />
        ) : (
          <MissingDrive />
        );
      case 'done':
        return (
          <div className="stack">
            <p className="note note-ok" role="status">
              Job <strong className="job-id">{state.created?.jobId}</strong> is ready to ship. Dockhand
              follows its status and tells you when it changes.
            </p>
            <div className="row">
              <button type="button" onClick={onOpenJobs}>
                Open the Jobs dashboard
              </button>
              <button type="button" className="button-secondary" onClick={() => dispatch({ type: 'reset' })}>
                Prepare another device
              </button>
            </div>
          </div>
        );
      default:
        return assertNever(step);
    }
  })();

  const go = (step: WizardStep) => dispatch({ type: 'go', step });

  return (
    <div className="wizard">
      <nav aria-label="Wizard steps">
        <ol className="steps">
          {WIZARD_STEPS.map((s, i) => (
            <li
              key={s}
              className={i < index ? 'step-done' : i === index ? 'step-current' : ''}
              aria-current={i === index ? 'step' : undefined}
            >
              <span className="step-number" aria-hidden="true">
                {i + 1}
              </span>
              {stepTitle(s)}
            </li>
          ))}
        </ol>
      </nav>
      <section className="panel" aria-labelledby="step-heading">
        <h2 id="step-heading" ref={heading} tabIndex={-1}>
          {stepTitle(state.step)}
        </h2>
        {body}
        <div className="wizard-actions">
          <button
            type="button"
            className="button-secondary"
            disabled={!backAllowed}
            onClick={() => go(WIZARD_STEPS[index - 1] ?? 'account')}
          >
            Back
          </button>
          {state.step !== 'done' ? (
            <button
              type="button"
              disabled={!nextAllowed}
              onClick={() => go(WIZARD_STEPS[index + 1] ?? 'done')}
            >
              {state.step === 'label' ? 'Finish' : 'Next'}
            </button>
          ) : null}
        </div>
      </section>
    </div>
  );
}

function MissingDrive() {
  return (
    <p className="note note-warning">
      The chosen drive went away. Go back to the Device step and choose it again.
    </p>
  );
}
