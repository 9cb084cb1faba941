/**
 * What to measure: the Docker data-root, every local volume, and any `--dir`, grouped by the device
 * (or filesystem) they live on so each is measured once.
 */
import { existsSync, realpathSync, statSync } from 'node:fs';
import * as path from 'node:path';
import type { DockerEvidence } from '../../evidence/types/docker';
import type { FilesystemFacts, TargetRole } from '../../evidence/types/storage';
import { blockDeviceFacts, isBlockDevice, majorMinorOf, majorMinorOfDeviceNode } from './block-device';
import { filesystemFacts } from './filesystem';
import { findMount, type MountEntry } from './mountinfo';

export interface TargetRequest {
  path: string;
  role: TargetRole;
  volume?: string;
}

export interface ResolvedTarget {
  /** The measured path (real path of the first request: the data-root, a volume, a --dir). */
  path: string;
  /** Directory the test file goes in (`<data-root>/tmp` for the data-root, else `path`). */
  dir: string;
  roles: TargetRole[];
  volumes: string[];
  /** Every requested path this target stands for (first = `dir`'s request). */
  paths: string[];
  fs: FilesystemFacts | null;
  /** Block device `major:minor` whose counters and queue facts apply, or null (overlay, nfs, tmpfs). */
  blockDevice: string | null;
  /** Why the path could not be looked at (missing, permission). */
  error?: string;
}

/** An engine address on this machine: a unix socket, a named pipe, or TCP to loopback. */
export function isLocalEngine(endpoint: string | undefined): boolean {
  if (!endpoint) return false;
  if (/^(unix|npipe):\/\//i.test(endpoint) || endpoint.startsWith('/')) return true;
  if (!/^(tcp|http|https):\/\//i.test(endpoint)) return false;
  try {
    const host = new URL(endpoint.replace(/^tcp:/i, 'http:')).hostname.replace(/^\[|\]$/g, '');
    return /^(localhost|127\.\d+\.\d+\.\d+|::1)$/i.test(host);
  } catch {
    return false;
  }
}

/** The data-root and local volumes from the docker evidence, as paths on this machine. */
export function targetsFromDocker(docker: DockerEvidence | null | undefined, hostRoot: string): { requests: TargetRequest[]; warnings: string[] } {
  const warnings: string[] = [];
  const requests: TargetRequest[] = [];
  if (!docker) return { requests, warnings };
  if (!isLocalEngine(docker.endpoint)) {
    warnings.push(`The Docker engine at ${docker.endpoint} is not on this machine, so its data-root and volumes cannot be benchmarked from here; run on the Docker host or pass --dir.`);
    return { requests, warnings };
  }
  const onHost = (p: string): string => (hostRoot && hostRoot !== '/' ? path.join(hostRoot, p) : p);
  const root = docker.info?.DockerRootDir;
  if (root) requests.push({ path: onHost(root), role: 'docker-data-root' });
  else warnings.push('The engine did not report its data-root (DockerRootDir).');
  for (const v of docker.volumes ?? []) {
    if ((v.Driver ?? 'local') !== 'local') {
      warnings.push(`Volume ${v.Name} uses the ${v.Driver} driver; only local volumes can be benchmarked from the host.`);
      continue;
    }
    if (v.Mountpoint) requests.push({ path: onHost(v.Mountpoint), role: 'docker-volume', volume: v.Name });
  }
  return { requests, warnings };
}

/** Docker keeps its own temp files in `<data-root>/tmp`: the least intrusive place for ours, when it is on the same filesystem. */
function writeDirFor(req: TargetRequest, real: string): string {
  if (req.role !== 'docker-data-root') return real;
  const tmp = path.join(real, 'tmp');
  try {
    if (existsSync(tmp) && statSync(tmp).isDirectory() && statSync(tmp).dev === statSync(real).dev) return tmp;
  } catch {
    /* use the root itself */
  }
  return real;
}

function deviceOf(fs: FilesystemFacts, real: string, mounts: readonly MountEntry[]): string | null {
  const mm = majorMinorOf(real);
  if (isBlockDevice(mm)) return mm;
  // btrfs, and anything else with an anonymous st_dev: the mount source names the device.
  const mount = findMount(mounts, real);
  const fromSource = mount ? majorMinorOfDeviceNode(mount.source) : null;
  if (fromSource && blockDeviceFacts(fromSource)) return fromSource;
  return fs.majorMinor && isBlockDevice(fs.majorMinor) ? fs.majorMinor : null;
}

/** Resolve and group requests by device; order is kept (data-root first when present). */
export function resolveTargets(requests: readonly TargetRequest[], mounts: readonly MountEntry[]): ResolvedTarget[] {
  const byKey = new Map<string, ResolvedTarget>();
  const out: ResolvedTarget[] = [];
  for (const req of requests) {
    let real: string;
    let fs: FilesystemFacts;
    let dev: string | null;
    try {
      real = realpathSync(req.path);
      if (!statSync(real).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
      fs = filesystemFacts(real, mounts);
      dev = deviceOf(fs, real, mounts);
    } catch (err) {
      const e = err as NodeJS.ErrnoException;
      const why = e.code === 'ENOENT' ? 'does not exist' : e.code === 'EACCES' || e.code === 'EPERM' ? 'permission denied (run as root to benchmark Docker paths)' : e.code === 'ENOTDIR' ? 'is not a directory' : e.message;
      out.push({ path: req.path, dir: req.path, roles: [req.role], volumes: req.volume ? [req.volume] : [], paths: [req.path], fs: null, blockDevice: null, error: `${req.path} ${why}` });
      continue;
    }
    const key = dev ? `dev:${dev}` : `fs:${majorMinorOf(real)}`;
    const seen = byKey.get(key);
    if (seen) {
      if (!seen.roles.includes(req.role)) seen.roles.push(req.role);
      if (req.volume) seen.volumes.push(req.volume);
      if (!seen.paths.includes(req.path)) seen.paths.push(req.path);
      continue;
    }
    const t: ResolvedTarget = { path: real, dir: writeDirFor(req, real), roles: [req.role], volumes: req.volume ? [req.volume] : [], paths: [req.path], fs, blockDevice: dev };
    byKey.set(key, t);
    out.push(t);
  }
  return out;
}
