import { useId } from 'react';
import type { LintResult, ManifestForm } from '../../../electron/shared/contract';
import type { ManifestIssue } from '../../../electron/protocol/manifest/types';
import { Field } from '../components/Field';
import type { ManifestSource } from './wizard-state';

interface JobStepProps {
  form: ManifestForm;
  source: ManifestSource;
  text: string;
  lint: LintResult | null;
  onForm: (form: ManifestForm) => void;
  onSource: (source: ManifestSource) => void;
}

/** Issues the person cannot act on here: deviceId comes from the drive chosen in the next step. */
/**
 * GetShippingLabel refuses an address without a company (InvalidAddressException) though CreateJob accepts
 * it; said here, at the field, rather than after the job exists and the label step fails.
 */
export const COMPANY_FOR_LABEL_ISSUE: ManifestIssue = {
  field: 'returnAddress.company',
  code: 'InvalidAddressException',
  message: 'returnAddress.company is missing: the shipping label needs it',
  fix: 'Enter the company name (your own name will do for a private person).',
  severity: 'error',
};

export function visibleIssues(
  lint: LintResult | null,
  deviceChosen: boolean,
  form?: ManifestForm,
): ManifestIssue[] {
  const issues = (lint?.issues ?? []).filter((i) => deviceChosen || i.field !== 'deviceId');
  const needsCompany =
    form !== undefined &&
    lint !== null &&
    !form.returnAddress.company?.trim() &&
    !issues.some((i) => i.field === COMPANY_FOR_LABEL_ISSUE.field);
  return needsCompany ? [...issues, COMPANY_FOR_LABEL_ISSUE] : issues;
}

const ADDRESS_FIELDS: Array<{
  key: keyof ManifestForm['returnAddress'];
  label: string;
  required?: boolean;
  autoComplete: string;
}> = [
  { key: 'name', label: 'Name', required: true, autoComplete: 'name' },
  // The manifest does not need it, but the shipping label does (reference: the label tool requires company).
  { key: 'company', label: 'Company', required: true, autoComplete: 'organization' },
  { key: 'street1', label: 'Street', required: true, autoComplete: 'address-line1' },
  { key: 'street2', label: 'Street (line 2)', autoComplete: 'address-line2' },
  { key: 'city', label: 'City', required: true, autoComplete: 'address-level2' },
  { key: 'stateOrProvince', label: 'State or province', autoComplete: 'address-level1' },
  { key: 'postalCode', label: 'Postal code', required: true, autoComplete: 'postal-code' },
  { key: 'country', label: 'Country (two-letter code, e.g. US)', required: true, autoComplete: 'country' },
  { key: 'phoneNumber', label: 'Phone', required: true, autoComplete: 'tel' },
];

export function JobStep({ form, source, text, lint, onForm, onSource }: JobStepProps) {
  const issues = visibleIssues(lint, form.deviceId !== '', source.mode === 'form' ? form : undefined);
  const byField = new Map<string, ManifestIssue>();
  for (const i of issues) if (!byField.has(i.field)) byField.set(i.field, i);
  const kindName = useId();
  const set = (patch: Partial<ManifestForm>) => onForm({ ...form, ...patch });
  const setAddress = (key: keyof ManifestForm['returnAddress'], value: string) =>
    onForm({ ...form, returnAddress: { ...form.returnAddress, [key]: value } });
  const shown = new Set<string>([
    'bucket',
    'prefix',
    'logBucket',
    'operations[0].exportBucket',
    'operations[0].prefix',
    'fileSystem',
    'notificationEmail',
    ...ADDRESS_FIELDS.map((f) => `returnAddress.${f.key}`),
  ]);
  const otherIssues = source.mode === 'yaml' ? issues : issues.filter((i) => !shown.has(i.field));

  return (
    <div className="stack">
      <fieldset className="kind-choice">
        <legend>What kind of job?</legend>
        <label>
          <input
            type="radio"
            name={kindName}
            checked={form.kind === 's3-import'}
            onChange={() => set({ kind: 's3-import' })}
            disabled={source.mode === 'yaml'}
          />{' '}
          Import to Amazon S3 <span className="muted">— copy the files on this device into a bucket</span>
        </label>
        <label>
          <input
            type="radio"
            name={kindName}
            checked={form.kind === 's3-export'}
            onChange={() => set({ kind: 's3-export', fileSystem: form.fileSystem || 'NTFS' })}
            disabled={source.mode === 'yaml'}
          />{' '}
          Export from Amazon S3{' '}
          <span className="muted">— AWS writes a bucket's objects onto this device</span>
        </label>
        <p className="hint">
          EBS snapshot and Glacier imports need <code>operations</code> with a destination, source and region
          per device; write them in the YAML editor.
        </p>
      </fieldset>

      <div className="row-between">
        <h3 className="h-small">{source.mode === 'form' ? 'Manifest details' : 'Manifest (YAML)'}</h3>
        {source.mode === 'form' ? (
          <button type="button" className="button-link" onClick={() => onSource({ mode: 'yaml', text })}>
            Edit as YAML
          </button>
        ) : (
          <button type="button" className="button-link" onClick={() => onSource({ mode: 'form' })}>
            Back to the form (drops YAML edits)
          </button>
        )}
      </div>

      {source.mode === 'form' ? (
        <div className="form-grid">
          {form.kind === 's3-import' ? (
            <>
              <Field
                label="Bucket"
                required
                value={form.bucket ?? ''}
                onChange={(v) => set({ bucket: v })}
                issue={byField.get('bucket')}
              />
              <Field
                label="Key prefix"
                value={form.prefix ?? ''}
                onChange={(v) => set({ prefix: v })}
                issue={byField.get('prefix')}
                hint="Put in front of every file's path to make its S3 key, e.g. backups/2026/"
              />
              <Field
                label="Log bucket"
                value={form.logBucket ?? ''}
                onChange={(v) => set({ logBucket: v })}
                issue={byField.get('logBucket')}
              />
            </>
          ) : (
            <>
              <Field
                label="Bucket to export"
                required
                value={form.exportBucket ?? ''}
                onChange={(v) => set({ exportBucket: v })}
                issue={byField.get('operations[0].exportBucket')}
              />
              <Field
                label="Only keys starting with"
                value={form.exportPrefix ?? ''}
                onChange={(v) => set({ exportPrefix: v })}
                issue={byField.get('operations[0].prefix')}
              />
              <Field
                label="Log bucket"
                required
                value={form.logBucket ?? ''}
                onChange={(v) => set({ logBucket: v })}
                issue={byField.get('logBucket')}
              />
              <Field
                label="File system AWS formats the device with"
                value={form.fileSystem ?? ''}
                onChange={(v) => set({ fileSystem: v })}
                issue={byField.get('fileSystem')}
                hint="NTFS or EXT4"
              />
            </>
          )}
          <Field
            label="Notification emails"
            type="text"
            value={form.notificationEmail ?? ''}
            onChange={(v) => set({ notificationEmail: v })}
            issue={byField.get('notificationEmail')}
            hint="Separate several with commas"
          />
          <Field
            label="Device ID"
            value={form.deviceId || 'Filled in from the drive you choose next'}
            onChange={() => undefined}
            readOnly
            hint="The chosen drive's serial number; never typed by hand."
          />
          <p className="hint span-2">
            The manifest says <code>eraseDevice: yes</code>: AWS erases the device before sending it back. You
            confirm this in Preflight before the job is created.
          </p>
          <fieldset className="address">
            <legend>Return address</legend>
            <div className="form-grid">
              {ADDRESS_FIELDS.map((f) => (
                <Field
                  key={f.key}
                  label={f.label}
                  required={f.required}
                  autoComplete={f.autoComplete}
                  value={form.returnAddress[f.key] ?? ''}
                  onChange={(v) => setAddress(f.key, v)}
                  issue={byField.get(`returnAddress.${f.key}`)}
                />
              ))}
            </div>
          </fieldset>
        </div>
      ) : (
        <YamlEditor
          text={source.text}
          onChange={(t) => onSource({ mode: 'yaml', text: t })}
          issues={issues}
        />
      )}

      <IssueList issues={otherIssues} valid={lint?.valid ?? false} />

      {source.mode === 'form' ? (
        <details className="preview">
          <summary>Preview the manifest as YAML</summary>
          <pre className="code">{text}</pre>
        </details>
      ) : null}
    </div>
  );
}

function YamlEditor({
  text,
  onChange,
  issues,
}: {
  text: string;
  onChange: (t: string) => void;
  issues: ManifestIssue[];
}) {
  const id = useId();
  return (
    <div className="field">
      <label htmlFor={id}>Manifest YAML</label>
      <textarea
        id={id}
        className="yaml"
        rows={16}
        spellCheck={false}
        value={text}
        aria-invalid={issues.some((i) => i.severity === 'error') || undefined}
        onChange={(e) => onChange(e.target.value)}
      />
    </div>
  );
}

export function IssueList({ issues, valid }: { issues: ManifestIssue[]; valid: boolean }) {
  if (issues.length === 0) {
    return valid ? (
      <p className="note note-ok" role="status">
        The manifest checks out.
      </p>
    ) : null;
  }
  return (
    <div className="issues" role="status" aria-live="polite">
      <h3 className="h-small">
        {issues.filter((i) => i.severity === 'error').length} problem(s),{' '}
        {issues.filter((i) => i.severity === 'warning').length} warning(s)
      </h3>
      <ul>
        {issues.map((i, n) => (
          <li key={`${i.field}-${n}`} className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}>
            <strong>{i.field || 'manifest'}</strong>
            {i.line ? <span className="muted"> (line {i.line})</span> : null}: {i.message}.{' '}
            <span className="fix">{i.fix}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
