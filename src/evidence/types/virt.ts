/** Evidence from the virtualization collector (`virt`). Owned by the virt collector (issue #4). */
export interface VirtEvidence {
  [key: string]: unknown;
}
