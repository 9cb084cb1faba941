/**
 * A container that is created but not running has no rules yet: Docker writes its DNAT and ACCEPT rules
 * when it starts. To say what starting it would expose, the model adds the rules of the same shape the
 * running engine writes for its other ports (iptables: nat DOCKER DNAT + filter DOCKER ACCEPT, as in
 * libnetwork/drivers/bridge port mapping; nftables: Docker 29's nat-prerouting-and-output and
 * filter-forward-in__<bridge> chains) and the docker-proxy listeners the userland proxy would open.
 */
import type { NetworkInspect } from '../../evidence/types/docker';
import type { NetListener } from '../../evidence/types/network';
import { parseIp } from '../../residency/ip-address';
import { isWildcard } from '../docker/ports';
import { parseRuleArgs, tokenize } from './iptables-save';
import type { Chain, Rule, Ruleset, Table } from './rules';

function cloneTable(t: Table): Table {
  const chains = new Map<string, Chain>();
  for (const [k, c] of t.chains) chains.set(k, { ...c, rules: [...c.rules] });
  return { ...t, chains };
}

/** A placeholder container address: the last usable address of the network's IPv4 subnet. */
function placeholder(network: NetworkInspect | undefined): string | null {
  const subnet = network?.IPAM?.Config?.map((c) => c.Subnet).find((s) => s && !s.includes(':'));
  if (!subnet) return null;
  const [a, bits] = subnet.split('/');
  const p = parseIp(a);
  if (!p) return null;
  const n = ((p.bytes[0] << 24) | (p.bytes[1] << 16) | (p.bytes[2] << 8) | p.bytes[3]) >>> 0;
  const size = 2 ** (32 - Number(bits));
  const last = (n + size - 2) >>> 0;
  return [last >>> 24, (last >>> 16) & 255, (last >>> 8) & 255, last & 255].join('.');
}

function ipt(line: string): Rule {
  return parseRuleArgs(tokenize(line).slice(2), `${line}  (added by the model: rule Docker writes at start)`);
}

export function synthesizeStartRules(
  rs: Ruleset,
  listeners: NetListener[] | null,
  backend: 'iptables' | 'nftables' | 'none',
  bridge: string | null,
  network: NetworkInspect | undefined,
  hostIps: string[],
  hostPort: number | null,
  proto: string,
  containerPort: number,
  userlandProxy: boolean | null,
  version: string | null,
): { ruleset: Ruleset; listeners: NetListener[] | null; address: string; shape: string } | { why: string } {
  if (!bridge) return { why: 'not running, and not on a bridge network: what starting it would expose depends on its network driver' };
  const addr = placeholder(network);
  if (!addr) return { why: `not running, and its network ${network?.Name ?? '(unknown)'} has no IPv4 subnet in the evidence` };
  const port = hostPort ?? 0;
  const v4Binds = hostIps.filter((h) => h === '' || !h.includes(':'));
  const tables = rs.tables.map((t) => t);
  let shape: string;
  if (backend === 'iptables') {
    const natIdx = tables.findIndex((t) => t.name === 'nat' && t.families.includes(4) && t.chains.has('DOCKER'));
    const filIdx = tables.findIndex((t) => t.name === 'filter' && t.families.includes(4) && t.chains.has('DOCKER'));
    if (natIdx < 0 || filIdx < 0) return { why: 'not running, and the DOCKER chains Docker would add its rules to are not in the dump' };
    const nat = cloneTable(tables[natIdx]);
    const fil = cloneTable(tables[filIdx]);
    const hairpin = userlandProxy === false ? '' : ` ! -i ${bridge}`;
    for (const h of v4Binds.length ? v4Binds : ['']) {
      const d = isWildcard(h) ? '' : ` -d ${h}/32`;
      nat.chains.get('DOCKER')!.rules.unshift(ipt(`-A DOCKER${d}${hairpin} -p ${proto} -m ${proto} --dport ${port} -j DNAT --to-destination ${addr}:${containerPort}`));
    }
    fil.chains.get('DOCKER')!.rules.unshift(ipt(`-A DOCKER -d ${addr}/32 ! -i ${bridge} -o ${bridge} -p ${proto} -m ${proto} --dport ${containerPort} -j ACCEPT`));
    tables[natIdx] = nat;
    tables[filIdx] = fil;
    shape = `iptables DNAT and DOCKER ACCEPT as dockerd ${version ?? ''} writes them`.replace('  ', ' ');
  } else if (backend === 'nftables') {
    const idx = tables.findIndex((t) => t.name === 'ip docker-bridges');
    if (idx < 0) return { why: 'not running, and the table ip docker-bridges is not in the dump' };
    const t = cloneTable(tables[idx]);
    const nat = t.chains.get('nat-prerouting-and-output');
    const fwd = t.chains.get(`filter-forward-in__${bridge}`);
    if (!nat || !fwd) return { why: `not running, and the chains nat-prerouting-and-output / filter-forward-in__${bridge} are not in the dump` };
    for (const h of v4Binds.length ? v4Binds : ['']) {
      nat.rules.unshift({
        matches: [...(isWildcard(h) ? [] : [{ kind: 'addr' as const, dir: 'dst' as const, cidrs: [h], negate: false }]), { kind: 'iface', dir: 'in', names: [bridge], negate: true }, { kind: 'proto', protos: [proto], negate: false }, { kind: 'port', dir: 'dst', ranges: [[port, port]], negate: false }],
        verdict: { kind: 'dnat', addr, port: containerPort },
        text: `${isWildcard(h) ? '' : `ip daddr ${h} `}iifname != "${bridge}" ${proto} dport ${port} dnat to ${addr}:${containerPort}  (added by the model)`,
      });
    }
    const at = Math.max(0, fwd.rules.length - 1);
    fwd.rules.splice(at, 0, { matches: [{ kind: 'addr', dir: 'dst', cidrs: [addr], negate: false }, { kind: 'proto', protos: [proto], negate: false }, { kind: 'port', dir: 'dst', ranges: [[containerPort, containerPort]], negate: false }], verdict: { kind: 'accept' }, text: `ip daddr ${addr} ${proto} dport ${containerPort} accept  (added by the model)` });
    tables[idx] = t;
    shape = 'Docker 29 nftables DNAT and forward accept';
  } else {
    return { why: 'not running, and no Docker rules are in the dump to model its start on (iptables disabled?)' };
  }
  // The userland proxy listens on each binding's address (and [::] for a wildcard binding).
  let ls = listeners;
  if (ls && userlandProxy !== false && hostPort !== null) {
    ls = [...ls];
    for (const h of hostIps.length ? hostIps : ['']) {
      if (h === '') ls.push({ address: '0.0.0.0', port: hostPort, family: 4 }, { address: '::', port: hostPort, family: 6 });
      else ls.push({ address: h, port: hostPort, family: h.includes(':') ? 6 : 4 });
    }
  }
  return { ruleset: { ...rs, tables }, listeners: ls, address: addr, shape };
}
