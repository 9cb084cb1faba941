/**
 * Every public address is looked up in every geolocation source. Sources that have no block for the
 * address abstain; when the others name one country it is recorded (agreed, or single when only one
 * source located it); when they name different countries the location is disputed and no country is
 * chosen: a person decides, seeing every source's answer.
 */
import type { GeoSourceAnswer, GeoStatus } from '../../evidence/types/residency';
import type { ParsedIp } from '../ip-address';
import type { GeoLocator } from './types';

export interface GeoConsensus {
  /** The country every locating source names; null when none located it or they disagree. */
  country: string | null;
  status: GeoStatus;
  /** Every source's answer, in source order. */
  answers: GeoSourceAnswer[];
  /** A registration country a source gives that differs from the located one. */
  registeredCountry?: string | null;
}

export function combineAnswers(answers: GeoSourceAnswer[]): GeoConsensus {
  const located = answers.filter((a) => a.country);
  const countries = [...new Set(located.map((a) => a.country!))];
  let status: GeoStatus;
  if (countries.length === 0) status = 'not-located';
  else if (countries.length > 1) status = 'disputed';
  else status = located.length >= 2 ? 'agreed' : 'single';
  const country = countries.length === 1 ? countries[0] : null;
  const reg = answers.find((a) => a.registeredCountry && a.registeredCountry !== a.country)?.registeredCountry;
  return { country, status, answers, ...(reg ? { registeredCountry: reg } : {}) };
}

/** Look one address up in every source. */
export function lookupAll(sources: readonly GeoLocator[], ip: ParsedIp): GeoConsensus {
  const answers: GeoSourceAnswer[] = sources.map((s) => {
    const a = s.lookup(ip);
    const ans: GeoSourceAnswer = { source: s.info.id, country: a?.country ?? null };
    if (a?.registeredCountry && a.registeredCountry !== a.country) ans.registeredCountry = a.registeredCountry;
    return ans;
  });
  return combineAnswers(answers);
}

/** "geoip-lite: US; DB-IP IP to Country Lite: CA" — every source's answer, for messages. */
export function describeAnswers(answers: readonly GeoSourceAnswer[], names: ReadonlyMap<string, string> = new Map()): string {
  return answers.map((a) => `${names.get(a.source) ?? a.source}: ${a.country ?? 'no country'}`).join('; ');
}
