import { ref } from '../define';

/** References shared by the storage checks. */
export const ISO_A_8_6 = ref('ISO/IEC 27001:2022', 'A.8.6', 'Capacity management');
export const ISO_A_8_14 = ref('ISO/IEC 27001:2022', 'A.8.14', 'Redundancy of information processing facilities');
export const GDPR_32_1_B = ref('GDPR', 'Art. 32(1)(b)', 'Ongoing availability and resilience of processing systems');
export const SEED_CLAIM = ref('Other', 'seed: docker-hardening-2015', 'Benchmark: SATA vs NVMe (random-read IOPS, container boot time)');
