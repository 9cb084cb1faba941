import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';
import { templates } from '../text';

/** Drivers that ship logs off the host. */
const REMOTE = new Set(['syslog', 'gelf', 'fluentd', 'awslogs', 'splunk', 'gcplogs', 'logentries', 'etwlogs']);
/** Drivers that keep logs on the host only. */
const LOCAL = new Set(['json-file', 'local', 'none']);

const m = templates({
  unknown: { en: 'Not evaluated: the engine did not report its logging driver.', nb: 'Ikke vurdert: motoren oppga ikke loggdriveren sin.' },
  remote: { en: 'Container logs go to the {driver} driver.', nb: 'Containerlogger går til driveren {driver}.' },
  local: {
    en: 'Container logs stay on the host ({driver} driver) unless an agent ships them.',
    nb: 'Containerlogger blir liggende på verten (driveren {driver}) med mindre en agent sender dem videre.',
  },
  other: {
    en: 'Container logs go to the {driver} driver; confirm they are forwarded off the host.',
    nb: 'Containerlogger går til driveren {driver}; bekreft at de videresendes ut av verten.',
  },
});

export default defineCheck<'docker'>({
  id: 'cis.remote-logging',
  title: { en: 'Container logs are shipped to a central log service', nb: 'Containerlogger sendes til en sentral loggtjeneste' },
  section: 'daemon',
  severity: 'medium',
  ...cis('2.13'),
  automated: true,
  requires: ['docker'],
  messages: m.templates,
  decidedBy: {
    en: 'Info.LoggingDriver (the daemon default "log-driver"): json-file, local and none keep logs on the host and fail; syslog, gelf, fluentd, awslogs, splunk, gcplogs pass; journald and unknown drivers need a person to confirm the logs are forwarded.',
    nb: 'Info.LoggingDriver (daemonens standard "log-driver"): json-file, local og none beholder loggene på verten og består ikke; syslog, gelf, fluentd, awslogs, splunk og gcplogs består; ved journald og ukjente drivere må en person bekrefte at loggene videresendes.',
  },
  rationale: {
    en: 'Logs kept only on the host are lost with it and can be altered by whoever compromised it; central logs survive and support incident response (and GDPR Art. 33 breach timelines).',
    nb: 'Logger som bare ligger på verten, går tapt sammen med den og kan endres av den som har kompromittert den; sentrale logger overlever og støtter hendelseshåndteringen (og fristene for å melde brudd etter personvernforordningen art. 33).',
  },
  remediation: {
    en: 'daemon.json: { "log-driver": "syslog", "log-opts": { "syslog-address": "tcp+tls://logs.example.eu:6514" } } (or fluentd/gelf to your collector), or ship json-file logs with an agent and record that as a waiver.',
    nb: 'daemon.json: { "log-driver": "syslog", "log-opts": { "syslog-address": "tcp+tls://logs.example.eu:6514" } } (eller fluentd/gelf til deres egen logginnsamler), eller send json-file-loggene videre med en agent og registrer det som et unntak.',
  },
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const driver = docker.info.LoggingDriver;
    if (!driver) return [{ outcome: 'error', target, message: m('unknown') }];
    const observed = { LoggingDriver: driver };
    const expected = { LoggingDriver: 'a remote driver (syslog, gelf, fluentd, ...)' };
    if (REMOTE.has(driver)) return [{ outcome: 'pass', target, observed, expected, message: m('remote', { driver }) }];
    if (LOCAL.has(driver)) return [{ outcome: 'fail', target, observed, expected, message: m('local', { driver }) }];
    return [{ outcome: 'manual', target, observed, expected, message: m('other', { driver }) }];
  },
});
