import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.setuid-removed',
  title: 'setuid and setgid bits are removed from images',
  section: 'images',
  severity: 'medium',
  ...cis('4.8'),
  decidedBy: 'Needs the image filesystem, which the Engine API does not expose: a person runs e.g. `docker run --rm --entrypoint find <image> / -xdev -perm /6000 -type f` or an image linter (Dockle CIS-DI-0008) for each image in use.',
  rationale: 'setuid/setgid binaries are the classic way from a user to root inside a container.',
  remediation: 'In the Dockerfile: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`, and run containers with --security-opt no-new-privileges.',
});
