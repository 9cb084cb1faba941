/**
 * TCP connect probe, run by the namespace rig inside its "outside" namespace:
 *   nsenter --net=/var/run/netns/<prefix>-out node dist/test/support/netns-probe.js 10.214.0.11:18081 [fd00:214::11]:18081 ...
 * Prints one JSON array: { target, open, error? } per argument. Each connect gives up after 1.5 s; only
 * the rig's own addresses are ever passed in.
 */
import * as net from 'node:net';

function probe(target: string): Promise<{ target: string; open: boolean; error?: string }> {
  const m = /^\[?([^\]]+?)\]?:(\d+)$/.exec(target);
  if (!m) return Promise.resolve({ target, open: false, error: 'not host:port' });
  return new Promise((resolve) => {
    const s = net.connect({ host: m[1], port: Number(m[2]) });
    const done = (open: boolean, error?: string) => {
      s.destroy();
      resolve({ target, open, ...(error ? { error } : {}) });
    };
    s.setTimeout(1500, () => done(false, 'timeout'));
    s.once('connect', () => done(true));
    s.once('error', (e: NodeJS.ErrnoException) => done(false, e.code ?? e.message));
  });
}

if (require.main === module) {
  void Promise.all(process.argv.slice(2).map(probe)).then((r) => process.stdout.write(JSON.stringify(r)));
}
