/** Evidence from the storage benchmark collector (`storage`). Owned by the storage collector (issue #5). */
export interface StorageEvidence {
  [key: string]: unknown;
}
