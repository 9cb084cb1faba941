import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';
import { auditTexts } from '../docker/host-texts';

export default auditRuleCheck({
  id: 'cis.audit-data-root',
  title: { en: 'Changes to the Docker data root are recorded by auditd', nb: 'Datamappen til Docker overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.5'),
  automated: true,
  ...auditTexts({
    subject: { en: 'the Docker data root', nb: 'datamappen til Docker (data-root)' },
    path: { en: 'The real data root of the engine (Info.DockerRootDir), where docker-bench only looks at /var/lib/docker', nb: 'den faktiske datamappen til motoren (Info.DockerRootDir), der docker-bench bare ser på /var/lib/docker' },
  }),
  watch: (host) => ({ path: host.dataRoot.file.path, origin: host.dataRoot.file.origin, exists: host.dataRoot.file.exists }),
});
