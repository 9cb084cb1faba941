/**
 * Ctrl-C while a command is still loading (before its own handler, src/cli/commands/interrupt.ts, takes
 * over) exits 130 at once: nothing has been written yet. Without this, Node's default would end the
 * process by the signal instead of with the documented exit code.
 */
let early: ((sig: NodeJS.Signals) => void) | null = null;

export function exitOnEarlySignal(): void {
  if (early) return;
  early = (sig) => {
    process.stderr.write(`residency-audit: ${sig} received before any work began: exiting\n`);
    process.exit(130);
  };
  process.on('SIGINT', early);
  process.on('SIGTERM', early);
}

/** The command's own handler takes over. */
export function endEarlySignal(): void {
  if (!early) return;
  process.off('SIGINT', early);
  process.off('SIGTERM', early);
  early = null;
}
