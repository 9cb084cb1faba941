import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.verified-packages',
  title: 'Images install only verified packages',
  section: 'images',
  severity: 'medium',
  ...cis('4.11'),
  decidedBy: 'A person reviews the Dockerfiles: packages come from signed repositories (apt/dnf with GPG keys), downloads are checked against a checksum or signature.',
  rationale: 'An unverified package or download can be replaced in transit or at the source.',
  remediation: 'Install from signed package repositories only; verify downloaded artefacts with sha256sum -c or gpg --verify in the same RUN step.',
});
