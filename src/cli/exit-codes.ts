import type { ErrorKind } from '../errors';

/** Exit codes, documented in --help and the README. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** A finding at or above --fail-on, or verify found a mismatch. */
  findings: 1,
  /** Bad usage or configuration. */
  usage: 2,
  /** Nothing could be collected (engine unreachable and no other collector had data). */
  nothingCollected: 3,
  /** The engine could not be read, or only in part (objects not inspected, engine gone mid-way): evidence and pack say what is missing. */
  incomplete: 3,
  /** The tool itself failed (disk full, a renderer crashed, an interrupted run): the message names it. */
  failed: 4,
  /** Stopped by SIGINT/SIGTERM (within 2 s): the output folder is left as it was, no new manifest. */
  interrupted: 130,
} as const;

/** The exit code of each kind of error (src/errors.ts); an error of no kind is the tool's own failure (4). */
export const EXIT_FOR_ERROR: Record<ErrorKind, number> = {
  input: EXIT.usage,
  'nothing-collected': EXIT.nothingCollected,
  interrupted: EXIT.interrupted,
};
