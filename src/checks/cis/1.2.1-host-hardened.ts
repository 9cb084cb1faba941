import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.host-hardened',
  title: 'The container host is hardened',
  section: 'host',
  severity: 'medium',
  ...cis('1.2.1'),
  decidedBy: 'A person checks the host against the hardening baseline the organisation has chosen (e.g. the CIS benchmark for its Linux distribution) and records the result.',
  rationale: 'Containers share the host kernel: a weak host undoes every container control in this report.',
  remediation: 'Apply and keep evidence of an OS hardening baseline (CIS Linux benchmark, vendor guide) for the container host.',
});
