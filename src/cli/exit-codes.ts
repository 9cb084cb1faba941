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
} as const;
