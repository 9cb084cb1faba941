import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { detectVirt, virtWarnings } from '../../collectors/virt';
import type { VirtEvidence } from '../../evidence/types/virt';
import { parse, UsageError } from '../args';
import { EXIT } from '../exit-codes';

export const VIRT_USAGE = `Usage: residency-audit virt [--host-root DIR] [--cpuid-file F] [--dmidecode-file F] [--arch A] [--json]

Say which kernel the containers on this host really share: is there a hypervisor under it (and which),
is the host itself inside OS-level virtualization (OpenVZ, LXC, Docker, WSL, gVisor, ...), and the
signals behind each answer. Never contacts the network; helper tools (lscpu, dmidecode, dmesg,
systemd-detect-virt) run with a timeout, and only on a live host.

Options:
      --host-root DIR        where the host's filesystem is visible (default /): the live host, a
                             read-only mount of it, or a captured snapshot
      --cpuid-file F         hypervisor CPUID signature as virt-what-cpuid-helper prints it (snapshots)
      --dmidecode-file F     saved output of "dmidecode 2>&1" (snapshots, or to avoid running dmidecode)
      --arch A               machine architecture, as "uname -m" prints it (snapshots)
      --no-exec              do not run any helper tool
      --json                 print the evidence as JSON (facts, vm, containers, kernel, provider, signals, ...)
  -h, --help                 this help

Exit status: 0 when the detection ran (whatever the verdict, "unknown" included), 2 on bad usage.
Run as root for the complete picture (CPUID device, full SMBIOS, ACPI and kernel log).`;

/** Plain-text rendering of the verdict and the layer stack. */
export function formatVirt(ev: VirtEvidence): string {
  const out: string[] = [];
  out.push(`Kernel:     ${ev.kernel} — ${ev.kernelReason}`);
  out.push(`Hypervisor: ${ev.vm ?? (ev.machine === 'bare-metal' ? 'none (bare metal)' : 'unknown')}${ev.vmFlavour ? ` (${ev.vmFlavour})` : ''}${ev.nested.observed ? `, nested in ${ev.nested.outer}` : ''}`);
  out.push(`Containers: ${ev.containers.map((c) => `${c.runtime} (${c.confidence})`).join(' > ') || 'none'}`);
  out.push(`Provider:   ${ev.provider ?? 'none recognised'}`);
  if (ev.confidential) out.push(`Confidential VM: ${ev.confidential.technology} (claimed, not attested)`);
  out.push(`Facts:      ${ev.facts.join(' ') || '(none)'}   [virt-what vocabulary]`);
  out.push('', 'Stack (outermost first):');
  for (const l of ev.layers) {
    out.push(`  ${l.layer.padEnd(18)} ${l.name}${l.note ? `  [${l.note}]` : ''}`);
    for (const e of l.evidence) out.push(`  ${''.padEnd(18)}   - ${e}`);
  }
  for (const u of ev.unconfirmed) out.push('', `Not claimed: ${u.runtime}: ${u.reason}.`);
  for (const d of ev.virtWhat.differences) {
    const same = ev.unconfirmed.some((u) => u.reason === d.reason);
    out.push(`virt-what would ${d.virtWhat ? 'print' : 'not print'} ${d.fact}${same ? ' (not claimed, see above)' : `: ${d.reason}`}.`);
  }
  for (const c of ev.crossChecks.filter((x) => x.agrees === false)) out.push(`${c.command} says ${c.output}: ${c.note ?? 'differs'}.`);
  const warn = virtWarnings(ev);
  if (warn.length) out.push('', 'Gaps:', ...warn.map((w) => `  - ${w}`));
  const counts = new Map<string, number>();
  for (const s of ev.sources) counts.set(s.status, (counts.get(s.status) ?? 0) + 1);
  out.push('', `Sources: ${[...counts].map(([k, n]) => `${n} ${k}`).join(', ')} (host root ${ev.inputs.hostRoot}, ${ev.inputs.live ? 'live' : 'snapshot'}, ${ev.inputs.privileged ? 'root' : 'unprivileged'})`);
  return out.join('\n');
}

async function requireFile(flag: string, file: string | undefined): Promise<string | undefined> {
  if (file === undefined) return undefined;
  const abs = path.resolve(file);
  const st = await fs.stat(abs).catch(() => null);
  if (!st) throw new UsageError(`${flag} ${file}: no such file`);
  if (!st.isFile()) throw new UsageError(`${flag} ${file}: not a regular file`);
  return abs;
}

export async function virtCommand(argv: string[]): Promise<number> {
  const { values, positionals } = parse('virt', argv, {
    'host-root': { type: 'string' },
    'cpuid-file': { type: 'string' },
    'dmidecode-file': { type: 'string' },
    arch: { type: 'string' },
    'no-exec': { type: 'boolean' },
    json: { type: 'boolean' },
  }, true);
  if (values.help) {
    process.stdout.write(`${VIRT_USAGE}\n`);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`virt takes no positional arguments; got "${positionals[0]}"`);
  const hostRoot = path.resolve(values['host-root'] ?? '/');
  const st = await fs.stat(hostRoot).catch(() => null);
  if (!st?.isDirectory()) throw new UsageError(`--host-root ${values['host-root']}: not a folder`);
  if (values.arch !== undefined && !/^[A-Za-z0-9_]{2,16}$/.test(values.arch)) throw new UsageError(`--arch takes a "uname -m" value such as x86_64 or aarch64; got "${values.arch}"`);
  const ev = await detectVirt({
    hostRoot,
    cpuidFile: await requireFile('--cpuid-file', values['cpuid-file']),
    dmidecodeFile: await requireFile('--dmidecode-file', values['dmidecode-file']),
    arch: values.arch,
    exec: !values['no-exec'],
  });
  process.stdout.write(values.json ? `${JSON.stringify(ev, null, 2)}\n` : `${formatVirt(ev)}\n`);
  return EXIT.ok;
}
