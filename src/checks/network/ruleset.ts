import type { CommandRecord, NetworkEvidence } from '../../evidence/types/network';
import { dumpVariant, parseIptablesSave } from './iptables-save';
import { parseNftJson } from './nft-json';
import { IPTABLES_NFT_TABLES, type Family, type Ruleset, type Table } from './rules';

/** `ipset save` → set name → member CIDRs. */
export function parseIpsetSave(text: string): Map<string, string[]> {
  const sets = new Map<string, string[]>();
  for (const line of text.split('\n')) {
    const f = line.trim().split(/\s+/);
    if (f[0] === 'create' && f[1]) sets.set(f[1], sets.get(f[1]) ?? []);
    if (f[0] === 'add' && f[1] && f[2]) (sets.get(f[1]) ?? sets.set(f[1], []).get(f[1])!).push(f[2]);
  }
  return sets;
}

export interface RulesetRead {
  ruleset: Ruleset;
  /** Per family: whether the rules are known, and if not why. */
  known: Record<Family, { ok: boolean; why?: string }>;
  /** The dumps the ruleset was built from, by command line. */
  sources: string[];
  /** Parse problems: a dump that could not be read as rules makes that family unknown. */
  errors: string[];
}

function byCommand(ev: NetworkEvidence, cmd: string): CommandRecord | undefined {
  return ev.filters.find((f) => f.command === cmd);
}

function why(records: (CommandRecord | undefined)[]): string {
  return records.filter((r): r is CommandRecord => !!r).map((r) => `${r.command}: ${r.detail ?? r.status}`).join('; ');
}

/**
 * The host's effective rules from the recorded dumps: legacy iptables and iptables-nft are separate
 * kernel tables and both apply; native nftables tables (Docker 29's `docker-bridges`, firewalld, an
 * nftables.conf) come from `nft -j`, without the tables iptables-nft already rendered.
 */
export function rulesetFromEvidence(ev: NetworkEvidence): RulesetRead {
  const tables: Table[] = [];
  const sources: string[] = [];
  const errors: string[] = [];
  const nftRead: Record<Family, boolean> = { 4: false, 6: false };
  const anyRead: Record<Family, boolean> = { 4: false, 6: false };
  for (const [fam, base] of [[4, 'iptables'], [6, 'ip6tables']] as const) {
    const plain = byCommand(ev, `${base}-save`);
    const legacy = byCommand(ev, `${base}-legacy-save`);
    const nft = byCommand(ev, `${base}-nft-save`);
    const plainVariant = plain?.status === 'read' ? dumpVariant(plain.stdout ?? '') ?? (plain.stdout?.trim() ? 'legacy' : null) : null;
    const pick: CommandRecord[] = [];
    if (legacy?.status === 'read') pick.push(legacy);
    else if (plain?.status === 'read' && plainVariant === 'legacy') pick.push(plain);
    if (nft?.status === 'read') pick.push(nft);
    else if (plain?.status === 'read' && plainVariant === 'nft') pick.push(plain);
    // An empty iptables-save (no table loaded) still says "no rules" for its variant.
    if (!pick.length && plain?.status === 'read') pick.push(plain);
    for (const rec of pick) {
      try {
        tables.push(...parseIptablesSave(rec.stdout ?? '', fam, rec.command));
        sources.push(rec.command);
        anyRead[fam] = true;
        if (rec === nft || (rec === plain && plainVariant === 'nft')) nftRead[fam] = true;
      } catch (err) {
        errors.push((err as Error).message);
      }
    }
  }
  const nftJson = ev.filters.find((f) => f.command.startsWith('nft '));
  let nftOk = false;
  if (nftJson?.status === 'read') {
    try {
      tables.push(...parseNftJson(nftJson.stdout ?? '', nftJson.command, (family, name) =>
        IPTABLES_NFT_TABLES.has(name) && ((family === 'ip' && nftRead[4]) || (family === 'ip6' && nftRead[6]))));
      sources.push(nftJson.command);
      nftOk = true;
    } catch (err) {
      errors.push((err as Error).message);
    }
  }
  const ipset = ev.filters.find((f) => f.command.startsWith('ipset '));
  const ipsets = ipset?.status === 'read' ? parseIpsetSave(ipset.stdout ?? '') : new Map<string, string[]>();
  const known = {} as RulesetRead['known'];
  for (const [fam, base] of [[4, 'iptables'], [6, 'ip6tables']] as const) {
    const ok = (anyRead[fam] || nftOk) && errors.length === 0;
    known[fam] = ok
      ? { ok }
      : { ok, why: errors.length ? errors.join('; ') : why([byCommand(ev, `${base}-save`), byCommand(ev, `${base}-nft-save`), byCommand(ev, `${base}-legacy-save`), nftJson]) };
  }
  return { ruleset: { tables, ipsets }, known, sources, errors };
}
