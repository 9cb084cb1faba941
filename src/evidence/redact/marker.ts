/** What every dropped secret is replaced by, in evidence and in every report. */
export const REDACTED = '[redacted]';
