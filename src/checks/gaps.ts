/**
 * Partial evidence is never silent: a container, image or network the engine listed but the collector
 * could not inspect (docker evidence `uninspected`) would have been read by every check that reads
 * objects of its kind. The runner watches which lists of the docker evidence a check reads and adds
 * one `error` finding per uninspected object of those kinds, so each gap shows where it matters.
 */
import type { DockerEvidence, InspectedKind, UninspectedObject } from '../evidence/types/docker';
import type { LocalText } from '../findings/types';
import type { CheckResult } from './types';

/** The docker evidence list that holds each kind of inspected object. */
const LIST_OF: Record<string, InspectedKind> = { containers: 'container', images: 'image', networks: 'network' };

const KIND_TEXT: Record<InspectedKind, LocalText> = {
  container: { en: 'container', nb: 'containeren' },
  image: { en: 'image', nb: 'imaget' },
  network: { en: 'network', nb: 'nettverket' },
};

export interface ReadWatch {
  /** The docker evidence to give the check: the same data, with reads of its lists noted. */
  docker: DockerEvidence;
  /** Kinds of object whose list the check read. */
  read: Set<InspectedKind>;
}

/** The evidence's uninspected objects, or none (evidence of collectors before 1.1.0 has no such list). */
export function uninspectedOf(docker: DockerEvidence | null | undefined): UninspectedObject[] {
  return Array.isArray(docker?.uninspected) ? docker.uninspected : [];
}

/** Wrap docker evidence so that reading `containers`, `images` or `networks` is recorded. */
export function watchReads(docker: DockerEvidence): ReadWatch {
  const read = new Set<InspectedKind>();
  const view = new Proxy(docker, {
    get(target, prop, receiver) {
      if (typeof prop === 'string' && prop in LIST_OF) read.add(LIST_OF[prop]);
      return Reflect.get(target, prop, receiver) as unknown;
    },
  });
  return { docker: view, read };
}

/** One `error` result per uninspected object of a kind the check read, naming the object and why. */
export function gapResults(missing: readonly UninspectedObject[], read: ReadonlySet<InspectedKind>): CheckResult[] {
  const out: CheckResult[] = [];
  missing.forEach((m, i) => {
    if (!read.has(m.kind)) return;
    const kind = KIND_TEXT[m.kind];
    out.push({
      outcome: 'error',
      target: { kind: m.kind, id: m.id, name: m.name, ...(m.state ? { state: m.state } : {}) },
      observed: { inspected: false, reason: m.reason },
      expected: { inspected: true },
      message: {
        en: `Could not inspect ${kind.en} ${m.name}: ${m.reason}. This check could not judge it.`,
        nb: `Kunne ikke inspisere ${kind.nb} ${m.name}: ${m.reason}. Denne kontrollen kunne ikke vurdere den.`,
      },
      decidedFrom: [{ collector: 'docker', pointer: `/uninspected/${i}` }],
    });
  });
  return out;
}
