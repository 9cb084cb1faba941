import { teardownEngine } from './engine';

/** Mocha global fixture: the engine is started lazily by the first test that needs it and stopped here. */
export async function mochaGlobalTeardown(): Promise<void> {
  await teardownEngine();
}
