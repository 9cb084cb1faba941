/**
 * The compatibility rule for versioned files (data-semver, like the evidence and findings contracts):
 * the major version must be the one this tool reads; an older minor is read as it is; a newer minor is
 * read with its unknown fields ignored. Anything else is refused before its content is looked at.
 */
import { describeValue } from './messages';

export type VersionFit = 'same' | 'older-minor' | 'newer-minor';

const SEMVER = /^(\d+)\.(\d+)\.(\d+)$/;

export interface VersionProblem {
  pointer: string;
  text: string;
}

/**
 * How `found` (the file's schemaVersion) fits `known` (the version this tool writes); a problem when it
 * does not. `what` names the format (`evidence`, `findings`); `otherMajor` explains a refused major;
 * `pointer` is where the version sits in the file.
 */
export function versionFit(found: unknown, known: string, what: string, otherMajor: (major: number) => string, pointer = '/schemaVersion'): VersionFit | VersionProblem {
  if (found === undefined) return { pointer, text: `${pointer} is required but missing (the ${what} schema version, e.g. "${known}")` };
  const m = typeof found === 'string' ? SEMVER.exec(found) : null;
  if (!m) return { pointer, text: `${pointer} must be a version like "${known}" (got ${describeValue(found)})` };
  const [kMajor, kMinor] = known.split('.').map(Number);
  const [major, minor] = [Number(m[1]), Number(m[2])];
  if (major !== kMajor) return { pointer, text: `${pointer} ${JSON.stringify(found)} is not supported: this residency-audit reads ${what} schema ${kMajor}.x; ${otherMajor(major)}` };
  if (minor === kMinor) return 'same';
  return minor < kMinor ? 'older-minor' : 'newer-minor';
}
