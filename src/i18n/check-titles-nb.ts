/**
 * Norwegian titles for check ids, phrased as the state the control wants (like the English titles).
 * CIS ids follow CIS Docker Benchmark 1.6.0 numbering, so their meaning is fixed by the benchmark.
 * Checks 1.6.0 does not have are keyed by their check id.
 * A check without an entry here keeps its English title in the Norwegian pack.
 */
export const CHECK_TITLES_NB: Readonly<Record<string, string>> = {
  // cis-5.5 has its own nb title; this entry stays while test/i18n/catalog.test.ts checks checkTitle() with it.
  'cis-5.5': 'Containere kjører uten privilegier',
  'network-port-exposure': 'Publiserte porter kan bare nås der de er ment å kunne nås',
  'network-firewall-bypass': 'Ingen brannmurregel på verten later som den blokkerer en port Docker likevel videresender',
  'network-ipv6-exposure': 'Publiserte porter er ikke åpne over IPv6 bak ryggen på IPv4-brannmuren',
  'network-icc': 'Containere på standardbroen når ikke hverandre (kontrollert i reglene)',
};
