import { ref } from '../define';

/** References shared by the virtualization checks (CAIQ v4 IVS ids from residency-facts.md §5.1). */
export const ISO_A_8_22 = ref('ISO/IEC 27001:2022', 'A.8.22', 'Segregation of networks');
export const ISO_A_5_23 = ref('ISO/IEC 27001:2022', 'A.5.23', 'Information security for use of cloud services');
export const ISO_A_5_9 = ref('ISO/IEC 27001:2022', 'A.5.9', 'Inventory of information and other associated assets');
export const ISO_A_8_9 = ref('ISO/IEC 27001:2022', 'A.8.9', 'Configuration management');
export const CAIQ_IVS_06 = ref('CSA CAIQ v4', 'IVS-06', 'Segmentation and Segregation');
export const CAIQ_IVS_04 = ref('CSA CAIQ v4', 'IVS-04', 'OS Hardening and Base Controls');
