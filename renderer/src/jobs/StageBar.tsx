import type { Stage, StageState } from './job-stages';

function stateWords(state: StageState): string {
  switch (state) {
    case 'done':
      return 'done';
    case 'current':
      return 'next';
    case 'todo':
      return 'not yet';
    case 'stopped':
      return 'stopped here';
    default: {
      const never: never = state;
      return String(never);
    }
  }
}

/** created → SIGNATURE written → label printed → shipped → at AWS → loading → complete → returned. */
export function StageBar({ stages }: { stages: readonly Stage[] }) {
  return (
    <ol className="stage-bar" aria-label="Job stages">
      {stages.map((s) => (
        <li
          key={s.id}
          className={`stage stage-${s.state}`}
          aria-current={s.state === 'current' ? 'step' : undefined}
        >
          <span className="stage-mark" aria-hidden="true">
            {s.state === 'done' ? '✓' : s.state === 'stopped' ? '✕' : ''}
          </span>
          <span className="stage-label">{s.label}</span>
          <span className="visually-hidden">: {stateWords(s.state)}</span>
        </li>
      ))}
    </ol>
  );
}
