import { auditRuleCheck } from '../docker/host-check';
import { binary } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditBinaryTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-runc',
  title: { en: 'Changes to the runc binary are recorded by auditd', nb: 'Programfilen runc overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.18'),
  automated: true,
  ...auditBinaryTexts('runc', { en: ' (symlinks resolved)', nb: ' (symbolske lenker fulgt)' }),
  watch: (host) => binary(host, 'runc'),
});
