import { cis } from '../docker/cis';
import { manualCheck } from '../docker/host-check';

export default manualCheck({
  id: 'cis.signed-artifacts',
  title: { en: 'Signed artefacts are validated before use', nb: 'Signerte artefakter valideres før bruk' },
  section: 'images',
  severity: 'medium',
  ...cis('4.12'),
  decidedBy: {
    en: 'A person checks the build and deployment pipeline: image and artefact signatures (Sigstore cosign, Notation; Docker Content Trust is retired) are verified before an image is deployed.',
    nb: 'En person kontrollerer bygge- og utrullingsløypa: signaturer på images og artefakter (Sigstore cosign, Notation; Docker Content Trust er avviklet) verifiseres før et image rulles ut.',
  },
  rationale: {
    en: 'A signature only protects if someone checks it; unchecked signatures give a false sense of provenance.',
    nb: 'En signatur beskytter bare hvis noen kontrollerer den; signaturer som ingen kontrollerer, gir falsk trygghet om opprinnelsen.',
  },
  remediation: {
    en: 'Verify signatures in CI and at admission (cosign verify, notation verify) and fail the deployment when verification fails.',
    nb: 'Verifiser signaturer i CI og ved opptak i klyngen (cosign verify, notation verify), og stopp utrullingen når verifiseringen feiler.',
  },
});
