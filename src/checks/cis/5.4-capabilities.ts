import { capabilityView, DANGEROUS_CAPS } from '../docker/capabilities';
import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { ref } from '../define';
import { templates } from '../text';

const m = templates({
  privileged: { en: '{target} runs with every capability (privileged).', nb: '{target} kjører med alle capabilities (privilegert).' },
  addAll: { en: '{target} runs with every capability (--cap-add ALL).', nb: '{target} kjører med alle capabilities (--cap-add ALL).' },
  dangerous: { en: '{target} runs with dangerous capabilities {caps}.', nb: '{target} kjører med farlige capabilities: {caps}.' },
  droppedAll: { en: '{target} drops ALL capabilities.', nb: '{target} fjerner alle capabilities (--cap-drop ALL).' },
  droppedAllAdded: {
    en: '{target} drops ALL capabilities and adds back only {caps}.',
    nb: '{target} fjerner alle capabilities (--cap-drop ALL) og legger bare tilbake {caps}.',
  },
  keptSome: {
    en: "{target} drops {dropped} but keeps {kept} of Docker's default capabilities instead of dropping ALL and adding back what it needs.",
    nb: '{target} fjerner {dropped}, men beholder {kept} av Dockers standard-capabilities. Fjern alle (ALL) og legg bare tilbake dem den trenger.',
  },
  keptDefault: {
    en: "{target} keeps Docker's {kept} default capabilities instead of dropping ALL and adding back what it needs.",
    nb: '{target} beholder Dockers {kept} standard-capabilities. Fjern alle (ALL) og legg bare tilbake dem den trenger.',
  },
});

export default containerCheck({
  id: 'cis.capabilities',
  title: { en: 'Containers run with a restricted set of Linux capabilities', nb: 'Containere kjører med et begrenset sett Linux-capabilities' },
  section: 'containers',
  severity: 'high',
  ...cis('5.4', ref('ISO/IEC 27001:2022', 'A.8.2', 'Privileged access rights')),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en:
      "Computes each container's effective capabilities from HostConfig.CapAdd and CapDrop (Docker's default set, minus drops, plus adds; --privileged or --cap-add ALL is every capability). " +
      'Fails when a dangerous capability (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, ...) is in effect and names it; warns when the default set is kept; ' +
      'passes when ALL is dropped and only harmless capabilities are added back. Unlike docker-bench-security, dropped capabilities count.',
    nb:
      'Regner ut hvilke capabilities hver container faktisk har, fra HostConfig.CapAdd og CapDrop (Dockers standardsett, minus dem som fjernes, pluss dem som legges til; --privileged eller --cap-add ALL gir alle). ' +
      'Ikke bestått når en farlig capability (SYS_ADMIN, NET_ADMIN, SYS_PTRACE, SYS_MODULE, DAC_READ_SEARCH, ...) gjelder, og den navngis; advarsel når standardsettet beholdes; ' +
      'bestått når ALL fjernes og bare ufarlige capabilities legges tilbake. I motsetning til docker-bench-security teller capabilities som er fjernet.',
  },
  rationale: {
    en: "Capabilities split root's power into units. A container that keeps capabilities it does not need gives an attacker who gets in a shorter path to the host kernel.",
    nb: 'Capabilities deler opp makten til root i enheter. En container som beholder capabilities den ikke trenger, gir en angriper som kommer seg inn, en kortere vei til vertens kjerne.',
  },
  remediation: {
    en: 'docker run --cap-drop=ALL --cap-add=<only what the process needs, e.g. NET_BIND_SERVICE> ... (compose: cap_drop: [ALL], cap_add: [NET_BIND_SERVICE])',
    nb: 'docker run --cap-drop=ALL --cap-add=<bare det prosessen trenger, f.eks. NET_BIND_SERVICE> ... (compose: cap_drop: [ALL], cap_add: [NET_BIND_SERVICE])',
  },
  judge: (c) => {
    const v = capabilityView(c.HostConfig);
    const observed = { CapAdd: c.HostConfig.CapAdd ?? [], CapDrop: c.HostConfig.CapDrop ?? [], Privileged: !!c.HostConfig.Privileged, effective: v.effective };
    const expected = { CapDrop: ['ALL'], CapAdd: 'only capabilities the process needs; none of the dangerous ones' };
    // Keep the harmless capabilities the container asked for; drop everything else.
    const keep = v.added.filter((cap) => cap !== 'ALL' && !DANGEROUS_CAPS.includes(cap));
    const fix = {
      drop: ['--cap-add', '--cap-drop', '--privileged'],
      add: [{ flag: '--cap-drop', value: 'ALL' }, ...keep.map((cap) => ({ flag: '--cap-add', value: cap }))],
    };
    if (v.dangerous.length > 0) {
      const all = v.effective.includes('ALL');
      const addedDangerous = v.added.filter((cap) => DANGEROUS_CAPS.includes(cap));
      const message = c.HostConfig.Privileged ? m('privileged') : all ? m('addAll') : m('dangerous', { caps: addedDangerous.length ? addedDangerous : v.dangerous });
      return { outcome: 'fail', observed, expected, severity: all || v.dangerous.includes('SYS_ADMIN') || v.dangerous.includes('SYS_MODULE') ? 'critical' : 'high', message, fix };
    }
    if (v.droppedAll) {
      return { outcome: 'pass', observed, expected, message: v.added.length ? m('droppedAllAdded', { caps: v.added }) : m('droppedAll') };
    }
    const kept = v.effective.length;
    return {
      outcome: 'warn',
      observed,
      expected,
      severity: 'medium',
      message: v.dropped.length ? m('keptSome', { dropped: v.dropped, kept }) : m('keptDefault', { kept }),
      fix,
    };
  },
});
