import { defineCheck } from '../define';
import { decideAll, effectiveConfig } from '../../residency/decide';
import { classifyCountry, countryNames } from '../../residency/jurisdiction';
import { templates } from '../text';
import { CAIQ_DSP_13, DATATILSYNET_EEA_CLOUD, GDPR_48, ISO_5_23 } from './references';

const m = templates({
  undeclared: {
    en: '{name} is operated by {provider}; its parent company’s country is not declared (providers.*.parentCountry).',
    nb: '{name} drives av {provider}; landet til morselskapet er ikke oppgitt (providers.*.parentCountry).',
  },
  inEea: { en: '{name} is operated by {provider}{parent}, controlled from {country} in the EEA.', nb: '{name} drives av {provider}{parent}, kontrollert fra {country} i EØS.' },
  parentInEea: { en: ' (parent {parent})', nb: ' (morselskap {parent})' },
  foreign: {
    en: '{name}{where} is operated by {provider}{parent} in {country}: {law}; GDPR Art. 48 applies. Assess and document the exposure.',
    nb: '{name}{where} drives av {provider}{parent} i {country}: {law}; GDPR art. 48 gjelder. Vurder og dokumenter risikoen.',
  },
  located: { en: ' (in {country})', nb: ' (i {country})' },
  parentAbroad: { en: ', parent {parent}', nb: ', morselskap {parent}' },
  usLaw: {
    en: 'the US CLOUD Act (18 U.S.C. § 2713) and FISA 702 can compel disclosure wherever the data is stored',
    nb: 'amerikanske CLOUD Act (18 U.S.C. § 2713) og FISA 702 kan pålegge utlevering uansett hvor dataene er lagret',
  },
  otherLaw: {
    en: 'third-country law may compel disclosure wherever the data is stored',
    nb: 'lovgivningen i tredjelandet kan pålegge utlevering uansett hvor dataene er lagret',
  },
});
const NONE = { en: '', nb: '' };
const DOCKER_HOST = { en: 'Docker host', nb: 'Docker-verten' };

/**
 * Foreign legal reach: a provider whose parent company sits outside the EEA can be compelled under its
 * home law (US CLOUD Act, FISA 702) to hand over data stored in the EEA. Decided from providers the
 * residency config declares; without declarations a person must assess it.
 */
export default defineCheck({
  id: 'residency-foreign-control',
  title: { en: 'Providers of EEA-located endpoints are not subject to third-country disclosure laws', nb: 'Leverandørene av endepunkter i EØS er ikke underlagt tredjelands lover om utlevering' },
  section: 'residency',
  severity: 'medium',
  automated: false,
  requires: ['residency'],
  messages: m.templates,
  decidedBy: {
    en: 'The parent company country of each provider declared in the residency config (providers.*.parentCountry) for the host and the declared endpoints. Without declared providers, a person assesses who operates each endpoint.',
    nb: 'Morselskapets land for hver leverandør som er oppgitt i residency-konfigurasjonen (providers.*.parentCountry), for verten og de oppgitte endepunktene. Uten oppgitte leverandører vurderer en person hvem som driver hvert endepunkt.',
  },
  rationale: {
    en: 'Storage in the EEA is not enough when the operator answers to a third country: the US CLOUD Act (18 U.S.C. § 2713) reaches data “regardless of” where it is stored, and GDPR Art. 48 bars honouring such orders without an international agreement. Datatilsynet asks controllers to assess this for EEA cloud regions of non-EEA providers.',
    nb: 'Lagring i EØS er ikke nok når driftsleverandøren står til ansvar overfor et tredjeland: amerikanske CLOUD Act (18 U.S.C. § 2713) når data «uansett» hvor de er lagret, og GDPR art. 48 forbyr å etterkomme slike pålegg uten en internasjonal avtale. Datatilsynet ber behandlingsansvarlige vurdere dette for EØS-regioner hos skyleverandører utenfor EØS.',
  },
  remediation: {
    en: 'Assess the provider’s exposure (EDPB Recommendations 01/2020 steps 3–4: encryption with keys held in the EEA, contractual commitments to challenge orders), or choose an EEA-owned provider.',
    nb: 'Vurder leverandørens risiko (EDPB-anbefaling 01/2020 trinn 3–4: kryptering med nøkler som oppbevares i EØS, avtalefestet plikt til å bestride pålegg), eller velg en leverandør som eies i EØS.',
  },
  references: [GDPR_48, CAIQ_DSP_13, ISO_5_23, DATATILSYNET_EEA_CLOUD],
  evaluate: ({ residency }, options) => {
    const config = effectiveConfig(options.residency, residency);
    const { host, decisions } = decideAll(residency, config);
    const results = [];
    const subjects: { id: string; name: string; label: string | { en: string; nb: string }; provider: NonNullable<typeof host.provider>; where: string | null }[] = [];
    if (host.provider) subjects.push({ id: 'docker-host', name: 'Docker host', label: DOCKER_HOST, provider: host.provider, where: host.country });
    for (const d of decisions) {
      if (d.basis === 'declared' && d.provider) subjects.push({ id: d.endpoint.id, name: d.endpoint.id, label: d.endpoint.id, provider: d.provider, where: d.verdict.country });
    }
    for (const s of subjects) {
      const p = s.provider;
      const target = { kind: (s.id === 'docker-host' ? 'host' : 'endpoint') as 'host' | 'endpoint', id: s.id, name: s.name };
      const observed = { provider: p.name, parent: p.parent ?? null, parentCountry: p.parentCountry ?? null, location: s.where };
      if (!p.parentCountry) {
        results.push({ outcome: 'manual' as const, target, observed, expected: { parentCountry: 'EEA' }, message: m('undeclared', { name: s.label, provider: p.name }) });
        continue;
      }
      const v = classifyCountry(p.parentCountry);
      const inEea = v.jurisdiction === 'eea' || (v.jurisdiction === 'eea-special' && v.entry?.withinEea === true);
      results.push(
        inEea
          ? { outcome: 'pass' as const, target, observed, expected: { parentCountry: 'EEA' }, message: m('inEea', { name: s.label, provider: p.name, parent: p.parent ? m('parentInEea', { parent: p.parent }) : NONE, country: countryNames(p.parentCountry) }) }
          : {
              outcome: 'manual' as const,
              target,
              observed,
              expected: { parentCountry: 'EEA' },
              message: m('foreign', {
                name: s.label,
                where: s.where ? m('located', { country: countryNames(s.where) }) : NONE,
                provider: p.name,
                parent: p.parent ? m('parentAbroad', { parent: p.parent }) : NONE,
                country: countryNames(p.parentCountry),
                law: m(p.parentCountry === 'US' ? 'usLaw' : 'otherLaw'),
              }),
            },
      );
    }
    return results;
  },
});
