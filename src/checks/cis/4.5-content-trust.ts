import type { ImageInspect } from '../../evidence/types/docker';
import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';
import { templates } from '../text';

/**
 * CIS 4.5 (1.6.0 and 1.8.0 alike) asks for Docker Content Trust. Docker retired DCT in 2025: the DCT
 * signatures of Docker Official Images expired from 8 August 2025, so a client that enforces DCT can
 * no longer pull them, and notary.docker.io is being shut down. Following 4.5 to the letter now
 * breaks pulls, so this check never asks for it; it reports what the engine shows about each image's
 * provenance and leaves signature verification (cosign, Notation) to a person to confirm.
 */

/** Registry host of a `repo@sha256:…` digest reference (Docker Hub when the name has no registry part). */
export function registryOf(digestRef: string): string {
  const name = digestRef.split('@')[0];
  const first = name.split('/')[0];
  return name.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? first : 'docker.io';
}

/** Attestation manifests (build provenance, SBOM) the engine lists with the image, or null when it lists no manifests at all. */
function attestations(img: ImageInspect): number | null {
  const manifests = img.Manifests;
  if (!Array.isArray(manifests)) return null;
  return manifests.filter((m) => (m as { Kind?: unknown } | null)?.Kind === 'attestation').length;
}

const SIGNATURES = 'not visible through the Engine API (cosign and Notation signatures are OCI referrers in the registry)';

const m = templates({
  pulled: {
    en:
      '{image}: pulled from {registries} by digest ({digests}){listed}. ' +
      'Docker Content Trust is retired and the engine shows no cosign or Notation signature: a person confirms the pipeline verifies this digest before it is deployed.',
    nb:
      '{image}: hentet fra {registries} etter digest ({digests}){listed}. ' +
      'Docker Content Trust er avviklet, og motoren viser ingen signatur fra cosign eller Notation: en person bekrefter at byggeløypa verifiserer denne digesten før den rulles ut.',
  },
  local: {
    en:
      '{image}: no registry digest, so it was built or imported on this host and has no registry provenance{listed}. ' +
      'Docker Content Trust is retired and the engine shows no signature: a person confirms the pipeline that builds it signs it and the deployment verifies that signature.',
    nb:
      '{image}: ingen registerdigest, så det ble bygget eller importert på denne verten og har ingen opprinnelse i et register{listed}. ' +
      'Docker Content Trust er avviklet, og motoren viser ingen signatur: en person bekrefter at byggeløypa som bygger det, signerer det, og at utrullingen verifiserer signaturen.',
  },
  // Parts of the two sentences above: more digests than the first, and what the engine lists with the image.
  moreDigests: { en: '{digest} and {n} more', nb: '{digest} og {n} til' },
  noAttestations: { en: '; the engine lists no attestation manifest for it', nb: '; motoren viser ingen attestasjonsmanifester sammen med det' },
  attestations: {
    en: '; the engine lists {n} attestation manifest(s) with it, which it does not verify',
    nb: '; motoren viser {n} attestasjonsmanifest(er) sammen med det, men verifiserer dem ikke',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.content-trust',
  title: {
    en: 'Image provenance is verified with current signing tools (Docker Content Trust is retired)',
    nb: 'Opprinnelsen til images verifiseres med dagens signeringsverktøy (Docker Content Trust er avviklet)',
  },
  section: 'images',
  severity: 'medium',
  ...cis('4.5'),
  automated: false,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en:
      'CIS 4.5 asks for Docker Content Trust, which Docker has retired, so this check does not. For each image it reports what the engine shows about provenance: ' +
      'RepoDigests (pulled from a registry by digest) or none (built or imported on this host), and attestation manifests (build provenance, SBOM) where the engine lists them ' +
      '(newer engines with the containerd image store). Signatures made with cosign or Notation are stored in the registry as OCI referrers, which the Engine API does not show, ' +
      'so a person confirms that the pipeline verifies them.',
    nb:
      'CIS 4.5 ber om Docker Content Trust, som Docker har avviklet, så denne kontrollen gjør ikke det. For hvert image viser den hva motoren oppgir om opprinnelsen: ' +
      'RepoDigests (hentet fra et register etter digest) eller ingen (bygget eller importert på denne verten), og attestasjonsmanifester (byggeproveniens, SBOM) der motoren viser dem ' +
      '(nyere motorer med containerd som imagelager). Signaturer laget med cosign eller Notation ligger i registeret som OCI-referrers, som Engine API ikke viser, ' +
      'så en person bekrefter at byggeløypa verifiserer dem.',
  },
  rationale: {
    en:
      'Knowing where an image came from, and that it is the image its publisher signed, is what stops a compromised registry or mirror from swapping it. Docker Content Trust ' +
      'used to do this for Docker Hub; since its retirement image signing is done with Sigstore cosign or Notation.',
    nb:
      'Å vite hvor et image kommer fra, og at det er det imaget utgiveren signerte, er det som hindrer et kompromittert register eller speil i å bytte det ut. Docker Content Trust ' +
      'gjorde dette for Docker Hub; etter at den ble avviklet, signeres images med Sigstore cosign eller Notation.',
  },
  remediation: {
    en:
      'Do not turn on Docker Content Trust: Docker retired it in 2025, the DCT signatures of Docker Official Images expired from 8 August 2025 (so enforcing it now makes their pulls fail) ' +
      'and notary.docker.io is being shut down. Sign images where they are built (cosign sign, notation sign), verify them in the pipeline and at admission ' +
      '(cosign verify, notation verify) and fail the deployment when verification fails; deploy by digest (image@sha256:…) so the verified image is the one that runs.',
    nb:
      'Ikke slå på Docker Content Trust: Docker avviklet den i 2025, DCT-signaturene til Docker Official Images utløp fra 8. august 2025 (så håndheving nå får hentingen av dem til å feile), ' +
      'og notary.docker.io legges ned. Signer images der de bygges (cosign sign, notation sign), verifiser dem i byggeløypa og ved opptak i klyngen (admission) ' +
      '(cosign verify, notation verify), og stopp utrullingen når verifiseringen feiler; rull ut etter digest (image@sha256:…), slik at det verifiserte imaget er det som kjører.',
  },
  evaluate: ({ docker }) =>
    docker.images.map((img, i) => {
      const target = imageTarget(img);
      const digests = (img.RepoDigests ?? []).filter((d) => d.includes('@'));
      const att = attestations(img);
      const observed = {
        RepoTags: img.RepoTags ?? [],
        RepoDigests: digests,
        attestationManifests: att ?? `not listed by this engine (Engine API ${docker.version.ApiVersion ?? 'version unknown'})`,
        signatures: SIGNATURES,
      };
      const expected = { provenance: 'a registry digest whose signature the pipeline verifies (cosign verify / notation verify)' };
      const listed = att === null ? '' : att ? m('attestations', { n: att }) : m('noAttestations');
      const image = target.name;
      const message = digests.length
        ? m('pulled', {
          image,
          registries: [...new Set(digests.map(registryOf))],
          digests: digests.length > 1 ? m('moreDigests', { digest: digests[0], n: digests.length - 1 }) : digests[0],
          listed,
        })
        : m('local', { image, listed });
      return {
        outcome: 'manual' as const,
        target,
        observed,
        expected,
        message,
        decidedFrom: [{ collector: 'docker' as const, pointer: `/images/${i}/RepoDigests` }, ...(att === null ? [] : [{ collector: 'docker' as const, pointer: `/images/${i}/Manifests` }])],
      };
    }),
});
