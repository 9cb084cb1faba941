import { defineCheck } from '../define';
import { addressObserved, decideAll, eeaEftaObserved, effectiveConfig } from '../../residency/decide';
import { CAIQ_DSP_05, CAIQ_DSP_10, CAIQ_DSP_19, DATATILSYNET_TRANSFERS, GDPR_44, GDPR_45, GDPR_46, GDPR_49, ISO_5_14, ISO_5_23 } from './references';

/** One finding per endpoint (the host's own addresses are judged by residency-host-location). */
export default defineCheck({
  id: 'residency-endpoint-jurisdiction',
  title: { en: 'Every endpoint and volume backend is in the EEA or an adequate country', nb: 'Alle endepunkter og volumlagre er i EØS eller i et land med tilstrekkelig beskyttelsesnivå' },
  section: 'residency',
  severity: 'high',
  automated: true,
  requires: ['residency'],
  // No templates: the message is the decision's own sentence, written in both languages by src/residency/decide.ts.
  decidedBy: {
    en: 'Each endpoint found in the docker evidence (environment, labels, command lines, volume options, log drivers, registries, DNS servers, swarm nodes, published ports) is placed by, in order: a location declared in the residency config, a provider region, the host (internal addresses), IP geolocation. Every public address is looked up in every geolocation source; when they name different countries the location is disputed and a person decides. A declared recipient that is an international organisation (the EPO) is judged by its own adequacy decision. The country is mapped to EEA / adequate / adequate in part / outside the EEA Agreement / third country with the project’s jurisdiction table; for an exporter in Iceland, Liechtenstein or Norway an adequacy decision whose EEA incorporation is not confirmed needs a person.',
    nb: 'Hvert endepunkt som finnes i Docker-bevisene (miljøvariabler, etiketter, kommandolinjer, volumvalg, loggdrivere, image-registre, DNS-servere, swarm-noder, publiserte porter) stedfestes i denne rekkefølgen: en plassering oppgitt i residency-konfigurasjonen, en leverandørregion, verten (interne adresser), IP-geolokasjon. Hver offentlig adresse slås opp i alle geolokasjonskilder; når de oppgir ulike land, er plasseringen omstridt og en person avgjør. En oppgitt mottaker som er en internasjonal organisasjon (EPO), vurderes etter sin egen beslutning om tilstrekkelig beskyttelsesnivå. Landet plasseres som EØS / tilstrekkelig beskyttelsesnivå / delvis tilstrekkelig / utenfor EØS-avtalen / tredjeland etter prosjektets jurisdiksjonstabell; for en dataeksportør på Island, i Liechtenstein eller i Norge trenger en beslutning om tilstrekkelig beskyttelsesnivå uten bekreftet innlemmelse i EØS-avtalen en personlig vurdering.',
  },
  rationale: {
    en: 'GDPR Chapter V allows personal data to leave the EEA only to an adequate country or under appropriate safeguards. Every address a container talks to, stores to or logs to is a possible transfer, and the controller must know and document them (CCM DSP-19, DSP-05).',
    nb: 'Etter GDPR kapittel V kan personopplysninger bare forlate EØS til et land med tilstrekkelig beskyttelsesnivå eller med nødvendige garantier. Hver adresse en container snakker med, lagrer til eller logger til, er en mulig overføring, og den behandlingsansvarlige må kjenne til og dokumentere dem (CCM DSP-19, DSP-05).',
  },
  remediation: {
    en: 'Keep endpoints in the EEA or an adequate country; for anything else put SCCs (EU) 2021/914 and a transfer impact assessment in place and declare them in the residency config.',
    nb: 'Hold endepunktene i EØS eller i land med tilstrekkelig beskyttelsesnivå; for alle andre må standard personvernbestemmelser (EU) 2021/914 og en vurdering av overføringen være på plass og oppgis i residency-konfigurasjonen.',
  },
  references: [GDPR_44, GDPR_45, GDPR_46, GDPR_49, CAIQ_DSP_19, CAIQ_DSP_05, CAIQ_DSP_10, ISO_5_14, ISO_5_23, DATATILSYNET_TRANSFERS],
  evaluate: ({ residency }, options) => {
    const config = effectiveConfig(options.residency, residency);
    const { decisions } = decideAll(residency, config);
    return decisions
      .filter((d) => d.endpoint.kinds.some((k) => k !== 'host-address'))
      .map((d) => ({
        outcome: d.outcome,
        severity: d.outcome === 'fail' ? d.severity : undefined,
        target: { kind: 'endpoint' as const, id: d.endpoint.id, name: d.endpoint.id },
        observed: {
          kinds: d.endpoint.kinds,
          foundIn: d.endpoint.foundIn.map((f) => `${f.object ? `${f.object.type} ${f.object.name}: ` : ''}${f.field}`),
          addresses: d.endpoint.addresses.map(addressObserved),
          resolution: d.endpoint.resolution.method,
          country: d.verdict.country,
          jurisdiction: d.verdict.jurisdiction,
          basis: d.basis,
          decision: d.verdict.decision,
          ...(d.declared ? { declared: d.declared } : {}),
          ...(d.declared?.recipient ? { recipient: { id: d.declared.recipient, kind: d.verdict.entry?.kind ?? null, name: d.verdict.countryName } } : {}),
          ...(d.disagreeingGeo.length ? { geolocationDisagrees: d.disagreeingGeo } : {}),
          ...(d.disputed.length ? { geolocationDisputed: d.disputed } : {}),
          ...(d.eeaEfta ? { eeaEfta: eeaEftaObserved(d.eeaEfta) } : {}),
        },
        expected: { jurisdiction: [...config.allowed.jurisdictions, ...config.allowed.countries] },
        message: d.message,
        ...(d.remediation ? { remediation: d.remediation } : {}),
      }));
  },
});
