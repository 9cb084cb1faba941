import type { VirtEvidence } from '../../evidence/types/virt';
import { defineCheck } from '../define';
import type { CheckResult } from '../types';
import { CAIQ_IVS_04, ISO_A_5_23, ISO_A_5_9 } from './references';
import { stackLine, virtTarget } from './target';
import type { LocalText } from '../../findings/types';
import { joinTexts, templates } from '../text';

const m = templates({
  unnamed: {
    en: '{target} is a virtual machine, but the hypervisor could not be named ({missing}).',
    nb: '{target} er en virtuell maskin, men hypervisoren kunne ikke identifiseres ({missing}).',
  },
  genericOnly: { en: 'only generic signals such as the CPUID hypervisor bit', nb: 'bare generelle signaler som hypervisor-biten i CPUID' },
  vm: { en: '{target} is a virtual machine: {details}.', nb: '{target} er en virtuell maskin: {details}.' },
  hypervisor: { en: 'hypervisor {vm}', nb: 'hypervisor {vm}' },
  provider: { en: 'provider {provider}', nb: 'leverandør {provider}' },
  noProvider: { en: 'no cloud provider recognised in DMI', nb: 'ingen skyleverandør gjenkjent i DMI' },
  nested: { en: 'nested inside {outer}', nb: 'nøstet inne i {outer}' },
  confidential: { en: 'confidential VM claimed ({technology}, not attested)', nb: 'oppgitt som konfidensiell VM ({technology}, ikke attestert)' },
  evidence: { en: '; evidence: {signals}', nb: '; bevis: {signals}' },
  bareMetal: { en: '{target} runs on bare metal{at}{why}.', nb: '{target} kjører direkte på maskinvare{at}{why}.' },
  at: { en: ' at {provider}', nb: ' hos {provider}' },
  undecided: {
    en: 'Whether {target} runs on a hypervisor could not be decided; missing: {missing}.',
    nb: 'Om {target} kjører på en hypervisor, kunne ikke avgjøres; mangler: {missing}.',
  },
  noSignal: { en: 'every hypervisor signal', nb: 'alle hypervisor-signaler' },
});
const NONE = { en: '', nb: '' };

function describeVm(v: VirtEvidence): LocalText {
  const parts: LocalText[] = [m('hypervisor', { vm: `${v.vm}${v.vmFlavour ? ` (${v.vmFlavour})` : ''}` })];
  parts.push(v.provider ? m('provider', { provider: v.provider }) : m('noProvider'));
  if (v.nested.observed) parts.push(m('nested', { outer: v.nested.outer ?? '' }));
  if (v.confidential) parts.push(m('confidential', { technology: v.confidential.technology }));
  const layer = v.layers.find((l) => l.layer === 'hypervisor' && l.name === v.vm);
  const why = layer?.evidence.slice(0, 2).join('; ');
  const list = joinTexts(parts);
  return why ? joinTexts([list, m('evidence', { signals: why })], '') : list;
}

export default defineCheck<'virt'>({
  id: 'virt-hypervisor',
  title: { en: 'The platform under the host (hypervisor, provider) is identified', nb: 'Plattformen under verten (hypervisor, leverandør) er identifisert' },
  section: 'virtualization',
  severity: 'medium',
  automated: true,
  requires: ['virt'],
  messages: m.templates,
  decidedBy: {
    en: 'The virt collector\'s machine verdict: a VM names its hypervisor (CPUID, SMBIOS/DMI, device tree, kernel log, paravirtual clock) and the provider from DMI; bare metal needs positive evidence (no CPUID hypervisor bit, PowerNV, or SMBIOS VM bit clear); otherwise manual with what was missing.',
    nb: 'Virt-innsamlerens vurdering av maskinen: en VM navngir hypervisoren sin (CPUID, SMBIOS/DMI, enhetstre, kjernelogg, paravirtuell klokke) og leverandøren fra DMI; maskinvare uten virtualisering krever positive bevis (ingen hypervisor-bit i CPUID, PowerNV, eller VM-biten i SMBIOS ikke satt); ellers manuell, med det som manglet.',
  },
  rationale: {
    en: 'The audit pack must name the platform the data runs on: the hypervisor and the cloud or hosting provider are part of the processing chain (sub-processors, location, who can reach memory), and a platform that cannot be identified cannot be assessed.',
    nb: 'Revisjonspakken må navngi plattformen dataene kjører på: hypervisoren og sky- eller driftsleverandøren er en del av behandlingskjeden (underdatabehandlere, plassering, hvem som kan nå minnet), og en plattform som ikke kan identifiseres, kan ikke vurderes.',
  },
  remediation: {
    en: 'Record the platform in the asset inventory; if it cannot be read from the host, run the collector as root on the host itself, or document the provider and instance type from the provider\'s console or contract.',
    nb: 'Før plattformen inn i eiendelsregisteret; kan den ikke leses fra verten, kjør innsamleren som root på selve verten, eller dokumenter leverandør og instanstype fra leverandørens konsoll eller kontrakt.',
  },
  references: [ISO_A_5_9, ISO_A_5_23, CAIQ_IVS_04],
  evaluate: ({ virt }): CheckResult[] => {
    const target = virtTarget(virt);
    const observed = { machine: virt.machine, vm: virt.vm, vmFlavour: virt.vmFlavour, provider: virt.provider, nested: virt.nested.observed ? virt.nested.outer : null, facts: virt.facts, stack: stackLine(virt) };
    const expected = { machine: 'vm or bare-metal, identified' };
    if (virt.machine === 'vm') {
      if (virt.vm === 'vm-other') {
        return [{ outcome: 'manual', target, observed, expected, message: m('unnamed', { target: target.name, missing: virt.missing.length ? virt.missing.join('; ') : m('genericOnly') }) }];
      }
      return [{ outcome: 'pass', target, observed, expected, message: m('vm', { target: target.name, details: describeVm(virt) }) }];
    }
    if (virt.machine === 'bare-metal') {
      const why = virt.layers.find((l) => l.layer === 'hypervisor')?.evidence.join('; ');
      return [{ outcome: 'pass', target, observed, expected, message: m('bareMetal', { target: target.name, at: virt.provider ? m('at', { provider: virt.provider }) : NONE, why: why ? ` (${why})` : '' }) }];
    }
    return [{
      outcome: 'manual',
      target,
      observed: { ...observed, missing: virt.missing },
      expected,
      message: m('undecided', { target: target.name, missing: virt.missing.length ? virt.missing.join('; ') : m('noSignal') }),
    }];
  },
});
