import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import type { InputBypass, PortExposure } from './exposure';
import { modelOf, observedPort, portTarget, unavailable, where } from './model';
import { CAIQ_IVS_03, ISO_A_8_20, MOBY_22054, MOBY_4737 } from './references';
import { templates } from '../text';

const m = templates({
  notForwarded: {
    en: '{container} port {port} is not forwarded by Docker from any host address, so no INPUT rule can be bypassed.',
    nb: '{container} port {port} videresendes ikke av Docker fra noen adresse på verten, så ingen INPUT-regel kan omgås.',
  },
  noBypass: {
    en: '{container} port {port} is forwarded from {from}, and no INPUT rule claims to block it.',
    nb: '{container} port {port} videresendes fra {from}, og ingen INPUT-regel gir seg ut for å blokkere den.',
  },
  bypass: {
    en: '{container} port {port}: the INPUT rule "{rule}" drops it, but Docker still forwards it from {from}; restrict it in DOCKER-USER: {fix}',
    nb: '{container} port {port}: INPUT-regelen «{rule}» forkaster den, men Docker videresender den likevel fra {from}; begrens den i DOCKER-USER: {fix}',
  },
});

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
  title: { en: 'No host firewall rule claims to block a port that Docker still forwards', nb: 'Ingen brannmurregel på verten later som den blokkerer en port Docker likevel videresender' },
  section: 'network',
  severity: 'high',
  automated: true,
  requires: ['docker', 'network'],
  messages: m.templates,
  decidedBy: {
    en: 'For each published port reached through Docker\'s DNAT, the same connection is also run through the INPUT chain (where ufw and firewalld put their rules). Fail when INPUT would drop it while FORWARD delivers it, with the DOCKER-USER rule that really restricts it; pass when no INPUT rule is bypassed; not applicable when the port is not forwarded.',
    nb: 'For hver publiserte port som nås gjennom Dockers DNAT, kjøres den samme tilkoblingen også gjennom INPUT-kjeden (der ufw og firewalld legger reglene sine). Avvik når INPUT ville forkastet den mens FORWARD leverer den, med DOCKER-USER-regelen som faktisk begrenser den; godkjent når ingen INPUT-regel omgås; ikke relevant når porten ikke videresendes.',
  },
  rationale: {
    en: 'Docker DNATs published ports in PREROUTING, so the packets go to FORWARD, never to INPUT: a ufw "deny 8080" or firewalld zone rule looks like protection in the firewall\'s own status output but does not apply (moby #4737, #22054). Administrators then believe a port is closed that is open.',
    nb: 'Docker gjør DNAT av publiserte porter i PREROUTING, så pakkene går til FORWARD, aldri til INPUT: en ufw-regel «deny 8080» eller en sone-regel i firewalld ser ut som beskyttelse i brannmurens egen statusvisning, men gjelder ikke (moby #4737, #22054). Administratorer tror da at en åpen port er stengt.',
  },
  remediation: {
    en: 'Put the restriction where forwarded traffic passes: iptables -I DOCKER-USER -i <public if> -p tcp -m conntrack --ctorigdstport <port> -j DROP (add ! -s <allowed range> to keep allowed sources), or bind the port to loopback / an internal address.',
    nb: 'Legg begrensningen der videresendt trafikk passerer: iptables -I DOCKER-USER -i <offentlig grensesnitt> -p tcp -m conntrack --ctorigdstport <port> -j DROP (legg til ! -s <tillatt område> for å beholde tillatte kilder), eller bind porten til loopback / en intern adresse.',
  },
  references: [MOBY_4737, MOBY_22054, ISO_A_8_20, CAIQ_IVS_03],
  evaluate: ({ docker, network }): CheckResult[] => {
    const model = modelOf(docker, network);
    if (!model.available) return unavailable(docker, model.why, model.whyText);
    return model.ports.map((p): CheckResult => {
      const target = portTarget(p);
      const base = observedPort(p, false, model);
      const port = `${p.hostPort ?? '(random)'}/${p.proto}`;
      const forwarded = p.reachableFrom.filter((r) => r.via === 'dnat');
      if (!p.inputBypass.length) {
        if (!forwarded.length) return { outcome: 'not-applicable', target, observed: { ...base, inputBypass: [] }, message: m('notForwarded', { container: p.container, port }) };
        return { outcome: 'pass', target, observed: { ...base, inputBypass: [] }, expected: { inputBypass: [] }, message: m('noBypass', { container: p.container, port, from: forwarded.map(where).join(', ') }) };
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
        message: m('bypass', { container: p.container, port, rule: p.inputBypass[0].rule, from: p.inputBypass.map(where).join(', '), fix: cmds.join(' ; ') }),
        remediation: { en: cmds.join('\n'), nb: cmds.join('\n') },
      };
    });
  },
});
