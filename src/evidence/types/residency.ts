/** Evidence from the residency collector (`residency`): endpoints, resolution, geolocation. Issue #6. */
export interface ResidencyEvidence {
  [key: string]: unknown;
}
