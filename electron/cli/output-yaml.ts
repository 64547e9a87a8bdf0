/**
 * `--output yaml`, in a module of its own so only that output loads yaml. It is imported statically here:
 * the build inlines yaml (CommonJS), and a dynamic `import('yaml')` of an inlined CommonJS package yields
 * only its default export.
 */
import { stringify } from 'yaml';

export function formatYaml(value: unknown): string {
  return value === null || value === undefined ? 'null' : stringify(value);
}
