import type { EvidenceData } from '../../evidence/types';
import type { ContainerInspect, DockerEvidence } from '../../evidence/types/docker';
import type { HostEvidence } from '../../evidence/types/host';
import type { LocalText, Severity } from '../../findings/types';
import { defineCheck } from '../define';
import { containerName } from '../../domain/container-names';
import { containerTarget } from '../targets';
import { fill } from '../text';
import { CATALOGS, inEveryLanguage, type MessageKey } from '../../i18n';
import type { AnyCheck, CheckMeta, CheckOptions, CheckResult, DecidedFrom, Text } from '../types';
import type { RunFix } from './run-line';

/** Where the daemon's effective settings are in host evidence: its command line and daemon.json. */
export const DAEMON_SETTINGS: DecidedFrom[] = [
  { collector: 'host', pointer: '/flags' },
  { collector: 'host', pointer: '/daemonConfig' },
];

/** The verdict on one container. */
export interface ContainerVerdict {
  outcome: CheckResult['outcome'];
  observed: unknown;
  expected: unknown;
  /**
   * What was found: a template's text with `{target}` where the container goes (filled with its name
   * and, when it is not running, its state), or (not yet translated) an English predicate put after
   * the name (`is privileged.`).
   */
  message: Text;
  severity?: Severity;
  /** How this container's command line changes to pass; shown as its corrected `docker run` line. */
  fix?: RunFix;
  /** Replaces the check's remediation for this container. */
  remediation?: Text;
}

export interface ContainerEvidence {
  docker: DockerEvidence;
  host?: HostEvidence;
}

export interface ContainerCheckSpec extends Omit<CheckMeta<'docker' | 'host'>, 'requires'> {
  /** Default `['docker']`; add `'host'` when the verdict needs daemon facts only the host shows. */
  requires?: readonly ('docker' | 'host')[];
  /** null: the control does not apply to this container (no finding). */
  judge(c: ContainerInspect, ev: ContainerEvidence, options: CheckOptions): ContainerVerdict | null;
}

/** A container state as the engine reports it, in every pack language (the catalog's `container.state.*`, which the pack uses too). */
function stateText(state: string): LocalText {
  const key = `container.state.${state}`;
  return key in CATALOGS.en ? inEveryLanguage(key as MessageKey) : { en: state, nb: state };
}

/** `web` or `web (created)`: every finding says when a container is not running, because it is still judged. */
export function containerLabel(c: ContainerInspect): LocalText {
  const state = c.State?.Status ?? 'unknown';
  if (state === 'running') return { en: containerName(c), nb: containerName(c) };
  return fill({ en: '{name} ({state})', nb: '{name} ({state})' }, { name: containerName(c), state: stateText(state) });
}

/** The finding's sentence: the template's `{target}` filled with the container's name and state. */
function containerMessage(c: ContainerInspect, message: Text): LocalText {
  return fill(message, { target: containerLabel(c) });
}

/** Every container check's judge by check id: the per-container remediation re-judges with them (src/checks/docker/remediation.ts). */
export const CONTAINER_JUDGES = new Map<string, ContainerCheckSpec['judge']>();

/**
 * A section-5 style check over every container, running or not: a created or exited container can be
 * started at any time with the same settings. Failing containers get their corrected `docker run` line.
 */
export function containerCheck(spec: ContainerCheckSpec): AnyCheck {
  const { judge, requires, ...meta } = spec;
  CONTAINER_JUDGES.set(meta.id, judge);
  return defineCheck<'docker' | 'host'>({
    ...meta,
    requires: requires ?? ['docker'],
    evaluate: (ev: Pick<EvidenceData, 'docker' | 'host'>, options) =>
      ev.docker.containers.flatMap((c, i): CheckResult[] => {
        const v = judge(c, ev, options);
        if (!v) return [];
        // The corrected command is not per check: one line per container fixes all its failed controls (remediation.ts).
        const remediation = v.remediation;
        return [{
          outcome: v.outcome,
          target: containerTarget(c),
          observed: v.observed,
          expected: v.expected,
          message: containerMessage(c, v.message),
          ...(v.severity ? { severity: v.severity } : {}),
          ...(remediation ? { remediation } : {}),
          // The container's inspect record; host-backed verdicts also read the daemon's settings.
          decidedFrom: [{ collector: 'docker', pointer: `/containers/${i}` }, ...(requires?.includes('host') ? DAEMON_SETTINGS : [])],
        }];
      }),
  });
}
