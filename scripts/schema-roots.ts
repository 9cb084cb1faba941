/**
 * Root types for scripts/generate-schemas.ts that the code itself never names. The generator cannot
 * start from a generic type, so the evidence envelope is given here with its data left open
 * (`unknown`): each collector's data has its own schema, checked after the envelope.
 */
import type { EvidenceFile } from '../src/evidence/types';

export type EvidenceEnvelope = EvidenceFile;
