/**
 * What kind of failure an error is, for the exit code (src/cli/exit-codes.ts maps kinds to codes in
 * one table). Every module that rejects user input throws an InputError subclass; anything else that
 * escapes is the tool's own failure.
 */
export type ErrorKind = 'input' | 'nothing-collected' | 'interrupted';

export abstract class AuditError extends Error {
  abstract readonly kind: ErrorKind;
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Bad usage, configuration or evidence: the message names what and where (exit 2). */
export class InputError extends AuditError {
  readonly kind = 'input' as const;
}

/** Nothing could be collected (exit 3). */
export class NothingCollectedError extends AuditError {
  readonly kind = 'nothing-collected' as const;
}

/** Stopped by a signal (exit 130). */
export class InterruptedError extends AuditError {
  readonly kind = 'interrupted' as const;
}
