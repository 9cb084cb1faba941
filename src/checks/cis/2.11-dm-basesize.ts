import { cis } from '../docker/cis';
import { asList, daemonSetting } from '../../domain/daemon-settings';
import { DAEMON_SETTINGS } from '../docker/container-check';
import { hostDaemonTarget } from '../docker/host-check';
import { settingsGapText } from '../docker/setting-text';
import { defineCheck } from '../define';
import { templates } from '../text';

const m = templates({
  unknown: {
    en: 'Not evaluated: the engine did not report its storage driver (Info.Driver).',
    nb: 'Ikke vurdert: motoren oppga ikke lagringsdriveren sin (Info.Driver).',
  },
  otherDriver: {
    en: 'The daemon uses the {driver} storage driver; dm.basesize only exists for devicemapper (removed in Engine 25.0).',
    nb: 'Daemonen bruker lagringsdriveren {driver}; dm.basesize finnes bare med devicemapper (fjernet i Engine 25.0).',
  },
  notEvaluated: { en: 'Not evaluated: {gap}.', nb: 'Ikke vurdert: {gap}.' },
  changed: {
    en: 'The base device size is changed ({options}); confirm a workload needs it.',
    nb: 'Størrelsen på grunnenheten er endret ({options}); bekreft at en arbeidslast trenger det.',
  },
  unchanged: { en: 'The base device size is not changed.', nb: 'Størrelsen på grunnenheten er ikke endret.' },
});

/**
 * dm.basesize is a devicemapper option, and devicemapper was removed in Engine 25.0: on any other
 * driver there is no base device, so the recommendation does not apply (dockerd refuses dm.* options
 * for other drivers anyway).
 */
export default defineCheck<'docker' | 'host'>({
  id: 'cis.dm-basesize',
  title: { en: 'The base device size is left at its default', nb: 'Størrelsen på grunnenheten (dm.basesize) står på standardverdien' },
  section: 'daemon',
  severity: 'low',
  ...cis('2.11'),
  automated: true,
  requires: ['docker', 'host'],
  messages: m.templates,
  decidedBy: {
    en:
      'Only for the devicemapper storage driver (Info.Driver; removed in Engine 25.0), otherwise not applicable: the effective storage options, --storage-opt or ' +
      '"storage-opts" in daemon.json, must not contain dm.basesize.',
    nb:
      'Gjelder bare lagringsdriveren devicemapper (Info.Driver; fjernet i Engine 25.0), ellers ikke relevant: de effektive lagringsvalgene, --storage-opt eller ' +
      '"storage-opts" i daemon.json, skal ikke inneholde dm.basesize.',
  },
  rationale: {
    en: 'A larger base device lets each container write more before it is stopped; raised without need it weakens the disk-exhaustion guard.',
    nb: 'En større grunnenhet lar hver container skrive mer før den stoppes; økes den uten behov, svekkes vernet mot at disken blir full.',
  },
  remediation: {
    en: 'Remove dm.basesize from "storage-opts" in daemon.json unless a workload needs it, and record why; better, move off devicemapper to overlay2 (see the devicemapper control).',
    nb: 'Fjern dm.basesize fra "storage-opts" i daemon.json med mindre en arbeidslast trenger den, og dokumenter hvorfor; enda bedre er å gå fra devicemapper til overlay2 (se kontrollen av devicemapper).',
  },
  evaluate: ({ docker, host }) => {
    // The daemon as host evidence names it, as before this check also read the engine's driver.
    const target = hostDaemonTarget(host);
    const driver = docker.info.Driver;
    if (!driver) return [{ outcome: 'error', target, message: m('unknown') }];
    if (driver !== 'devicemapper') {
      return [{
        outcome: 'not-applicable',
        target,
        observed: { Driver: driver },
        decidedFrom: [{ collector: 'docker', pointer: '/info/Driver' }],
        message: m('otherDriver', { driver }),
      }];
    }
    const gap = settingsGapText(host);
    if (gap) return [{ outcome: 'error', target, message: m('notEvaluated', { gap }), observed: { Driver: driver, daemon: host.daemon?.pid ?? null, config: host.daemonConfig.path } }];
    const s = daemonSetting(host, 'storage-opt');
    const opts = asList(s.value);
    const base = opts.filter((o) => /^dm\.basesize=/.test(o));
    const observed = { Driver: driver, 'storage-opts': opts, source: s.where };
    const expected = { 'storage-opts': 'no dm.basesize' };
    const decidedFrom = [{ collector: 'docker' as const, pointer: '/info/Driver' }, ...DAEMON_SETTINGS];
    return [base.length
      ? { outcome: 'warn', target, observed, expected, decidedFrom, message: m('changed', { options: base }) }
      : { outcome: 'pass', target, observed, expected, decidedFrom, message: m('unchanged') }];
  },
});
