import { auditRuleCheck } from '../docker/host-check';
import { cis } from '../docker/cis';
import { auditPath } from '../docker/host-files';
import { auditTexts, SELECTION_MESSAGES, WORDS } from '../docker/host-texts';
import { templates } from '../text';

const m = templates({
  noServiceUnit: {
    en: 'dockerd (pid {pid}) was not started by systemd (parent: {parent}), so no service unit is in effect.',
    nb: 'dockerd (pid {pid}) ble ikke startet av systemd (foreldreprosess: {parent}), så ingen tjenesteenhet er i bruk.',
  },
  unitNotFound: {
    en: 'Not evaluated: the unit file of {unit} was not found in the systemd search path.',
    nb: 'Ikke vurdert: enhetsfilen til {unit} ble ikke funnet i søkestien til systemd.',
  },
});

export default auditRuleCheck({
  id: 'cis.audit-docker-service',
  title: { en: 'Changes to the docker.service unit are recorded by auditd', nb: 'docker.service overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cis('1.1.7'),
  automated: true,
  messages: m.templates,
  ...auditTexts({
    subject: { en: 'the docker.service unit', nb: 'systemd-enheten docker.service' },
    path: {
      en: 'The unit file of the service systemd really runs dockerd in (from /proc/<pid>/cgroup); not applicable when systemd did not start the daemon',
      nb: 'enhetsfilen til tjenesten systemd faktisk kjører dockerd i (fra /proc/<pid>/cgroup); ikke relevant når systemd ikke startet daemonen',
    },
  }),
  watch: (host) => {
    const d = host.daemon;
    if (!d) return { outcome: 'error', message: SELECTION_MESSAGES('noDaemonSystemd') };
    if (!host.systemd.startedBySystemd) return { outcome: 'not-applicable', message: m('noServiceUnit', { pid: String(d.pid), parent: d.parentCommand ?? WORDS.unknown }) };
    const unit = host.systemd.units.find((u) => u.name === d.systemdUnit);
    if (!unit) return { outcome: 'error', message: m('unitNotFound', { unit: d.systemdUnit ?? WORDS.unknown }) };
    return auditPath(unit.file, `unit of ${unit.name}`);
  },
});
