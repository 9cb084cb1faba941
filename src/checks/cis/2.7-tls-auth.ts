import { cis } from '../docker/cis';
import { daemonSetting, truthy } from '../../domain/daemon-settings';
import { daemonConfigCheck } from '../docker/host-check';

export default daemonConfigCheck({
  id: 'cis.tls-auth',
  title: 'A daemon listening on TCP requires TLS client certificates',
  section: 'daemon',
  severity: 'critical',
  ...cis('2.7'),
  automated: true,
  decidedBy:
    'TCP addresses among the daemon\'s -H / "hosts"; when there are any, --tlsverify with tlscacert, tlscert and tlskey must be in effect. --tls without verify does not authenticate clients. No TCP address: not applicable.',
  rationale: 'The Docker API is root on the host; on a TCP port without client-certificate authentication anyone who reaches the port owns the machine.',
  remediation: 'daemon.json: { "tlsverify": true, "tlscacert": "/etc/docker/tls/ca.pem", "tlscert": "/etc/docker/tls/server-cert.pem", "tlskey": "/etc/docker/tls/server-key.pem", "hosts": ["unix:///var/run/docker.sock", "tcp://<address>:2376"] }, or drop the TCP address and use SSH (DOCKER_HOST=ssh://user@host).',
  judge: (host) => {
    const tcp = host.tcpHosts;
    if (tcp.length === 0) return { outcome: 'not-applicable', observed: { tcpHosts: [] }, message: 'The daemon listens on no TCP address.' };
    const verify = truthy(daemonSetting(host, 'tlsverify').value);
    const tls = truthy(daemonSetting(host, 'tls').value);
    const files = { tlscacert: host.tls.ca?.path ?? null, tlscert: host.tls.cert?.path ?? null, tlskey: host.tls.key?.path ?? null };
    const observed = { tcpHosts: tcp, tlsverify: verify, tls, ...files };
    const expected = { tlsverify: true, tlscacert: 'set', tlscert: 'set', tlskey: 'set' };
    if (verify && files.tlscacert && files.tlscert && files.tlskey) return { outcome: 'pass', observed, expected, message: `The daemon listens on ${tcp.join(', ')} and requires client certificates.` };
    if (tls || verify) return { outcome: 'fail', observed, expected, severity: 'high', message: `The daemon listens on ${tcp.join(', ')} with TLS but does not verify client certificates: any client can use it.` };
    return { outcome: 'fail', observed, expected, message: `The daemon listens on ${tcp.join(', ')} without TLS: anyone who reaches the port controls the host.` };
  },
});
