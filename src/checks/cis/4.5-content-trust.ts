import type { ImageInspect } from '../../evidence/types/docker';
import { cis } from '../docker/cis';
import { defineCheck } from '../define';
import { imageTarget } from '../targets';

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
  decidedBy:
    'CIS 4.5 asks for Docker Content Trust, which Docker has retired, so this check does not. For each image it reports what the engine shows about provenance: ' +
    'RepoDigests (pulled from a registry by digest) or none (built or imported on this host), and attestation manifests (build provenance, SBOM) where the engine lists them ' +
    '(newer engines with the containerd image store). Signatures made with cosign or Notation are stored in the registry as OCI referrers, which the Engine API does not show, ' +
    'so a person confirms that the pipeline verifies them.',
  rationale:
    'Knowing where an image came from, and that it is the image its publisher signed, is what stops a compromised registry or mirror from swapping it. Docker Content Trust ' +
    'used to do this for Docker Hub; since its retirement image signing is done with Sigstore cosign or Notation.',
  remediation:
    'Do not turn on Docker Content Trust: Docker retired it in 2025, the DCT signatures of Docker Official Images expired from 8 August 2025 (so enforcing it now makes their pulls fail) ' +
    'and notary.docker.io is being shut down. Sign images where they are built (cosign sign, notation sign), verify them in the pipeline and at admission ' +
    '(cosign verify, notation verify) and fail the deployment when verification fails; deploy by digest (image@sha256:…) so the verified image is the one that runs.',
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
      const listed = att === null ? '' : att ? `; the engine lists ${att} attestation manifest(s) with it, which it does not verify` : '; the engine lists no attestation manifest for it';
      const message = digests.length
        ? `${target.name}: pulled from ${[...new Set(digests.map(registryOf))].join(', ')} by digest (${digests[0]}${digests.length > 1 ? ` and ${digests.length - 1} more` : ''})${listed}. ` +
          'Docker Content Trust is retired and the engine shows no cosign or Notation signature: a person confirms the pipeline verifies this digest before it is deployed.'
        : `${target.name}: no registry digest, so it was built or imported on this host and has no registry provenance${listed}. ` +
          'Docker Content Trust is retired and the engine shows no signature: a person confirms the pipeline that builds it signs it and the deployment verifies that signature.';
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
