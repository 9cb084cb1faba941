import type { ContainerInspect } from '../../evidence/types/docker';
import type { LocalText } from '../../findings/types';
import { joinTexts } from '../text';

/** One published port: where the host listens and which container port it forwards to. */
export interface PublishedPort {
  /** `80/tcp` */
  containerPort: string;
  /** As the engine reports it: `` (all interfaces, not started yet), `0.0.0.0`, `::`, `127.0.0.1`, ... */
  hostIp: string;
  /** Empty when the engine picks a free port at start. */
  hostPort: string;
}

/**
 * Ports a container publishes: the live bindings of a running container (which show the IPv4 and
 * IPv6 wildcards separately, and ports from `-P`), else the configured `PortBindings`.
 */
export function publishedPorts(c: ContainerInspect): PublishedPort[] {
  const live = c.State?.Running ? c.NetworkSettings?.Ports : null;
  const source = live && Object.values(live).some((v) => v && v.length) ? live : c.HostConfig.PortBindings ?? {};
  const out: PublishedPort[] = [];
  for (const [containerPort, list] of Object.entries(source ?? {})) {
    for (const b of list ?? []) out.push({ containerPort, hostIp: b.HostIp ?? '', hostPort: b.HostPort ?? '' });
  }
  return out;
}

/** `''`, `0.0.0.0` and `::` (and `[::]`) all mean "every interface"; docker-bench only knew `0.0.0.0`. */
export function isWildcard(ip: string): boolean {
  const v = ip.replace(/^\[|\]$/g, '');
  return v === '' || v === '0.0.0.0' || v === '::' || /^0*:0*:0*:0*:0*:0*:0*:0*$/.test(v) || v === '::0';
}

/** A host port the engine picks at start, in every pack language. */
const RANDOM_PORT: LocalText = { en: '(random)', nb: '(tilfeldig)' };

/** `127.0.0.1:8080->80/tcp`, `[::]:8082->80/tcp`, `*:(random)->80/tcp` in every pack language. */
export function portText(p: PublishedPort): LocalText {
  const ip = p.hostIp === '' ? '*' : p.hostIp.includes(':') ? `[${p.hostIp}]` : p.hostIp;
  const one = (random: string) => `${ip}:${p.hostPort || random}->${p.containerPort}`;
  return { en: one(RANDOM_PORT.en), nb: one(RANDOM_PORT.nb) };
}

/** A list of published ports for a message: `127.0.0.1:8080->80/tcp, *:(random)->443/tcp`. */
export function portsText(ports: readonly PublishedPort[]): LocalText {
  return joinTexts([...new Map(ports.map((p) => [portText(p).en, portText(p)])).values()]);
}

/** The English form, as recorded in `observed` (evidence values stay in one language). */
export function formatPort(p: PublishedPort): string {
  return portText(p).en;
}
