/**
 * Run work with an AbortSignal tied to SIGINT/SIGTERM: the first signal asks collectors to stop and
 * clean up (files already written stay complete: every write is atomic); a second one exits at once.
 */
export async function withInterrupt<T>(work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const ac = new AbortController();
  const onSignal = (sig: NodeJS.Signals): void => {
    if (ac.signal.aborted) process.exit(130);
    process.stderr.write(`residency-audit: ${sig} received, stopping and cleaning up (again to exit now)\n`);
    ac.abort(new Error(`interrupted by ${sig}`));
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  try {
    return await work(ac.signal);
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
