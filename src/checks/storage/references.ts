import { ref } from '../define';

/** References shared by the storage checks. */
export const ISO_A_8_6 = ref('ISO/IEC 27001:2022', 'A.8.6', 'Capacity management');
export const ISO_A_8_14 = ref('ISO/IEC 27001:2022', 'A.8.14', 'Redundancy of information processing facilities');
export const GDPR_32_1_B = ref('GDPR', 'Art. 32(1)(b)', 'Ongoing availability and resilience of processing systems');
/** Where the typical figures per storage class come from (src/checks/storage/typical-figures.ts). */
export const STORAGE_CLASS_FIGURES = ref('Other', 'Typical storage figures', 'Published specifications: SSD and HDD vendor data sheets, cloud provider block-storage documentation');
