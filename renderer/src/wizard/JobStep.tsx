import { useId, useRef, useState } from 'react';
import type { BucketCheck, BucketList, LintResult, ManifestForm } from '../../../electron/shared/contract';
import type { ManifestIssue } from '../../../electron/protocol/manifest/types';
import { Field } from '../components/Field';
import { attentionHeading, bucketIssue, fieldLabel, formOnlyIssues, inFormWords } from './form-errors';
import type { ManifestSource } from './wizard-state';

/** Bucket checks by form field: `bucket`, `logBucket`, `operations[0].exportBucket`. */
export type BucketChecks = Partial<Record<string, BucketCheck>>;

interface JobStepProps {
  form: ManifestForm;
  source: ManifestSource;
  text: string;
  lint: LintResult | null;
  buckets: BucketList | null;
  checks: BucketChecks;
  /** Next was pressed: every problem is shown, not only those of fields already touched. */
  revealAll: boolean;
  /** The remembered return address is complete: shown as one line with "Change", not nine fields. */
  addressKnown: boolean;
  onForm: (form: ManifestForm) => void;
  onSource: (source: ManifestSource) => void;
}

/**
 * GetShippingLabel refuses an address without a company (InvalidAddressException) though CreateJob accepts
 * it; said here, at the field, rather than after the job exists and the label step fails.
 */
export const COMPANY_FOR_LABEL_ISSUE: ManifestIssue = {
  field: 'returnAddress.company',
  code: 'InvalidAddressException',
  message: 'Company is missing: the shipping label needs it',
  fix: 'Enter the company name (your own name will do for a private person).',
  severity: 'error',
};

/**
 * Every problem the Job step knows of, in the words of the screen: the manifest's lint (deviceId only once a
 * drive is chosen), the label's need for a company, the form's own checks, and the bucket checks.
 */
export function visibleIssues(
  lint: LintResult | null,
  deviceChosen: boolean,
  form?: ManifestForm,
  checks: BucketChecks = {},
): ManifestIssue[] {
  const issues = (lint?.issues ?? []).filter((i) => deviceChosen || i.field !== 'deviceId');
  if (form === undefined) return issues;
  const needsCompany =
    lint !== null &&
    !form.returnAddress.company?.trim() &&
    !issues.some((i) => i.field === COMPANY_FOR_LABEL_ISSUE.field);
  const fromChecks = Object.entries(checks)
    .map(([field, c]) => bucketIssue(field, c))
    .filter((i): i is ManifestIssue => i !== undefined);
  const own = [...formOnlyIssues(form), ...fromChecks];
  const ownFields = new Set(own.map((i) => i.field));
  const addressByField = own.some((i) => i.field.startsWith('returnAddress.'));
  return [
    ...own,
    ...issues.filter(
      (i) =>
        (!ownFields.has(i.field) || i.severity === 'warning') &&
        // "returnAddress is missing" is said field by field in the form.
        !(addressByField && i.field === 'returnAddress'),
    ),
    ...(needsCompany ? [COMPANY_FOR_LABEL_ISSUE] : []),
  ]
    .map(inFormWords)
    .sort((a, b) => Number(a.severity === 'warning') - Number(b.severity === 'warning'));
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

function bucketOk(check: BucketCheck | undefined): string | undefined {
  if (check?.verdict !== 'ok') return undefined;
  return `The account's bucket${check.region ? `, in ${check.region}` : ''}.`;
}

export function JobStep({
  form,
  source,
  text,
  lint,
  buckets,
  checks,
  revealAll,
  addressKnown,
  onForm,
  onSource,
}: JobStepProps) {
  const formMode = source.mode === 'form';
  const issues = visibleIssues(lint, form.deviceId !== '', formMode ? form : undefined, checks);
  const [touched, setTouched] = useState<ReadonlySet<string>>(new Set());
  const [editAddress, setEditAddress] = useState(false);
  const touch = (field: string) => setTouched((t) => (t.has(field) ? t : new Set([...t, field])));
  // Problems appear once the person has been to the field, or has pressed Next: never on an untouched form.
  const shownIssues = formMode ? issues.filter((i) => revealAll || touched.has(i.field)) : issues;
  const byField = new Map<string, ManifestIssue>();
  for (const i of shownIssues) if (!byField.has(i.field)) byField.set(i.field, i);
  const kindName = useId();
  const bucketListId = useId();
  const set = (patch: Partial<ManifestForm>) => onForm({ ...form, ...patch });
  const setAddress = (key: keyof ManifestForm['returnAddress'], value: string) =>
    onForm({ ...form, returnAddress: { ...form.returnAddress, [key]: value } });
  const addressIssues = issues.some((i) => i.field.startsWith('returnAddress'));
  const collapsed = formMode && addressKnown && !editAddress && !addressIssues;
  const a = form.returnAddress;

  const bucketField = (field: 'bucket' | 'logBucket' | 'operations[0].exportBucket', label: string) => {
    const key = field === 'operations[0].exportBucket' ? 'exportBucket' : field;
    return (
      <Field
        label={label}
        required={field !== 'logBucket' || form.kind === 's3-export'}
        value={form[key] ?? ''}
        onChange={(v) => set({ [key]: v })}
        onBlur={() => touch(field)}
        list={buckets && buckets.buckets.length > 0 ? bucketListId : undefined}
        issue={byField.get(field)}
        ok={bucketOk(checks[field])}
        hint={
          field === 'logBucket' && form.kind === 's3-import'
            ? 'Where AWS writes the import log; leave empty to use the bucket above.'
            : undefined
        }
      />
    );
  };

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
            disabled={!formMode}
          />{' '}
          Import to Amazon S3 <span className="muted">— copy the files on this device into a bucket</span>
        </label>
        <label>
          <input
            type="radio"
            name={kindName}
            checked={form.kind === 's3-export'}
            onChange={() => set({ kind: 's3-export', fileSystem: form.fileSystem || 'NTFS' })}
            disabled={!formMode}
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
        <h3 className="h-small">{formMode ? 'Manifest details' : 'Manifest (YAML)'}</h3>
        {formMode ? (
          <button type="button" className="button-link" onClick={() => onSource({ mode: 'yaml', text })}>
            Edit as YAML
          </button>
        ) : (
          <button type="button" className="button-link" onClick={() => onSource({ mode: 'form' })}>
            Back to the form (drops YAML edits)
          </button>
        )}
      </div>

      {formMode ? (
        <div className="form-grid">
          {buckets ? (
            <datalist id={bucketListId}>
              {buckets.buckets.map((b) => (
                <option key={b.name} value={b.name}>
                  {b.region ?? ''}
                </option>
              ))}
            </datalist>
          ) : null}
          {buckets ? (
            <p className="hint span-2" role="status">
              {buckets.listProblem
                ? buckets.listProblem
                : buckets.buckets.length > 0
                  ? `This account's buckets: ${buckets.buckets.map((b) => b.name).join(', ')}.`
                  : `This account has no buckets on ${buckets.s3Endpoint}; create one first.`}
            </p>
          ) : null}
          {form.kind === 's3-import' ? (
            <>
              {bucketField('bucket', 'Bucket')}
              <Field
                label="Key prefix"
                value={form.prefix ?? ''}
                onChange={(v) => set({ prefix: v })}
                onBlur={() => touch('prefix')}
                issue={byField.get('prefix')}
                hint="Put in front of every file's path to make its S3 key, e.g. backups/2026/"
              />
              {bucketField('logBucket', 'Log bucket')}
            </>
          ) : (
            <>
              {bucketField('operations[0].exportBucket', 'Bucket to export')}
              <Field
                label="Only keys starting with"
                value={form.exportPrefix ?? ''}
                onChange={(v) => set({ exportPrefix: v })}
                onBlur={() => touch('operations[0].prefix')}
                issue={byField.get('operations[0].prefix')}
              />
              {bucketField('logBucket', 'Log bucket')}
              <Field
                label="File system AWS formats the device with"
                value={form.fileSystem ?? ''}
                onChange={(v) => set({ fileSystem: v })}
                onBlur={() => touch('fileSystem')}
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
            onBlur={() => touch('notificationEmail')}
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
            confirm this before the job is created.
          </p>
          {collapsed ? (
            <div className="address-summary span-2">
              <p>
                <strong>Return address:</strong>{' '}
                {[a.name, a.company, a.street1, a.city, a.stateOrProvince, a.postalCode, a.country]
                  .filter((x) => x && x.trim())
                  .join(', ')}
              </p>
              <button type="button" className="button-link" onClick={() => setEditAddress(true)}>
                Change the return address
              </button>
            </div>
          ) : (
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
                    onBlur={() => touch(`returnAddress.${f.key}`)}
                    issue={byField.get(`returnAddress.${f.key}`)}
                  />
                ))}
              </div>
            </fieldset>
          )}
        </div>
      ) : (
        <YamlEditor
          text={source.text}
          onChange={(t) => onSource({ mode: 'yaml', text: t })}
          issues={issues}
        />
      )}

      {formMode ? (
        <IssueList issues={revealAll ? shownIssues : []} valid={lint?.valid ?? false} formMode />
      ) : (
        <IssueList issues={issues} valid={lint?.valid ?? false} formMode={false} />
      )}

      {formMode ? (
        <details className="preview">
          <summary>Preview the manifest as YAML</summary>
          <pre className="code">{text}</pre>
        </details>
      ) : null}
    </div>
  );
}

/** A textarea with a line-number gutter; lines with a problem are marked, and each problem can select its line. */
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
  const area = useRef<HTMLTextAreaElement>(null);
  const gutter = useRef<HTMLDivElement>(null);
  const lines = text.split('\n');
  const bad = new Map<number, ManifestIssue>();
  for (const i of issues) if (i.line && !bad.has(i.line)) bad.set(i.line, i);
  const goTo = (line: number, column = 1) => {
    const el = area.current;
    if (!el) return;
    const start = lines.slice(0, line - 1).reduce((n, l) => n + l.length + 1, 0);
    const lineText = lines[line - 1] ?? '';
    el.focus();
    el.setSelectionRange(start + Math.min(Math.max(column - 1, 0), lineText.length), start + lineText.length);
  };
  return (
    <div className="field">
      <label htmlFor={id}>Manifest YAML</label>
      <div className="yaml-editor">
        <div className="yaml-gutter" ref={gutter} aria-hidden="true">
          {lines.map((_, n) => (
            <span key={n} className={bad.has(n + 1) ? 'yaml-line-bad' : undefined}>
              {n + 1}
            </span>
          ))}
        </div>
        <textarea
          id={id}
          ref={area}
          className="yaml"
          rows={Math.max(16, Math.min(lines.length + 1, 40))}
          spellCheck={false}
          wrap="off"
          value={text}
          aria-invalid={issues.some((i) => i.severity === 'error') || undefined}
          onScroll={(e) => {
            if (gutter.current) gutter.current.scrollTop = e.currentTarget.scrollTop;
          }}
          onChange={(e) => onChange(e.target.value)}
        />
      </div>
      {[...bad.values()].length > 0 ? (
        <ul className="yaml-marks">
          {[...bad.entries()].map(([line, i]) => (
            <li key={line}>
              <button type="button" className="button-link" onClick={() => goTo(line, i.column)}>
                Line {line}
                {i.column ? `, column ${i.column}` : ''}
              </button>
              : {i.message}
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

export function IssueList({
  issues,
  valid,
  formMode = false,
}: {
  issues: ManifestIssue[];
  valid: boolean;
  formMode?: boolean;
}) {
  if (issues.length === 0) {
    return valid ? (
      <p className="note note-ok" role="status">
        The manifest checks out.
      </p>
    ) : null;
  }
  const errors = new Set(issues.filter((i) => i.severity === 'error').map((i) => i.field)).size;
  const warnings = issues.filter((i) => i.severity === 'warning').length;
  return (
    <div className="issues" role="status" aria-live="polite">
      <h3 className="h-small">{attentionHeading(errors, warnings)}</h3>
      <ul>
        {issues.map((i, n) => (
          <li key={`${i.field}-${n}`} className={i.severity === 'error' ? 'issue-error' : 'issue-warning'}>
            <strong>{(formMode ? fieldLabel(i.field) : undefined) ?? (i.field || 'manifest')}</strong>
            {!formMode && i.line ? (
              <span className="muted">
                {' '}
                (line {i.line}
                {i.column ? `, column ${i.column}` : ''})
              </span>
            ) : null}
            : {i.message}. <span className="fix">{i.fix}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
