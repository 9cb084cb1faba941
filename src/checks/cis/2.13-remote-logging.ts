import { cis } from '../docker/cis';
import { engineTarget } from '../docker/engine';
import { defineCheck } from '../define';

/** Drivers that ship logs off the host. */
const REMOTE = new Set(['syslog', 'gelf', 'fluentd', 'awslogs', 'splunk', 'gcplogs', 'logentries', 'etwlogs']);
/** Drivers that keep logs on the host only. */
const LOCAL = new Set(['json-file', 'local', 'none']);

export default defineCheck<'docker'>({
  id: 'cis.remote-logging',
  title: 'Container logs are shipped to a central log service',
  section: 'daemon',
  severity: 'medium',
  ...cis('2.13'),
  automated: true,
  requires: ['docker'],
  decidedBy:
    'Info.LoggingDriver (the daemon default "log-driver"): json-file, local and none keep logs on the host and fail; syslog, gelf, fluentd, awslogs, splunk, gcplogs pass; journald and unknown drivers need a person to confirm the logs are forwarded.',
  rationale: 'Logs kept only on the host are lost with it and can be altered by whoever compromised it; central logs survive and support incident response (and GDPR Art. 33 breach timelines).',
  remediation: 'daemon.json: { "log-driver": "syslog", "log-opts": { "syslog-address": "tcp+tls://logs.example.eu:6514" } } (or fluentd/gelf to your collector), or ship json-file logs with an agent and record that as a waiver.',
  evaluate: ({ docker }) => {
    const target = engineTarget(docker);
    const driver = docker.info.LoggingDriver;
    if (!driver) return [{ outcome: 'error', target, message: 'Not evaluated: the engine did not report its logging driver.' }];
    const observed = { LoggingDriver: driver };
    const expected = { LoggingDriver: 'a remote driver (syslog, gelf, fluentd, ...)' };
    if (REMOTE.has(driver)) return [{ outcome: 'pass', target, observed, expected, message: `Container logs go to the ${driver} driver.` }];
    if (LOCAL.has(driver)) return [{ outcome: 'fail', target, observed, expected, message: `Container logs stay on the host (${driver} driver) unless an agent ships them.` }];
    return [{ outcome: 'manual', target, observed, expected, message: `Container logs go to the ${driver} driver; confirm they are forwarded off the host.` }];
  },
});
