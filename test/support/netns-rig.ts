/**
 * A small network of real Docker hosts on this machine: one bridge in the root namespace, per node a
 * network namespace with a veth, its own UTS and mount namespace (private /run, so each node has its own
 * /run/docker.sock) and its own dockerd (data-root, exec-root, pidfile), plus an "outside" namespace
 * that probes the nodes. Built for N nodes, so a Swarm fleet test can reuse it.
 *
 * Everything is named with a fixed prefix and lives under /tmp/<prefix>-rig, so `sweepRig` can remove
 * what a crashed earlier run left (it runs before every start). `teardown` leaves nothing: containers
 * removed, swarm left, dockerd stopped and waited for, stray containerd/shims killed by exec-root,
 * namespaces, links and the root FORWARD rule deleted, mounts unmounted, folders removed.
 *
 * Traffic stays between these namespaces: addresses are in the rig's own subnet (default 10.214.0.0/24).
 */
import { execFile, spawn } from 'node:child_process';
import { existsSync, promises as fs } from 'node:fs';
import * as path from 'node:path';
import { promisify } from 'node:util';
import Docker from 'dockerode';
import { ensureImage } from './engine';

const exec = promisify(execFile);

export interface RigOptions {
  /** Name prefix of every namespace, link and folder (at most 8 characters: interface names are limited to 15). */
  prefix?: string;
  /** First three octets of the rig's /24, e.g. `10.214.0`. Nodes get .11, .12, ...; the outside namespace .2; the bridge .1. */
  subnet?: string;
  /** IPv6 /64 prefix (ULA) written so that `<prefix>::11` is canonical, e.g. `fd00:214`; nodes get ::11, ...; outside ::2. Null: IPv4 only. */
  subnet6?: string | null;
  nodes?: number;
  /** Extra dockerd arguments per node (index from 0). */
  dockerdArgs?: (i: number) => string[];
  /** Import the busybox test image into every node. */
  image?: boolean;
  log?: (line: string) => void;
}

export interface RigNode {
  index: number;
  name: string;
  hostname: string;
  netns: string;
  /** Path for `nsenter --net=`. */
  netnsPath: string;
  address: string;
  address6: string | null;
  dir: string;
  /** The node's socket as the root mount namespace sees it. */
  socket: string;
  host: string;
  docker: Docker;
  pid: number | null;
}

export interface Rig {
  prefix: string;
  root: string;
  bridge: string;
  nodes: RigNode[];
  outside: { netns: string; netnsPath: string; address: string; address6: string | null };
  /** Run a command inside a namespace (nsenter --net), resolving with stdout. */
  inNetns(netnsPath: string, file: string, args: string[], timeoutMs?: number): Promise<string>;
  teardown(): Promise<void>;
}

async function sh(file: string, args: string[], timeout = 30_000): Promise<string> {
  return (await exec(file, args, { timeout, encoding: 'utf8' })).stdout;
}

async function tryRun(file: string, args: string[]): Promise<boolean> {
  try {
    await exec(file, args, { timeout: 30_000 });
    return true;
  } catch {
    return false;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function waitExit(pid: number, ms: number): Promise<boolean> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    if (!alive(pid)) return true;
    // A zombie child of this process counts as gone once reaped by Node's child handling.
    const st = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => '');
    if (!st || /\) Z /.test(st)) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return !alive(pid);
}

/** Processes whose command line mentions `needle` (by pid; never by name pattern). */
async function pidsMentioning(needle: string): Promise<number[]> {
  const out: number[] = [];
  for (const e of await fs.readdir('/proc')) {
    if (!/^\d+$/.test(e) || Number(e) === process.pid) continue;
    const cmd = await fs.readFile(`/proc/${e}/cmdline`, 'utf8').catch(() => '');
    if (cmd.includes(needle)) out.push(Number(e));
  }
  return out;
}

async function stopPid(pid: number, ms: number): Promise<void> {
  if (!alive(pid)) return;
  try {
    process.kill(pid, 'SIGTERM');
  } catch {
    return;
  }
  if (!(await waitExit(pid, ms))) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      /* gone */
    }
    await waitExit(pid, 5000);
  }
}

function names(prefix: string, i: number) {
  return { netns: `${prefix}-n${i}`, veth: `${prefix}-v${i}` };
}

/** Remove every trace of an earlier rig with this prefix: processes, namespaces, links, rules, mounts, folders. */
export async function sweepRig(prefix: string, subnet = '10.214.0', log: (l: string) => void = () => undefined): Promise<void> {
  const root = `/tmp/${prefix}-rig`;
  const bridge = `${prefix}-br`;
  // 1. dockerds by pidfile, then anything else still naming the rig folder (containerd, shims, docker-proxy).
  if (existsSync(root)) {
    for (const d of await fs.readdir(root).catch(() => [] as string[])) {
      const pid = Number((await fs.readFile(path.join(root, d, 'pid'), 'utf8').catch(() => '')).trim());
      if (pid > 0 && (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).includes(root)) {
        log(`sweep: stopping dockerd ${pid} of ${d}`);
        await stopPid(pid, 20_000);
      }
    }
    for (const pid of await pidsMentioning(`${root}/`)) {
      log(`sweep: stopping leftover process ${pid}`);
      await stopPid(pid, 5000);
    }
  }
  // 2. Namespaces and links.
  const nsList = (await sh('ip', ['netns', 'list']).catch(() => '')).split('\n').map((l) => l.split(' ')[0]).filter((n) => n.startsWith(`${prefix}-`));
  for (const ns of nsList) {
    log(`sweep: deleting netns ${ns}`);
    await tryRun('ip', ['netns', 'del', ns]);
  }
  const links = (await sh('ip', ['-o', 'link', 'show']).catch(() => '')).split('\n').map((l) => l.split(':')[1]?.trim().split('@')[0]).filter((n): n is string => !!n && n.startsWith(`${prefix}-`));
  for (const l of links) await tryRun('ip', ['link', 'del', l]);
  // 3. The root FORWARD rule (every copy: a crashed run may have added it twice).
  while (await tryRun('iptables', ['-D', 'FORWARD', '-i', bridge, '-o', bridge, '-j', 'ACCEPT'])) log(`sweep: removed FORWARD rule for ${bridge}`);
  // 4. Mounts and folders.
  const mounts = (await fs.readFile('/proc/self/mountinfo', 'utf8')).split('\n').map((l) => l.split(' ')[4]).filter((m) => m && m.startsWith(`${root}/`)).sort().reverse();
  for (const m of mounts) await tryRun('umount', ['-l', m]);
  await fs.rm(root, { recursive: true, force: true });
  void subnet;
}

async function waitPing(docker: Docker, ms: number, pid: () => number | null, logFile: string): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      await docker.ping();
      return;
    } catch {
      const p = pid();
      if (p !== null && !alive(p)) break;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const tail = (await fs.readFile(logFile, 'utf8').catch(() => '')).split('\n').slice(-10).join('\n');
  throw new Error(`rig dockerd did not answer within ${ms} ms:\n${tail}`);
}

/** Build the rig. On any failure everything built so far is torn down before the error is thrown. */
export async function startRig(opts: RigOptions = {}): Promise<Rig> {
  const prefix = opts.prefix ?? 'ranet';
  if (!/^[a-z][a-z0-9]{1,7}$/.test(prefix)) throw new Error(`rig prefix "${prefix}" must be 2-8 lower-case letters/digits`);
  const subnet = opts.subnet ?? '10.214.0';
  if (!/^\d+\.\d+\.\d+$/.test(subnet)) throw new Error(`rig subnet "${subnet}" must be three octets like 10.214.0`);
  const subnet6 = opts.subnet6 === undefined ? 'fd00:214' : opts.subnet6;
  const count = opts.nodes ?? 1;
  const log = opts.log ?? (() => undefined);
  const root = `/tmp/${prefix}-rig`;
  const bridge = `${prefix}-br`;
  await sweepRig(prefix, subnet, log);
  await fs.mkdir(root, { recursive: true });

  const nodes: RigNode[] = [];
  const rig: Rig = {
    prefix,
    root,
    bridge,
    nodes,
    outside: { netns: `${prefix}-out`, netnsPath: `/var/run/netns/${prefix}-out`, address: `${subnet}.2`, address6: subnet6 ? `${subnet6}::2` : null },
    inNetns: (netnsPath, file, args, timeoutMs = 30_000) => sh('nsenter', [`--net=${netnsPath}`, file, ...args], timeoutMs),
    teardown: async () => {
      for (const n of nodes) {
        try {
          await n.docker.swarmLeave({ force: true }).catch(() => undefined);
          const cs = await n.docker.listContainers({ all: true });
          await Promise.all(cs.map((c) => n.docker.getContainer(c.Id).remove({ force: true }).catch(() => undefined)));
        } catch {
          /* the engine may be gone already */
        }
        if (n.pid) await stopPid(n.pid, 20_000);
      }
      await sweepRig(prefix, subnet, log);
    },
  };
  try {
    await sh('ip', ['link', 'add', bridge, 'type', 'bridge']);
    await sh('ip', ['addr', 'add', `${subnet}.1/24`, 'dev', bridge]);
    await sh('ip', ['link', 'set', bridge, 'up']);
    // The root namespace's FORWARD chain (DROP under the shared dockerd) also sees bridged frames (br_netfilter).
    await sh('iptables', ['-I', 'FORWARD', '-i', bridge, '-o', bridge, '-j', 'ACCEPT']);
    const addNs = async (netns: string, veth: string, addr: string, addr6: string | null) => {
      await sh('ip', ['netns', 'add', netns]);
      await sh('ip', ['link', 'add', veth, 'type', 'veth', 'peer', 'name', 'eth0', 'netns', netns]);
      await sh('ip', ['link', 'set', veth, 'master', bridge, 'up']);
      await sh('ip', ['-n', netns, 'addr', 'add', `${addr}/24`, 'dev', 'eth0']);
      if (addr6) await sh('ip', ['-n', netns, 'addr', 'add', `${addr6}/64`, 'dev', 'eth0', 'nodad']);
      await sh('ip', ['-n', netns, 'link', 'set', 'eth0', 'up']);
      await sh('ip', ['-n', netns, 'link', 'set', 'lo', 'up']);
    };
    await addNs(rig.outside.netns, `${prefix}-vo`, rig.outside.address, rig.outside.address6);
    for (let i = 1; i <= count; i++) {
      const { netns, veth } = names(prefix, i);
      const address = `${subnet}.${10 + i}`;
      const address6 = subnet6 ? `${subnet6}::${10 + i}` : null;
      await addNs(netns, veth, address, address6);
      const dir = path.join(root, `n${i}`);
      await fs.mkdir(path.join(dir, 'run'), { recursive: true });
      const hostname = `${prefix}-node-${i}`;
      const extra = (opts.dockerdArgs?.(i - 1) ?? []).map((a) => `'${a.replace(/'/g, `'\\''`)}'`).join(' ');
      const script = `hostname ${hostname}; mount --bind ${dir}/run /run; exec dockerd --data-root ${dir}/data --exec-root ${dir}/exec --pidfile ${dir}/pid -H unix:///run/docker.sock ${extra}`;
      const logFd = await fs.open(path.join(dir, 'log'), 'w');
      // nsenter --net, not `ip netns exec`: that remounts /sys and hides the cgroup mounts dockerd needs.
      const child = spawn('nsenter', [`--net=/var/run/netns/${netns}`, 'unshare', '--uts', '--mount', '--propagation', 'private', 'sh', '-c', script], { stdio: ['ignore', logFd.fd, logFd.fd], detached: true });
      child.unref();
      await logFd.close();
      const socket = path.join(dir, 'run', 'docker.sock');
      const docker = new Docker({ socketPath: socket });
      const node: RigNode = { index: i, name: `n${i}`, hostname, netns, netnsPath: `/var/run/netns/${netns}`, address, address6, dir, socket, host: `unix://${socket}`, docker, pid: child.pid ?? null };
      nodes.push(node);
    }
    for (const n of nodes) {
      await waitPing(n.docker, 60_000, () => n.pid, path.join(n.dir, 'log'));
      const fromFile = Number((await fs.readFile(path.join(n.dir, 'pid'), 'utf8').catch(() => '')).trim());
      if (fromFile > 0) n.pid = fromFile;
      if (opts.image) await ensureImage(n.docker);
      log(`rig: node ${n.name} (${n.address}) up, dockerd ${n.pid}`);
    }
    return rig;
  } catch (err) {
    await rig.teardown().catch(() => undefined);
    throw err;
  }
}

/** Whether this machine can build the rig (root, ip, nsenter, unshare, dockerd, iptables). */
export async function rigPrerequisites(): Promise<string | null> {
  if (process.getuid?.() !== 0) return 'the namespace rig needs root';
  for (const tool of ['ip', 'nsenter', 'unshare', 'dockerd', 'iptables']) {
    if (!(await tryRun('sh', ['-c', `command -v ${tool}`]))) return `${tool} is not installed`;
  }
  return null;
}
