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
}: FieldProps) {
  const id = useId();
  const hintId = `${id}-hint`;
  const issueId = `${id}-issue`;
  const describedBy = [hint ? hintId : '', issue ? issueId : ''].filter(Boolean).join(' ') || undefined;
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
        onChange={(e) => onChange(e.target.value)}
      />
      {hint ? (
        <p className="hint" id={hintId}>
          {hint}
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
