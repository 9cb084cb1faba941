import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.setuid-removed',
  title: { en: 'setuid and setgid bits are removed from images', nb: 'setuid- og setgid-bitene er fjernet i images' },
  section: 'images',
  severity: 'medium',
  ...cis('4.8'),
  decidedBy: {
    en: 'Needs the image filesystem, which the Engine API does not expose: a person runs e.g. `docker run --rm --entrypoint find <image> / -xdev -perm /6000 -type f` or an image linter (Dockle CIS-DI-0008) for each image in use.',
    nb: 'Krever filsystemet i imaget, som Engine API ikke viser: en person kjører f.eks. `docker run --rm --entrypoint find <image> / -xdev -perm /6000 -type f` eller en linter (Dockle CIS-DI-0008) på hvert image som er i bruk.',
  },
  rationale: {
    en: 'setuid/setgid binaries are the classic way from a user to root inside a container.',
    nb: 'setuid-/setgid-programmer er den klassiske veien fra vanlig bruker til root i en container.',
  },
  remediation: {
    en: 'In the Dockerfile: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`, and run containers with --security-opt no-new-privileges.',
    nb: 'I Dockerfile: `RUN find / -xdev -perm /6000 -type f -exec chmod a-s {} + || true`, og kjør containere med --security-opt no-new-privileges.',
  },
});
