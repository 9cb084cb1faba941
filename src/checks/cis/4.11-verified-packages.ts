import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.verified-packages',
  title: { en: 'Images install only verified packages', nb: 'Images installerer bare verifiserte pakker' },
  section: 'images',
  severity: 'medium',
  ...cis('4.11'),
  decidedBy: {
    en: 'A person reviews the Dockerfiles: packages come from signed repositories (apt/dnf with GPG keys), downloads are checked against a checksum or signature.',
    nb: 'En person går gjennom Dockerfilene: pakker kommer fra signerte pakkebrønner (apt/dnf med GPG-nøkler), og nedlastinger kontrolleres mot en sjekksum eller signatur.',
  },
  rationale: {
    en: 'An unverified package or download can be replaced in transit or at the source.',
    nb: 'En pakke eller nedlasting som ikke er verifisert, kan byttes ut underveis eller ved kilden.',
  },
  remediation: {
    en: 'Install from signed package repositories only; verify downloaded artefacts with sha256sum -c or gpg --verify in the same RUN step.',
    nb: 'Installer bare fra signerte pakkebrønner; verifiser nedlastede artefakter med sha256sum -c eller gpg --verify i samme RUN-trinn.',
  },
});
