import type { AnyCheck } from '../types';
import userns from './2.9-userns-remap';
import capabilities from './5.4-capabilities';
import privileged from './5.5-privileged';
import readOnlyRoot from './5.13-read-only-root';
import pidsLimit from './5.29-pids-limit';
import dockerSocket from './5.32-docker-socket';

/** CIS Docker Benchmark 1.6.0 checks, in benchmark order. */
export const cisChecks: readonly AnyCheck[] = [userns, capabilities, privileged, readOnlyRoot, pidsLimit, dockerSocket];
