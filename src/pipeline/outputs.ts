/**
 * The files a report writes into a pack (findings, the HTML/PDF packs, answers, registers, interop
 * exports; `.nb` and other language suffixes included). One list: a new collection removes them
 * (pipeline/collect.ts) and the staging swap never carries them over from an earlier pack (pipeline/staging.ts);
 * a fleet folder's re-render removes those it did not write again (fleet/pack.ts), fleet-pack.* included.
 */
export const OUTPUT_FILE = /^(findings\.(json|sarif|junit\.xml|oscal\.json|hdf\.json)|(audit-pack|fleet-pack|answers|transfers|remediation|findings)(\.[a-z]{2})?\.(html|pdf|csv|json|xlsx|sh))$/;
