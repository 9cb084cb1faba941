import { ref } from '../define';
import type { Reference } from '../../findings/types';

const GDPR_URL = 'https://eur-lex.europa.eu/eli/reg/2016/679/oj';

export const GDPR_44: Reference = { ...ref('GDPR', 'Art. 44', 'General principle for transfers'), url: GDPR_URL };
export const GDPR_45: Reference = { ...ref('GDPR', 'Art. 45', 'Transfers on the basis of an adequacy decision'), url: GDPR_URL };
export const GDPR_46: Reference = { ...ref('GDPR', 'Art. 46', 'Transfers subject to appropriate safeguards'), url: GDPR_URL };
export const GDPR_48: Reference = { ...ref('GDPR', 'Art. 48', 'Transfers or disclosures not authorised by Union law'), url: GDPR_URL };
export const GDPR_49: Reference = { ...ref('GDPR', 'Art. 49', 'Derogations for specific situations'), url: GDPR_URL };
export const CAIQ_DSP_19 = ref('CSA CAIQ v4', 'DSP-19', 'Data Location');
export const CAIQ_DSP_05 = ref('CSA CAIQ v4', 'DSP-05', 'Data Flow Documentation');
export const CAIQ_DSP_10 = ref('CSA CAIQ v4', 'DSP-10', 'Sensitive Data Transfer');
export const CAIQ_DSP_13 = ref('CSA CAIQ v4', 'DSP-13', 'Personal Data Sub-processing');
export const ISO_5_14 = ref('ISO/IEC 27001:2022', 'A.5.14', 'Information transfer');
export const ISO_5_23 = ref('ISO/IEC 27001:2022', 'A.5.23', 'Information security for use of cloud services');
export const ISO_5_34 = ref('ISO/IEC 27001:2022', 'A.5.34', 'Privacy and protection of PII');
export const DATATILSYNET_TRANSFERS: Reference = {
  ...ref('Datatilsynet', 'Overføring ut av EØS', 'Transfers of personal data out of the EEA'),
  url: 'https://www.datatilsynet.no/rettigheter-og-plikter/virksomhetenes-plikter/overforing-av-personopplysninger-ut-av-eos/',
};
export const DATATILSYNET_EEA_CLOUD: Reference = {
  ...ref('Datatilsynet', 'Behandlet i EØS', 'Personal data processed only in the EEA, including cloud services'),
  url: 'https://www.datatilsynet.no/rettigheter-og-plikter/virksomhetenes-plikter/overforing-av-personopplysninger-ut-av-eos/personopplysninger-utelukkende-behandlet-i-eos/',
};
