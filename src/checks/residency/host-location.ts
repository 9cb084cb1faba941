import { defineCheck } from '../define';
import { hostTarget } from '../targets';
import { addressObserved, effectiveConfig, hostLocation, outcomeFor } from '../../residency/decide';
import { classifyCountry, countryName } from '../../residency/jurisdiction';
import { CAIQ_DSP_19, DATATILSYNET_EEA_CLOUD, GDPR_44, ISO_5_23 } from './references';

/** Where the Docker host itself is: everything internal inherits it. */
export default defineCheck({
  id: 'residency-host-location',
  title: 'The Docker host is in an allowed jurisdiction',
  section: 'residency',
  severity: 'high',
  automated: true,
  requires: ['residency'],
  decidedBy: 'The host’s location declared in the residency config (host.country), else the single country its public interface addresses geolocate to; a host with only private addresses and no declaration needs a person.',
  rationale: 'Containers, volumes on local disks and internal services are where the host is; its location decides whether the data sits in the EEA at all.',
  remediation: 'Declare the host’s location (data centre country from the hosting contract) as host.country in the residency config, with the provider.',
  references: [GDPR_44, CAIQ_DSP_19, ISO_5_23, DATATILSYNET_EEA_CLOUD],
  evaluate: ({ residency }, options) => {
    const config = effectiveConfig(options.residency, residency);
    const host = hostLocation(residency, config);
    const addresses = residency.endpoints.filter((e) => e.kinds.includes('host-address')).flatMap((e) => e.addresses.map(addressObserved));
    const target = { ...hostTarget('docker-host'), name: 'Docker host' };
    if (!host.country) {
      return [{ outcome: 'manual' as const, target, observed: { addresses, basis: host.basis }, expected: { declared: 'host.country' }, message: `The Docker host’s location is not established: ${host.detail}. Internal endpoints follow it.` }];
    }
    const verdict = classifyCountry(host.country);
    const o = outcomeFor(verdict, config, host.declared?.transferBasis);
    // Cross-check a declaration against the host's own public addresses.
    const geo = [...new Set(addresses.flatMap((a) => (a.geo ? a.geo.map((g) => g.country) : [a.country])).filter((c): c is string => !!c))].filter((c) => c !== host.country);
    const geoNote = host.basis === 'declared' && geo.length ? ` Public addresses geolocate to ${geo.join(', ')}: geolocation is corroborating only, the declaration is used.` : '';
    return [{
      outcome: o.outcome,
      target,
      observed: { country: host.country, jurisdiction: verdict.jurisdiction, basis: host.basis, addresses, decision: verdict.decision, ...(o.eeaEfta ? { eeaEfta: o.eeaEfta } : {}) },
      expected: { jurisdiction: [...config.allowed.jurisdictions, ...config.allowed.countries] },
      message: `The Docker host is in ${countryName(host.country)} (${host.detail}). ${o.why}${geoNote}`,
      ...(o.remediation ? { remediation: o.remediation } : {}),
    }];
  },
});
