import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';
import { templates } from '../text';

const m = templates({
  noTcp: { en: 'The daemon listens on no TCP address.', nb: 'Daemonen lytter ikke på noen TCP-adresse.' },
  verified: { en: 'The daemon listens on {hosts} and requires client certificates.', nb: 'Daemonen lytter på {hosts} og krever klientsertifikater.' },
  unverified: {
    en: 'The daemon listens on {hosts} with TLS but does not verify client certificates: any client can use it.',
    nb: 'Daemonen lytter på {hosts} med TLS, men verifiserer ikke klientsertifikater: enhver klient kan bruke den.',
  },
  plain: {
    en: 'The daemon listens on {hosts} without TLS: anyone who reaches the port controls the host.',
    nb: 'Daemonen lytter på {hosts} uten TLS: alle som når porten, styrer verten.',
  },
});

export default daemonConfigCheck({
  id: 'cis.tls-auth',
  title: { en: 'A daemon listening on TCP requires TLS client certificates', nb: 'En daemon som lytter på TCP, krever TLS-klientsertifikater' },
  section: 'daemon',
  severity: 'critical',
  ...cis('2.7'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'TCP addresses among the daemon\'s -H / "hosts"; when there are any, --tlsverify with tlscacert, tlscert and tlskey must be in effect. --tls without verify does not authenticate clients. No TCP address: not applicable.',
    nb: 'TCP-adresser blant daemonens -H / "hosts"; finnes det noen, må --tlsverify med tlscacert, tlscert og tlskey være i kraft. --tls uten verifisering autentiserer ikke klientene. Ingen TCP-adresse: ikke relevant.',
  },
  rationale: {
    en: 'The Docker API is root on the host; on a TCP port without client-certificate authentication anyone who reaches the port owns the machine.',
    nb: 'Docker-API-et gir root på verten; på en TCP-port uten autentisering med klientsertifikat har alle som når porten, full kontroll over maskinen.',
  },
  remediation: {
    en: 'daemon.json: { "tlsverify": true, "tlscacert": "/etc/docker/tls/ca.pem", "tlscert": "/etc/docker/tls/server-cert.pem", "tlskey": "/etc/docker/tls/server-key.pem", "hosts": ["unix:///var/run/docker.sock", "tcp://<address>:2376"] }, or drop the TCP address and use SSH (DOCKER_HOST=ssh://user@host).',
    nb: 'daemon.json: { "tlsverify": true, "tlscacert": "/etc/docker/tls/ca.pem", "tlscert": "/etc/docker/tls/server-cert.pem", "tlskey": "/etc/docker/tls/server-key.pem", "hosts": ["unix:///var/run/docker.sock", "tcp://<address>:2376"] }, eller fjern TCP-adressen og bruk SSH (DOCKER_HOST=ssh://user@host).',
  },
  judge: (host) => {
    const tcp = host.tcpHosts;
    if (tcp.length === 0) return { outcome: 'not-applicable', observed: { tcpHosts: [] }, message: m('noTcp') };
    const verify = truthy(daemonSetting(host, 'tlsverify').value);
    const tls = truthy(daemonSetting(host, 'tls').value);
    const files = { tlscacert: host.tls.ca?.path ?? null, tlscert: host.tls.cert?.path ?? null, tlskey: host.tls.key?.path ?? null };
    const observed = { tcpHosts: tcp, tlsverify: verify, tls, ...files };
    const expected = { tlsverify: true, tlscacert: 'set', tlscert: 'set', tlskey: 'set' };
    if (verify && files.tlscacert && files.tlscert && files.tlskey) return { outcome: 'pass', observed, expected, message: m('verified', { hosts: tcp }) };
    if (tls || verify) return { outcome: 'fail', observed, expected, severity: 'high', message: m('unverified', { hosts: tcp }) };
    return { outcome: 'fail', observed, expected, message: m('plain', { hosts: tcp }) };
  },
});
