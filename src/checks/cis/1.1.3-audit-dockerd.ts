import { auditRuleCheck } from '../docker/host-check';
import { auditPath } from '../docker/host-files';
import { cis } from '../docker/cis';
import { auditTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-dockerd',
  title: { en: 'Changes to the dockerd binary are recorded by auditd', nb: 'Programfilen dockerd overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.3'),
  automated: true,
  ...auditTexts({
    subject: { en: 'the dockerd binary', nb: 'programfilen dockerd' },
    path: { en: 'The binary of the running daemon (/proc/<pid>/exe), not a fixed /usr/bin/dockerd', nb: 'programfilen til daemonen som kjører (/proc/<pid>/exe), ikke en fast /usr/bin/dockerd' },
  }),
  // The host collector lists the running daemon's binary first.
  watch: (host) => auditPath(host.binaries[0]),
});
