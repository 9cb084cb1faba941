import { auditRuleCheck } from '../docker/host-check';
import { binary } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditBinaryTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-containerd-shim',
  title: { en: 'Changes to the containerd-shim binary are recorded by auditd', nb: 'Programfilen containerd-shim overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.15'),
  automated: true,
  ...auditBinaryTexts('containerd-shim'),
  watch: (host) => binary(host, 'containerd-shim'),
});
