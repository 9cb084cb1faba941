import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { InputBypass, PortExposure } from './exposure';
import { modelOf, observedPort, portTarget, unavailable, where } from './model';
import { CAIQ_IVS_03, ISO_A_8_20, MOBY_22054, MOBY_4737 } from './references';

/** The DOCKER-USER rules that do what the INPUT rule was meant to do, for one address family and interface. */
export function dockerUserFix(p: PortExposure, b: InputBypass, backend: string): string[] {
  const port = p.hostPort ?? 0;
  if (backend === 'nftables') {
    const fam = b.family === 4 ? 'ip' : 'ip6';
    const allow = b.inputAllows === 'none' ? '' : `${fam} saddr != { ${b.inputAllows.join(', ')} } `;
    return [
      `nft add table ${fam} docker-user`,
      `nft add chain ${fam} docker-user forward '{ type filter hook forward priority -1; policy accept; }'`,
      `nft add rule ${fam} docker-user forward iifname "${b.interface}" ${allow}meta l4proto ${p.proto} ct original proto-dst ${port} drop`,
    ];
  }
  const cmd = b.family === 4 ? 'iptables' : 'ip6tables';
  const base = `${cmd} -I DOCKER-USER -i ${b.interface}`;
  const match = `-p ${p.proto} -m conntrack --ctorigdstport ${port}`;
  if (b.inputAllows === 'none') return [`${base} ${match} -j DROP`];
  if (b.inputAllows.length === 1) return [`${base} ! -s ${b.inputAllows[0]} ${match} -j DROP`];
  // -I puts each rule first: the DROP goes in first so the RETURNs for the allowed ranges end up above it.
  return [`${base} ${match} -j DROP`, ...b.inputAllows.map((s) => `${base} -s ${s} ${match} -j RETURN`)];
}

export default defineCheck<'docker' | 'network'>({
  id: 'network-firewall-bypass',
  title: 'No host firewall rule claims to block a port that Docker still forwards',
  section: 'network',
  severity: 'high',
  automated: true,
  requires: ['docker', 'network'],
  decidedBy:
    'For each published port reached through Docker\'s DNAT, the same connection is also run through the INPUT chain (where ufw and firewalld put their rules). Fail when INPUT would drop it while FORWARD delivers it, with the DOCKER-USER rule that really restricts it; pass when no INPUT rule is bypassed; not applicable when the port is not forwarded.',
  rationale:
    'Docker DNATs published ports in PREROUTING, so the packets go to FORWARD, never to INPUT: a ufw "deny 8080" or firewalld zone rule looks like protection in the firewall\'s own status output but does not apply (moby #4737, #22054). Administrators then believe a port is closed that is open.',
  remediation:
    'Put the restriction where forwarded traffic passes: iptables -I DOCKER-USER -i <public if> -p tcp -m conntrack --ctorigdstport <port> -j DROP (add ! -s <allowed range> to keep allowed sources), or bind the port to loopback / an internal address.',
  references: [MOBY_4737, MOBY_22054, ISO_A_8_20, CAIQ_IVS_03],
  evaluate: ({ docker, network }): CheckResult[] => {
    const model = modelOf(docker, network);
    if (!model.available) return unavailable(docker, model.why);
    return model.ports.map((p): CheckResult => {
      const target = portTarget(p);
      const base = observedPort(p, false, model);
      const port = `${p.hostPort ?? '(random)'}/${p.proto}`;
      const forwarded = p.reachableFrom.filter((r) => r.via === 'dnat');
      if (!p.inputBypass.length) {
        if (!forwarded.length) return { outcome: 'not-applicable', target, observed: { ...base, inputBypass: [] }, message: `${p.container} port ${port} is not forwarded by Docker from any host address, so no INPUT rule can be bypassed.` };
        return { outcome: 'pass', target, observed: { ...base, inputBypass: [] }, expected: { inputBypass: [] }, message: `${p.container} port ${port} is forwarded from ${forwarded.map(where).join(', ')}, and no INPUT rule claims to block it.` };
      }
      // What the host firewall front-ends claim (their rules are among the INPUT rules evaluated above).
      const claims = {
        ufw: network.ufw.present ? (network.ufw.status?.stdout?.split('\n')[0]?.trim() || network.ufw.status?.detail || network.ufw.conf.value?.match(/^ENABLED=.*$/m)?.[0] || 'installed') : 'not installed',
        firewalld: network.firewalld.present ? (network.firewalld.state?.stdout?.trim() || network.firewalld.state?.detail || 'installed') : 'not installed',
      };
      const fixes = p.inputBypass.map((b) => ({ interface: b.interface, address: b.address, family: b.family, inputRule: b.rule, dockerUser: dockerUserFix(p, b, model.backend) }));
      const cmds = [...new Set(fixes.flatMap((f) => f.dockerUser))];
      return {
        outcome: 'fail',
        target,
        observed: { ...base, inputBypass: fixes, hostFirewalls: claims },
        expected: { inputBypass: [], fix: cmds },
        message: `${p.container} port ${port}: the INPUT rule "${p.inputBypass[0].rule}" drops it, but Docker still forwards it from ${p.inputBypass.map(where).join(', ')}; restrict it in DOCKER-USER: ${cmds.join(' ; ')}`,
        remediation: cmds.join('\n'),
      };
    });
  },
});
