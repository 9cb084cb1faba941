import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.content-trust',
  title: 'Docker Content Trust is enabled where images are pulled',
  section: 'images',
  severity: 'medium',
  ...cis('4.5'),
  decidedBy: 'Content trust is a setting of the docker client (DOCKER_CONTENT_TRUST=1 in the environment that pulls images: CI runners, deploy users, hosts), not of the engine, so the engine cannot show it. A person checks those environments.',
  rationale: 'With content trust the client only pulls images whose tags are signed, so a compromised registry cannot swap in a different image.',
  remediation: 'export DOCKER_CONTENT_TRUST=1 in the profiles of deploy users and CI jobs; or verify signatures with cosign/notation in the pipeline.',
});
