import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.minimal-packages',
  title: { en: 'Images contain only the packages the application needs', nb: 'Images inneholder bare pakkene applikasjonen trenger' },
  section: 'images',
  severity: 'medium',
  ...cis('4.3'),
  decidedBy: {
    en: 'A person reviews the package list of each image in use (e.g. an SBOM from `docker sbom` or syft) for tools the application does not need: shells, compilers, package managers, network tools.',
    nb: 'En person går gjennom pakkelisten i hvert image som er i bruk (f.eks. en SBOM fra `docker sbom` eller syft), og ser etter verktøy applikasjonen ikke trenger: skall, kompilatorer, pakkebehandlere, nettverksverktøy.',
  },
  rationale: {
    en: 'Every extra package is attack surface and a source of vulnerabilities to patch.',
    nb: 'Hver ekstra pakke er angrepsflate og en kilde til sårbarheter som må tettes.',
  },
  remediation: {
    en: 'Build from minimal bases (distroless, alpine, scratch) with multi-stage builds that copy only the runtime artefacts.',
    nb: 'Bygg på minimale grunnimages (distroless, alpine, scratch) med flertrinnsbygg som bare kopierer det som trengs ved kjøring.',
  },
});
