/**
 * Headless Chromium for the tests that open a pack in a browser (playwright-core, the system's
 * chromium, offline). Missing either skips the test, and fails it under CI=true.
 */
import { existsSync } from 'node:fs';

const CHROMIUM = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => existsSync(p));

/** Flags that keep Chromium from reaching out (updates, sync, QUIC) and running in a container. */
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage'];

interface Playwright<B> {
  chromium: { launch(o: { executablePath?: string; headless: boolean; args: string[] }): Promise<B> };
}

/** Launch Chromium, typed by the caller as the browser interface it uses; skips (or fails under CI) when it cannot run. */
export async function launchChromium<B>(ctx: Mocha.Context): Promise<B> {
  let pw: Playwright<B> | null = null;
  try {
    pw = require('playwright-core') as Playwright<B>;
  } catch {
    pw = null;
  }
  const why = !pw ? 'playwright-core is not installed (npm i -D playwright-core)' : !CHROMIUM ? 'chromium is not installed (apt-get install -y chromium)' : null;
  if (why) {
    if (process.env.CI === 'true') throw new Error(`browser test cannot run under CI: ${why}`);
    ctx.skip();
  }
  return pw!.chromium.launch({ executablePath: CHROMIUM, headless: true, args: ARGS });
}
