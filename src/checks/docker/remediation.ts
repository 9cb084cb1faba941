/**
 * Remediation by container: one corrected `docker run` line per container that fixes every failed
 * or warned container control at once. Each container check says how its own finding changes the
 * command line (its verdict's `fix`); applied one at a time, a fix for capabilities would keep the
 * docker.sock mount another control fails on. Here every fix of the container is applied to the
 * same command line, in benchmark order, so the line printed fixes them all. Pure: evidence and
 * findings in, records out; recorded in findings.json (`remediation`) for the pack and remediation.sh.
 */
import { Document, visit } from 'yaml';
import type { DockerEvidence, ContainerInspect } from '../../evidence/types/docker';
import type { HostEvidence } from '../../evidence/types/host';
import type { ContainerRemediation, Finding } from '../../findings/types';
import { containerName, containerWorkload } from '../../domain/container-names';
import type { CheckOptions } from '../types';
import { CONTAINER_JUDGES } from './container-check';
import { applyFix, formatRun, runSpecOf, type RunOption, type RunSpec } from './run-line';

const NEEDS_FIX: ReadonlySet<string> = new Set(['fail', 'warn']);

function optionText(o: RunOption): string {
  return o.value === undefined ? o.flag : `${o.flag} ${o.value}`;
}

/** Options in `a` that `b` does not have (same flag and value). */
function minus(a: readonly RunOption[], b: readonly RunOption[]): string[] {
  const keys = new Set(b.map(optionText));
  return a.map(optionText).filter((k) => !keys.has(k));
}

/** Compose keys for the run options the fixes touch; anything else stays a comment, never a guess. */
function composeService(spec: RunSpec): { service: Record<string, unknown>; unmapped: string[] } {
  const s: Record<string, unknown> = { image: spec.image };
  const unmapped: string[] = [];
  const push = (key: string, v: unknown) => ((s[key] as unknown[] | undefined) ?? (s[key] = [])) && (s[key] as unknown[]).push(v);
  for (const o of spec.options) {
    const v = o.value ?? '';
    switch (o.flag) {
      case '--name':
        break; // compose names the container after project and service
      case '--user': s.user = v; break;
      case '--restart': s.restart = v; break;
      case '--network': s.networks = [v]; break;
      case '--pid': s.pid = v; break;
      case '--ipc': s.ipc = v; break;
      case '--uts': s.uts = v; break;
      case '--userns': s.userns_mode = v; break;
      case '--privileged': s.privileged = true; break;
      case '--cap-drop': push('cap_drop', v); break;
      case '--cap-add': push('cap_add', v); break;
      case '--security-opt': push('security_opt', v); break;
      case '--read-only': s.read_only = true; break;
      case '--tmpfs': push('tmpfs', v); break;
      case '-p': push('ports', v); break;
      case '-v': push('volumes', v); break;
      case '--device': push('devices', v); break;
      case '--memory': s.mem_limit = v; break;
      case '--memory-swap': s.memswap_limit = v; break;
      case '--memory-reservation': s.mem_reservation = v; break;
      case '--cpus': s.cpus = Number(v); break;
      case '--cpu-shares': s.cpu_shares = Number(v); break;
      case '--cpuset-cpus': s.cpuset = v; break;
      case '--pids-limit': s.pids_limit = Number(v); break;
      case '--cgroup-parent': s.cgroup_parent = v; break;
      case '--init': s.init = true; break;
      case '--runtime': s.runtime = v; break;
      case '--link': push('links', v); break;
      case '--log-driver': ((s.logging as Record<string, unknown>) ??= {}).driver = v; break;
      case '--log-opt': {
        const i = v.indexOf('=');
        const logging = ((s.logging as Record<string, unknown>) ??= {});
        ((logging.options as Record<string, string>) ??= {})[v.slice(0, i)] = v.slice(i + 1);
        break;
      }
      case '--health-cmd': s.healthcheck = { test: ['CMD-SHELL', v] }; break;
      case '--no-healthcheck': s.healthcheck = { disable: true }; break;
      case '--ulimit': {
        const m = /^([^=]+)=(-?\d+):(-?\d+)$/.exec(v);
        if (m) ((s.ulimits as Record<string, unknown>) ??= {})[m[1]] = { soft: Number(m[2]), hard: Number(m[3]) };
        else unmapped.push(optionText(o));
        break;
      }
      default:
        unmapped.push(optionText(o));
    }
  }
  if (spec.command.length) s.command = [...spec.command];
  return { service: s, unmapped };
}

function composeSnippet(c: ContainerInspect, spec: RunSpec, before: readonly string[]): string | null {
  const labels = c.Config?.Labels ?? {};
  const service = labels['com.docker.compose.service'];
  if (typeof service !== 'string' || !service) return null;
  const { service: body, unmapped } = composeService(spec);
  const doc: Record<string, unknown> = { services: { [service]: body } };
  const nets = (body.networks as string[] | undefined) ?? [];
  if (nets.length && before.some((b) => b.startsWith('docker network create'))) doc.networks = Object.fromEntries(nets.map((n) => [n, {}]));
  const project = labels['com.docker.compose.project'];
  // Language-neutral comments: the same snippet is printed in every pack language and in remediation.sh.
  const head = `# docker compose: project ${typeof project === 'string' && project ? project : '(unknown)'}, service ${service}${unmapped.length ? `\n# docker run only (no compose key): ${unmapped.join(' ')}` : ''}\n`;
  // Lists in flow style (cap_drop: [ALL]): the snippet stays short enough to read beside the command.
  const yaml = new Document(doc);
  visit(yaml, { Seq: (_k, node) => void (node.flow = true) });
  return head + yaml.toString({ lineWidth: 0 });
}

/** Numeric control order: cis-5.4 before cis-5.10. */
function byControl(a: Finding, b: Finding): number {
  return a.control.localeCompare(b.control, 'en', { numeric: true });
}

/**
 * One record per container that has a failed or warned container finding (waived findings are
 * accepted risks: their fixes are left out, so the command does not undo what was agreed).
 */
export function containerRemediations(docker: DockerEvidence | undefined, host: HostEvidence | undefined, findings: readonly Finding[], options: CheckOptions): ContainerRemediation[] {
  if (!docker || !Array.isArray(docker.containers)) return [];
  const open = new Map<string, Finding[]>();
  for (const f of findings) {
    if (f.target.kind !== 'container' || !NEEDS_FIX.has(f.outcome)) continue;
    const list = open.get(f.target.id);
    if (list) list.push(f);
    else open.set(f.target.id, [f]);
  }
  const out: ContainerRemediation[] = [];
  for (const c of docker.containers) {
    const list = open.get(c.Id);
    if (!list) continue;
    list.sort(byControl);
    const original = runSpecOf(c);
    let spec = original;
    const before: string[] = [];
    const fixed: Finding[] = [];
    const notFixed: ContainerRemediation['notFixed'] = [];
    for (const f of list) {
      const judge = CONTAINER_JUDGES.get(f.check);
      const v = judge ? judge(c, { docker, host }, options) : null;
      if (!v?.fix) {
        notFixed.push({ control: f.control, finding: f.id, reason: judge ? 'no command-line change fixes it (the image or the workload must change)' : 'not decided from the container’s command line' });
        continue;
      }
      const next = applyFix(spec, v.fix);
      if (v.fix.before && !before.includes(v.fix.before)) before.push(v.fix.before);
      spec = next;
      fixed.push(f);
    }
    if (fixed.length === 0 && notFixed.length === 0) continue;
    out.push({
      container: { id: c.Id, name: containerName(c), state: c.State?.Status ?? null, image: spec.image, workload: containerWorkload(c) },
      controls: [...new Set(fixed.map((f) => f.control))],
      findings: fixed.map((f) => f.id),
      notFixed,
      before,
      command: formatRun(spec),
      removed: minus(original.options, spec.options),
      added: minus(spec.options, original.options),
      compose: fixed.length ? composeSnippet(c, spec, before) : null,
    });
  }
  return out;
}
