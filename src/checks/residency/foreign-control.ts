import { defineCheck } from '../define';
import { decideAll, effectiveConfig } from '../../residency/decide';
import { classifyCountry, countryName } from '../../residency/jurisdiction';
import { CAIQ_DSP_13, DATATILSYNET_EEA_CLOUD, GDPR_48, ISO_5_23 } from './references';

/**
 * Foreign legal reach: a provider whose parent company sits outside the EEA can be compelled under its
 * home law (US CLOUD Act, FISA 702) to hand over data stored in the EEA. Decided from providers the
 * residency config declares; without declarations a person must assess it.
 */
export default defineCheck({
  id: 'residency-foreign-control',
  title: 'Providers of EEA-located endpoints are not subject to third-country disclosure laws',
  section: 'residency',
  severity: 'medium',
  automated: false,
  requires: ['residency'],
  decidedBy: 'The parent company country of each provider declared in the residency config (providers.*.parentCountry) for the host and the declared endpoints. Without declared providers, a person assesses who operates each endpoint.',
  rationale: 'Storage in the EEA is not enough when the operator answers to a third country: the US CLOUD Act (18 U.S.C. § 2713) reaches data “regardless of” where it is stored, and GDPR Art. 48 bars honouring such orders without an international agreement. Datatilsynet asks controllers to assess this for EEA cloud regions of non-EEA providers.',
  remediation: 'Assess the provider’s exposure (EDPB Recommendations 01/2020 steps 3–4: encryption with keys held in the EEA, contractual commitments to challenge orders), or choose an EEA-owned provider.',
  references: [GDPR_48, CAIQ_DSP_13, ISO_5_23, DATATILSYNET_EEA_CLOUD],
  evaluate: ({ residency }, options) => {
    const config = effectiveConfig(options.residency, residency);
    const { host, decisions } = decideAll(residency, config);
    const results = [];
    const subjects: { id: string; name: string; provider: NonNullable<typeof host.provider>; where: string | null }[] = [];
    if (host.provider) subjects.push({ id: 'docker-host', name: 'Docker host', provider: host.provider, where: host.country });
    for (const d of decisions) {
      if (d.basis === 'declared' && d.provider) subjects.push({ id: d.endpoint.id, name: d.endpoint.id, provider: d.provider, where: d.verdict.country });
    }
    for (const s of subjects) {
      const p = s.provider;
      const target = { kind: (s.id === 'docker-host' ? 'host' : 'endpoint') as 'host' | 'endpoint', id: s.id, name: s.name };
      const observed = { provider: p.name, parent: p.parent ?? null, parentCountry: p.parentCountry ?? null, location: s.where };
      if (!p.parentCountry) {
        results.push({ outcome: 'manual' as const, target, observed, expected: { parentCountry: 'EEA' }, message: `${s.name} is operated by ${p.name}; its parent company’s country is not declared (providers.*.parentCountry).` });
        continue;
      }
      const v = classifyCountry(p.parentCountry);
      const inEea = v.jurisdiction === 'eea' || (v.jurisdiction === 'eea-special' && v.entry?.withinEea === true);
      results.push(
        inEea
          ? { outcome: 'pass' as const, target, observed, expected: { parentCountry: 'EEA' }, message: `${s.name} is operated by ${p.name}${p.parent ? ` (parent ${p.parent})` : ''}, controlled from ${countryName(p.parentCountry)} in the EEA.` }
          : {
              outcome: 'manual' as const,
              target,
              observed,
              expected: { parentCountry: 'EEA' },
              message: `${s.name}${s.where ? ` (in ${countryName(s.where)})` : ''} is operated by ${p.name}${p.parent ? `, parent ${p.parent}` : ''} in ${countryName(p.parentCountry)}: ${p.parentCountry === 'US' ? 'the US CLOUD Act (18 U.S.C. § 2713) and FISA 702 can compel disclosure wherever the data is stored' : 'third-country law may compel disclosure wherever the data is stored'}; GDPR Art. 48 applies. Assess and document the exposure.`,
            },
      );
    }
    return results;
  },
});
