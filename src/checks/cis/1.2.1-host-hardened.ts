import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.host-hardened',
  title: { en: 'The container host is hardened', nb: 'Containerverten er herdet' },
  section: 'host',
  severity: 'medium',
  ...cis('1.2.1'),
  decidedBy: {
    en: 'A person checks the host against the hardening baseline the organisation has chosen (e.g. the CIS benchmark for its Linux distribution) and records the result.',
    nb: 'En person kontrollerer verten mot herdingsstandarden virksomheten har valgt (f.eks. CIS-benchmarken til Linux-distribusjonen), og registrerer resultatet.',
  },
  rationale: {
    en: 'Containers share the host kernel: a weak host undoes every container control in this report.',
    nb: 'Containere deler kjernen med verten: en svakt sikret vert opphever hver containerkontroll i denne rapporten.',
  },
  remediation: {
    en: 'Apply and keep evidence of an OS hardening baseline (CIS Linux benchmark, vendor guide) for the container host.',
    nb: 'Ta i bruk en herdingsstandard for operativsystemet på containerverten (CIS-benchmark for Linux, leverandørens veiledning), og ta vare på dokumentasjon som viser at den følges.',
  },
});
