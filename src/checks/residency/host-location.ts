import { defineCheck } from '../define';
import { hostTarget } from '../targets';
import { addressObserved, eeaEftaObserved, effectiveConfig, hostLocation, outcomeFor } from '../../residency/decide';
import { classifyCountry, countryNames } from '../../residency/jurisdiction';
import { templates } from '../text';
import { CAIQ_DSP_19, DATATILSYNET_EEA_CLOUD, GDPR_44, ISO_5_23 } from './references';

const m = templates({
  unknown: {
    en: 'The Docker host’s location is not established: {detail}. Internal endpoints follow it.',
    nb: 'Plasseringen til Docker-verten er ikke fastslått: {detail}. Interne endepunkter følger den.',
  },
  located: { en: 'The Docker host is in {country} ({detail}). {why}{geoNote}', nb: 'Docker-verten er i {country} ({detail}). {why}{geoNote}' },
  geoNote: {
    en: ' Public addresses geolocate to {countries}: geolocation is corroborating only, the declaration is used.',
    nb: ' De offentlige adressene geolokaliseres til {countries}: geolokasjon er bare støttebevis, og den oppgitte plasseringen brukes.',
  },
});

/** Where the Docker host itself is: everything internal inherits it. */
export default defineCheck({
  id: 'residency-host-location',
  title: { en: 'The Docker host is in an allowed jurisdiction', nb: 'Docker-verten er i en tillatt jurisdiksjon' },
  section: 'residency',
  severity: 'high',
  automated: true,
  requires: ['residency'],
  messages: m.templates,
  decidedBy: {
    en: 'The host’s location declared in the residency config (host.country), else the single country its public interface addresses geolocate to; a host with only private addresses and no declaration needs a person.',
    nb: 'Vertens plassering slik den er oppgitt i residency-konfigurasjonen (host.country), ellers det ene landet dens offentlige grensesnittadresser geolokaliseres til; en vert med bare private adresser og ingen oppgitt plassering må vurderes av en person.',
  },
  rationale: {
    en: 'Containers, volumes on local disks and internal services are where the host is; its location decides whether the data sits in the EEA at all.',
    nb: 'Containere, volumer på lokale disker og interne tjenester er der verten er; vertens plassering avgjør om dataene i det hele tatt ligger i EØS.',
  },
  remediation: {
    en: 'Declare the host’s location (data centre country from the hosting contract) as host.country in the residency config, with the provider.',
    nb: 'Oppgi vertens plassering (landet til datasenteret etter driftsavtalen) som host.country i residency-konfigurasjonen, sammen med leverandøren.',
  },
  references: [GDPR_44, CAIQ_DSP_19, ISO_5_23, DATATILSYNET_EEA_CLOUD],
  evaluate: ({ residency }, options) => {
    const config = effectiveConfig(options.residency, residency);
    const host = hostLocation(residency, config);
    const addresses = residency.endpoints.filter((e) => e.kinds.includes('host-address')).flatMap((e) => e.addresses.map(addressObserved));
    const target = { ...hostTarget('docker-host'), name: 'Docker host' };
    if (!host.country) {
      return [{ outcome: 'manual' as const, target, observed: { addresses, basis: host.basis }, expected: { declared: 'host.country' }, message: m('unknown', { detail: host.detailText }) }];
    }
    const verdict = classifyCountry(host.country);
    const o = outcomeFor(verdict, config, host.declared?.transferBasis);
    // Cross-check a declaration against the host's own public addresses.
    const geo = [...new Set(addresses.flatMap((a) => (a.geo ? a.geo.map((g) => g.country) : [a.country])).filter((c): c is string => !!c))].filter((c) => c !== host.country);
    const geoNote = host.basis === 'declared' && geo.length ? m('geoNote', { countries: geo }) : { en: '', nb: '' };
    return [{
      outcome: o.outcome,
      target,
      observed: { country: host.country, jurisdiction: verdict.jurisdiction, basis: host.basis, addresses, decision: verdict.decision, ...(o.eeaEfta ? { eeaEfta: eeaEftaObserved(o.eeaEfta) } : {}) },
      expected: { jurisdiction: [...config.allowed.jurisdictions, ...config.allowed.countries] },
      message: m('located', { country: countryNames(host.country), detail: host.detailText, why: o.why, geoNote }),
      ...(o.remediation ? { remediation: o.remediation } : {}),
    }];
  },
});
