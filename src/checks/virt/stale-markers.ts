import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { ISO_A_8_9 } from './references';
import { virtTarget } from './target';
import { joinTexts, templates } from '../text';

const m = templates({
  none: { en: '{target} has no container marker file that contradicts the other signals.', nb: '{target} har ingen markørfil for containere som motsier de andre signalene.' },
  stale: {
    en: '{target} carries {files} although it is not a container ({reason}){tools}.',
    nb: '{target} har {files} selv om den ikke er en container ({reason}){tools}.',
  },
  says: { en: '{command} says {output}', nb: '{command} svarer {output}' },
});


export default defineCheck<'virt'>({
  id: 'virt-stale-container-markers',
  title: { en: 'No leftover container marker files misdescribe the host', nb: 'Ingen gjenglemte markørfiler for containere gir et feil bilde av verten' },
  section: 'virtualization',
  severity: 'low',
  automated: true,
  requires: ['virt'],
  messages: m.templates,
  decidedBy: {
    en: 'Marker files (/.dockerenv, /.dockerinit, /run/.containerenv) that the virt collector refuted: present, while the host is in the kernel\'s initial PID namespace with no runtime cgroup or layered root.',
    nb: 'Markørfiler (/.dockerenv, /.dockerinit, /run/.containerenv) som virt-innsamleren har avkreftet: de finnes, mens verten er i kjernens første PID-navnerom uten cgroup fra en container-runtime eller lagdelt rotfilsystem.',
  },
  rationale: {
    en: 'virt-what, systemd-detect-virt and many scanners trust these files alone. A marker left over in a VM or host image makes them report a container that is not there, which misleads inventories, scanners and the next auditor.',
    nb: 'virt-what, systemd-detect-virt og mange skannere stoler på disse filene alene. En markørfil som er blitt liggende igjen i en VM eller et verts-image, får dem til å rapportere en container som ikke finnes, og det villeder eiendelsregistre, skannere og neste revisor.',
  },
  remediation: {
    en: 'Delete the leftover marker file from the host (and from the image it was built from), or record why it is kept.',
    nb: 'Slett den gjenglemte markørfilen fra verten (og fra imaget den ble bygget fra), eller skriv ned hvorfor den beholdes.',
  },
  references: [ISO_A_8_9],
  evaluate: ({ virt }): CheckResult[] => {
    const target = virtTarget(virt);
    const refuted = virt.unconfirmed.filter((u) => u.status === 'refuted');
    const markers = (u: (typeof refuted)[number]) => u.evidence.map((id) => virt.signals.find((s) => s.id === id)).filter((s) => s?.strength === 'low').map((s) => s!.source);
    if (!refuted.length) {
      return [{ outcome: 'pass', target, observed: { refuted: [] }, message: m('none', { target: target.name }) }];
    }
    const files = refuted.flatMap(markers);
    const checks = virt.crossChecks.filter((c) => c.agrees === false && c.command.includes('--container'));
    const tools = checks.map((c) => `${c.command} says ${c.output}`);
    const said = checks.map((c) => m('says', { command: c.command, output: c.output ?? '' }));
    return [{
      outcome: 'warn',
      target,
      observed: { markers: files, tools },
      expected: { markers: [] },
      message: m('stale', { target: target.name, files, reason: refuted[0].reason, tools: said.length ? joinTexts([{ en: '; ', nb: '; ' }, joinTexts(said)], '') : { en: '', nb: '' } }),
    }];
  },
});
