import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.signed-artifacts',
  title: 'Signed artefacts are validated before use',
  section: 'images',
  severity: 'medium',
  ...cis('4.12'),
  decidedBy: 'A person checks the build and deployment pipeline: image and artefact signatures (Sigstore cosign, Notation; Docker Content Trust is retired) are verified before an image is deployed.',
  rationale: 'A signature only protects if someone checks it; unchecked signatures give a false sense of provenance.',
  remediation: 'Verify signatures in CI and at admission (cosign verify, notation verify) and fail the deployment when verification fails.',
});
