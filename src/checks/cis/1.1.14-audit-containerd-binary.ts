import { auditRuleCheck } from '../docker/host-check';
import { binary } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditBinaryTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-containerd-binary',
  title: { en: 'Changes to the containerd binary are recorded by auditd', nb: 'Programfilen containerd overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.14'),
  automated: true,
  ...auditBinaryTexts('containerd'),
  watch: (host) => binary(host, 'containerd'),
});
