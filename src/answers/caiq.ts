/**
 * The questionnaire questions the tool can speak to: CSA CAIQ v4 question ids with the CCM control,
 * the ISO/IEC 27001:2022 Annex A controls they correspond to, and which findings bear on them.
 * Ids and control names are from shared/reference/residency-facts.md §5 (CCM v4.0); the question
 * texts are our own paraphrases (in the i18n catalogs), not CSA's wording.
 */
import type { Section } from '../findings/types';

export type SsrmOwner = 'csp' | 'csc' | 'shared';

export interface Question {
  /** CAIQ question id, e.g. `DSP-19.1`. */
  id: string;
  /** CCM v4 control id and name. */
  control: string;
  controlName: string;
  iso: readonly string[];
  /** Who answers it in the shared security responsibility model, for a company running its own Docker hosts. */
  owner: SsrmOwner;
  /**
   * The question asks about documents, procedures or contracts: host evidence can support it but
   * never answer it, so the answer is always Needs review (with the supporting finding ids).
   */
  procedural: boolean;
  /** Findings of these sections bear on the question. */
  sections?: readonly Section[];
  /** Findings of these check ids bear on it (exact ids). */
  controls?: readonly string[];
}

/** Container isolation from the host and from each other (CIS Docker 1.6.0 ids). */
const SEGREGATION = ['cis-2.9', 'cis-5.4', 'cis-5.5', 'cis-5.10', 'cis-5.16', 'cis-5.17', 'cis-5.21', 'cis-5.31', 'cis-5.32', 'cis-5.18', 'cis-5.22', 'cis-5.2', 'cis-5.3'];
/** Network exposure and transport protection (CIS Docker 1.6.0 ids). */
const NETWORK = ['cis-2.2', 'cis-2.5', 'cis-2.7', 'cis-2.16', 'cis-5.8', 'cis-5.9', 'cis-5.14', 'cis-5.30', 'cis-7.2', 'cis-7.3', 'cis-7.9'];

export const QUESTIONS: readonly Question[] = [
  { id: 'DSP-19.1', control: 'DSP-19', controlName: 'Data Location', iso: ['A.5.23', 'A.5.9', 'A.5.31'], owner: 'shared', procedural: false, sections: ['residency'] },
  { id: 'DSP-10.1', control: 'DSP-10', controlName: 'Sensitive Data Transfer', iso: ['A.5.14', 'A.5.31', 'A.5.34'], owner: 'shared', procedural: false, sections: ['residency'] },
  { id: 'DSP-05.1', control: 'DSP-05', controlName: 'Data Flow Documentation', iso: ['A.5.9', 'A.5.14'], owner: 'shared', procedural: true, sections: ['residency'] },
  { id: 'DSP-05.2', control: 'DSP-05', controlName: 'Data Flow Documentation', iso: ['A.5.9'], owner: 'shared', procedural: true },
  { id: 'DSP-13.1', control: 'DSP-13', controlName: 'Personal Data Sub-processing', iso: ['A.5.19', 'A.5.20', 'A.5.34'], owner: 'csp', procedural: true },
  { id: 'DSP-14.1', control: 'DSP-14', controlName: 'Disclosure of Data Sub-processors', iso: ['A.5.19', 'A.5.22'], owner: 'csp', procedural: true },
  { id: 'STA-09.1', control: 'STA-09', controlName: 'Primary Service and Contractual Agreement', iso: ['A.5.20', 'A.5.23'], owner: 'csp', procedural: true },
  { id: 'BCR-08.1', control: 'BCR-08', controlName: 'Backup', iso: ['A.8.13'], owner: 'shared', procedural: true },
  { id: 'IVS-03.1', control: 'IVS-03', controlName: 'Network Security', iso: ['A.8.20', 'A.8.21', 'A.8.22'], owner: 'shared', procedural: false, controls: NETWORK },
  { id: 'IVS-04.1', control: 'IVS-04', controlName: 'OS Hardening and Base Controls', iso: ['A.8.9', 'A.8.19'], owner: 'shared', procedural: false, sections: ['host', 'daemon', 'daemon-files', 'containers'] },
  { id: 'IVS-06.1', control: 'IVS-06', controlName: 'Segmentation and Segregation', iso: ['A.8.22', 'A.8.2'], owner: 'shared', procedural: false, sections: ['virtualization'], controls: SEGREGATION },
  { id: 'IVS-09.1', control: 'IVS-09', controlName: 'Network Defense', iso: ['A.8.20', 'A.8.16'], owner: 'shared', procedural: true, controls: NETWORK },
];
