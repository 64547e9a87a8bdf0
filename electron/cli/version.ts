/** `dockhand --version`, as `aws --version` prints it: tool/version runtime/version platform/arch. */
import { packageInfo } from '../runtime-layout';

export function versionLine(): string {
  return `dockhand/${packageInfo().version} node/${process.versions.node} ${process.platform}/${process.arch}`;
}
