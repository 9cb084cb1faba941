import { auditRuleCheck } from '../docker/host-check';
import { binary } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditBinaryTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-containerd-shim-runc-v2',
  title: { en: 'Changes to the containerd-shim-runc-v2 binary are recorded by auditd', nb: 'Programfilen containerd-shim-runc-v2 overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.17'),
  automated: true,
  ...auditBinaryTexts('containerd-shim-runc-v2'),
  watch: (host) => binary(host, 'containerd-shim-runc-v2'),
});
