import { cis } from '../docker/cis';
import { asList, daemonSetting, daemonSettingsGap } from '../../domain/daemon-settings';
import { DAEMON_SETTINGS } from '../docker/container-check';
import { hostDaemonTarget } from '../docker/host-check';
import { defineCheck } from '../define';

/**
 * dm.basesize is a devicemapper option, and devicemapper was removed in Engine 25.0: on any other
 * driver there is no base device, so the recommendation does not apply (dockerd refuses dm.* options
 * for other drivers anyway).
 */
export default defineCheck<'docker' | 'host'>({
  id: 'cis.dm-basesize',
  title: 'The base device size is left at its default',
  section: 'daemon',
  severity: 'low',
  ...cis('2.11'),
  automated: true,
  requires: ['docker', 'host'],
  decidedBy:
    'Only for the devicemapper storage driver (Info.Driver; removed in Engine 25.0), otherwise not applicable: the effective storage options, --storage-opt or ' +
    '"storage-opts" in daemon.json, must not contain dm.basesize.',
  rationale: 'A larger base device lets each container write more before it is stopped; raised without need it weakens the disk-exhaustion guard.',
  remediation: 'Remove dm.basesize from "storage-opts" in daemon.json unless a workload needs it, and record why; better, move off devicemapper to overlay2 (see the devicemapper control).',
  evaluate: ({ docker, host }) => {
    // The daemon as host evidence names it, as before this check also read the engine's driver.
    const target = hostDaemonTarget(host);
    const driver = docker.info.Driver;
    if (!driver) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its storage driver (Info.Driver).' }];
    if (driver !== 'devicemapper') {
      return [{
        outcome: 'not-applicable',
        target,
        observed: { Driver: driver },
        decidedFrom: [{ collector: 'docker', pointer: '/info/Driver' }],
        message: `The daemon uses the ${driver} storage driver; dm.basesize only exists for devicemapper (removed in Engine 25.0).`,
      }];
    }
    const gap = daemonSettingsGap(host);
    if (gap) return [{ outcome: 'error', target, message: `Not evaluated: ${gap}.`, observed: { Driver: driver, daemon: host.daemon?.pid ?? null, config: host.daemonConfig.path } }];
    const s = daemonSetting(host, 'storage-opt');
    const opts = asList(s.value);
    const base = opts.filter((o) => /^dm\.basesize=/.test(o));
    const observed = { Driver: driver, 'storage-opts': opts, source: s.where };
    const expected = { 'storage-opts': 'no dm.basesize' };
    const decidedFrom = [{ collector: 'docker' as const, pointer: '/info/Driver' }, ...DAEMON_SETTINGS];
    return [base.length
      ? { outcome: 'warn', target, observed, expected, decidedFrom, message: `The base device size is changed (${base.join(', ')}); confirm a workload needs it.` }
      : { outcome: 'pass', target, observed, expected, decidedFrom, message: 'The base device size is not changed.' }];
  },
});
