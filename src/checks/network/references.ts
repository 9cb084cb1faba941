import { cisDocker, ref } from '../define';

/** References shared by the network checks. */
export const CIS_5_14 = cisDocker('5.14', 'Ensure that incoming container traffic is bound to a specific host interface');
export const CIS_2_2 = cisDocker('2.2', 'Ensure network traffic is restricted between containers on the default bridge');
export const CIS_2_4 = cisDocker('2.4', 'Ensure Docker is allowed to make changes to iptables');
export const ISO_A_8_20 = ref('ISO/IEC 27001:2022', 'A.8.20', 'Networks security');
export const ISO_A_8_22 = ref('ISO/IEC 27001:2022', 'A.8.22', 'Segregation of networks');
export const CAIQ_IVS_03 = ref('CSA CAIQ v4', 'IVS-03', 'Network Security');
export const MOBY_4737 = { ...ref('Other', 'moby#4737', 'Docker port mappings bypass host firewall rules (ufw)'), url: 'https://github.com/moby/moby/issues/4737' };
export const MOBY_22054 = { ...ref('Other', 'moby#22054', 'Published ports are reachable despite firewalld/ufw INPUT rules'), url: 'https://github.com/moby/moby/issues/22054' };
