import { strict as assert } from 'node:assert';
import { execFile } from 'node:child_process';
import { mkdtempSync, promises as fs } from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { promisify } from 'node:util';
import { collectNetwork, FILTER_COMMANDS } from '../../../src/collectors/network';
import type { CommandRunner } from '../../../src/collectors/network/commands';
import type { CollectContext } from '../../../src/collectors/types';
import { PROJECT_ROOT } from '../../../src/version';

const exec = promisify(execFile);

function ctx(hostRoot: string, network: Record<string, unknown> = {}): CollectContext {
  return { hostRoot, earlier: {}, log: () => undefined, signal: new AbortController().signal, options: { network } };
}

describe('network collector', () => {
  it('records a missing tool per source, says so in the warnings, and never guesses rules', async () => {
    const missing: CommandRunner = async (file, args) => ({ command: [file, ...args].join(' '), status: 'missing', exitCode: null, detail: 'not installed' });
    const out = await collectNetwork(ctx('/', { run: missing }));
    assert.equal(out.status, 'partial');
    const d = out.data!;
    assert.equal(d.filters.length, FILTER_COMMANDS.length);
    for (const f of d.filters) {
      assert.equal(f.status, 'missing');
      assert.equal(f.stdout, undefined);
    }
    assert.ok(out.warnings!.some((w) => /packet filter could not be read: iptables-save: not installed/.test(w)), out.warnings!.join('\n'));
    // Without ip the interfaces come from Node's own view, and the record says so.
    assert.ok(d.interfaces && d.interfaces.some((i) => i.loopback));
    assert.match(d.interfacesSource.detail ?? '', /ip not installed/);
  });

  it('records a denial with the reason', async () => {
    const denied: CommandRunner = async (file, args) => ({ command: [file, ...args].join(' '), status: 'denied', exitCode: 1, detail: 'permission denied (needs root / CAP_NET_ADMIN): Permission denied (you must be root)' });
    const out = await collectNetwork(ctx('/', { run: denied }));
    assert.ok(out.warnings!.some((w) => /^iptables-save: permission denied/.test(w)), out.warnings!.join('\n'));
  });

  it('under a host root seen from another network namespace, runs no command and says why', async () => {
    const root = mkdtempSync(path.join(os.tmpdir(), 'ra-net-'));
    try {
      await fs.mkdir(path.join(root, 'proc/1/ns'), { recursive: true });
      await fs.symlink('net:[1]', path.join(root, 'proc/1/ns/net'));
      let ran = 0;
      const counting: CommandRunner = async (file, args) => {
        ran++;
        return { command: [file, ...args].join(' '), status: 'read', exitCode: 0, stdout: '' };
      };
      const out = await collectNetwork(ctx(root, { run: counting }));
      assert.equal(ran, 0);
      const d = out.data!;
      assert.equal(d.namespace.commandsDescribeHost, false);
      assert.ok(d.filters.every((f) => f.status === 'not-run' && /--network host/.test(f.detail ?? '')));
      assert.equal(d.sysctl.ipForward.status, 'not-run');
      assert.equal(d.interfaces, null);
    } finally {
      await fs.rm(root, { recursive: true, force: true });
    }
  });

  it('reads the real packet filter, interfaces and sysctls of this host (as root)', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const out = await collectNetwork(ctx('/'));
    const d = out.data!;
    assert.equal(d.namespace.commandsDescribeHost, true);
    const save = d.filters.find((f) => f.command === 'iptables-save')!;
    assert.equal(save.status, 'read', save.detail);
    assert.match(save.stdout!, /^\*filter$/m);
    assert.ok(d.interfaces!.some((i) => i.loopback && i.addresses.some((a) => a.address === '127.0.0.1')));
    assert.match(d.sysctl.ipForward.value ?? '', /^[01]$/);
    assert.ok(d.listeners !== null);
  });

  it('as an unprivileged user on this host, the packet filter is recorded as denied, not as empty', async function () {
    if (process.getuid?.() !== 0) this.skip();
    const script = `require(${JSON.stringify(path.join(PROJECT_ROOT, 'dist/src/collectors/network'))}).collectNetwork({ hostRoot: '/', earlier: {}, log: () => {}, signal: new AbortController().signal, options: {} }).then((o) => process.stdout.write(JSON.stringify({ filters: o.data.filters.map((f) => ({ command: f.command, status: f.status, detail: f.detail })), warnings: o.warnings })))`;
    const { stdout } = await exec('setpriv', ['--reuid=65534', '--regid=65534', '--clear-groups', '--inh-caps=-all', process.execPath, '-e', script], { timeout: 60_000, cwd: '/' });
    const r = JSON.parse(stdout) as { filters: { command: string; status: string; detail?: string }[]; warnings: string[] };
    const save = r.filters.find((f) => f.command === 'iptables-save')!;
    assert.equal(save.status, 'denied', JSON.stringify(save));
    assert.match(save.detail!, /permission denied/i);
    const nft = r.filters.find((f) => f.command.startsWith('nft '))!;
    if (nft.status !== 'missing') assert.equal(nft.status, 'denied', JSON.stringify(nft));
    assert.ok(r.warnings.some((w) => /packet filter could not be read/.test(w)));
  });
});
