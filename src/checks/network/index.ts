import type { AnyCheck } from '../types';
import firewallBypass from './firewall-bypass';
import icc from './icc';
import ipv6Exposure from './ipv6-exposure';
import portExposure from './port-exposure';

/** Network exposure checks (issue #16), in pack order: where each port is reachable, the firewall's blind spot, IPv6, ICC. */
export const networkChecks: readonly AnyCheck[] = [portExposure, firewallBypass, ipv6Exposure, icc];
