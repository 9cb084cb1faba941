import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.minimal-packages',
  title: 'Images contain only the packages the application needs',
  section: 'images',
  severity: 'medium',
  ...cis('4.3'),
  decidedBy: 'A person reviews the package list of each image in use (e.g. an SBOM from `docker sbom` or syft) for tools the application does not need: shells, compilers, package managers, network tools.',
  rationale: 'Every extra package is attack surface and a source of vulnerabilities to patch.',
  remediation: 'Build from minimal bases (distroless, alpine, scratch) with multi-stage builds that copy only the runtime artefacts.',
});
