import { useId, type ReactNode } from 'react';
import type { ManifestIssue } from '../../../electron/protocol/manifest/types';

interface FieldProps {
  label: string;
  value: string;
  onChange: (value: string) => void;
  issue?: ManifestIssue | undefined;
  hint?: ReactNode;
  type?: 'text' | 'password' | 'email' | 'tel' | 'url';
  required?: boolean;
  autoComplete?: string;
  name?: string;
  readOnly?: boolean;
  /** The id of a <datalist> of suggestions (the account's buckets). */
  list?: string;
  onBlur?: () => void;
  /** A good word under the field (e.g. "Yours, in us-east-1"), shown when there is no issue. */
  ok?: ReactNode;
}

/** A labelled input whose lint message (what is wrong, and the fix) is tied to it for screen readers. */
export function Field({
  label,
  value,
  onChange,
  issue,
  hint,
  type = 'text',
  required,
  autoComplete,
  name,
  readOnly,
  list,
  onBlur,
  ok,
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const issueId = `${id}-issue`;
  const okId = `${id}-ok`;
  const showOk = !issue && ok;
  const describedBy =
    [hint ? hintId : '', issue ? issueId : '', showOk ? okId : ''].filter(Boolean).join(' ') || undefined;
  return (
    <div className={`field${issue ? (issue.severity === 'error' ? ' field-error' : ' field-warning') : ''}`}>
      <label htmlFor={id}>
        {label}
        {required ? (
          <span className="required" aria-hidden="true">
            {' '}
            *
          </span>
        ) : null}
      </label>
      <input
        id={id}
        name={name}
        type={type}
        value={value}
        required={required}
        readOnly={readOnly}
        autoComplete={autoComplete ?? 'off'}
        spellCheck={false}
        aria-invalid={issue?.severity === 'error' ? true : undefined}
        aria-describedby={describedBy}
        list={list}
        onBlur={onBlur}
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
        </p>
      ) : null}
      {showOk ? (
        <p className="field-ok" id={okId}>
          {ok}
        </p>
      ) : null}
      {issue ? (
        <p className="issue" id={issueId}>
          {issue.message}. <span className="fix">{issue.fix}</span>
        </p>
      ) : null}
    </div>
  );
}
