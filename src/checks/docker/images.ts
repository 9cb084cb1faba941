import type { ContainerInspect, DockerEvidence, ImageInspect } from '../../evidence/types/docker';

/** `nginx` → `nginx:latest`; `registry:5000/app` → `registry:5000/app:latest`; digests unchanged. */
export function normalizeRef(ref: string): string {
  if (ref.includes('@')) return ref;
  const lastSlash = ref.lastIndexOf('/');
  return ref.slice(lastSlash + 1).includes(':') ? ref : `${ref}:latest`;
}

/** Image history steps as written (`RUN ...`, `ADD ...`), oldest first, without the `/bin/sh -c #(nop)` wrapper. */
export function historySteps(img: ImageInspect): string[] {
  return [...(img.History ?? [])]
    .reverse()
    .map((h) => (h.CreatedBy ?? '').replace(/^\/bin\/sh -c #\(nop\)\s*/, '').replace(/^\/bin\/sh -c\s+/, 'RUN ').replace(/\s*# buildkit$/, '').trim())
    .filter(Boolean);
}

/** Images that some container (running or not) was created from. */
export function imagesInUse(docker: DockerEvidence): Set<string> {
  return new Set(docker.containers.map((c: ContainerInspect) => c.Image ?? '').filter(Boolean));
}
