/**
 * One rule model for every packet-filter source (iptables-save text, `nft -j` JSON), so one evaluator
 * decides for legacy iptables, iptables-nft and native nftables alike. A match or verdict the parsers do
 * not understand is kept as `unknown` with its text: the evaluator then reports the rule, never guesses.
 */

export type Family = 4 | 6;
export type Hook = 'prerouting' | 'input' | 'forward' | 'output' | 'postrouting';

export type Match =
  | { kind: 'iface'; dir: 'in' | 'out'; names: string[]; negate: boolean }
  | { kind: 'addr'; dir: 'src' | 'dst'; cidrs: string[]; negate: boolean }
  | { kind: 'proto'; protos: string[]; negate: boolean }
  | { kind: 'port'; dir: 'src' | 'dst'; ranges: [number, number][]; negate: boolean }
  | { kind: 'ctstate'; states: string[]; negate: boolean }
  /** conntrack original-direction tuple: `--ctorigdstport`, `--ctorigdst`, `ct original proto-dst`. */
  | { kind: 'ctorig'; field: 'dst' | 'src' | 'dstport' | 'srcport'; values: string[]; negate: boolean }
  | { kind: 'addrtype'; dir: 'src' | 'dst'; types: string[]; negate: boolean; limitIn?: boolean }
  | { kind: 'ipset'; name: string; dirs: ('src' | 'dst')[]; negate: boolean }
  /** A TCP SYN without ACK (`--syn`, `tcp flags syn`): true for the new connections modelled here. */
  | { kind: 'syn'; negate: boolean }
  | { kind: 'unknown'; text: string };

export type Verdict =
  | { kind: 'accept' | 'drop' | 'reject' | 'return' | 'continue' }
  | { kind: 'jump' | 'goto'; chain: string }
  | { kind: 'dnat'; addr?: string; port?: number }
  /** nft verdict map keyed by the in/out interface name (Docker 29: `oifname vmap @filter-forward-in-jumps`). */
  | { kind: 'vmap'; key: 'iif' | 'oif'; map: string }
  | { kind: 'unknown'; text: string };

export interface Rule {
  matches: Match[];
  verdict: Verdict;
  /** The rule as the source printed it (iptables-save line, or an nft rendering). */
  text: string;
}

export interface Chain {
  name: string;
  /** Base chains: where they hook in and their policy. */
  hook?: Hook;
  priority?: number;
  /** nft chain type (`filter`, `nat`, `route`); iptables: the table name. */
  type?: string;
  policy?: 'accept' | 'drop';
  rules: Rule[];
}

export interface Table {
  /** Which packets the table sees: `inet` tables see both. */
  families: Family[];
  name: string;
  /** Where the table came from: `iptables-nft-save`, `ip6tables-legacy-save`, `nft -j list ruleset`. */
  source: string;
  chains: Map<string, Chain>;
  /** nft verdict maps: map name → interface name → verdict. */
  maps: Map<string, Map<string, Verdict>>;
}

/** The rules of one host: every table of every source, plus ipset members. */
export interface Ruleset {
  tables: Table[];
  /** ipset name → member CIDRs (`ipset save`); absent set = unknown members. */
  ipsets: Map<string, string[]>;
}

/** Built-in iptables chains: hook and priority (NF_IP_PRI_*), so iptables and nft chains run in kernel order. */
export const IPTABLES_HOOKS: Record<string, Partial<Record<string, { hook: Hook; priority: number }>>> = {
  raw: { PREROUTING: { hook: 'prerouting', priority: -300 }, OUTPUT: { hook: 'output', priority: -300 } },
  mangle: {
    PREROUTING: { hook: 'prerouting', priority: -150 },
    INPUT: { hook: 'input', priority: -150 },
    FORWARD: { hook: 'forward', priority: -150 },
    OUTPUT: { hook: 'output', priority: -150 },
    POSTROUTING: { hook: 'postrouting', priority: -150 },
  },
  nat: {
    PREROUTING: { hook: 'prerouting', priority: -100 },
    INPUT: { hook: 'input', priority: 100 },
    OUTPUT: { hook: 'output', priority: -100 },
    POSTROUTING: { hook: 'postrouting', priority: 100 },
  },
  filter: { INPUT: { hook: 'input', priority: 0 }, FORWARD: { hook: 'forward', priority: 0 }, OUTPUT: { hook: 'output', priority: 0 } },
  security: { INPUT: { hook: 'input', priority: 50 }, FORWARD: { hook: 'forward', priority: 50 }, OUTPUT: { hook: 'output', priority: 50 } },
};

/** Tables iptables-nft owns inside nftables; `nft -j` shows them too, so they are read once, from iptables-nft-save. */
export const IPTABLES_NFT_TABLES = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);
