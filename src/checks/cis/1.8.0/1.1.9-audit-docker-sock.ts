import { cisSince180 } from '../../docker/cis';
import { auditRuleCheck } from '../../docker/host-check';
import { apiSockets, auditPath } from '../../docker/host-files';

/**
 * CIS 1.7.0 and later 1.1.9: an audit rule on the Docker API socket itself (docker.sock). 1.6.0's
 * 1.1.9 audited the docker.socket systemd unit instead; that is `cis.audit-docker-socket-unit`.
 */
export default auditRuleCheck({
  id: 'cis.audit-docker-sock',
  title: { en: 'Changes to the Docker API socket (docker.sock) are recorded by auditd', nb: 'Docker-socketen (docker.sock) overvåkes med audit-regler' },
  section: 'host',
  severity: 'low',
  ...cisSince180('1.1.9'),
  automated: true,
  decidedBy: {
    en:
      'Looks for an audit rule (-w path, or -F path=/dir=) covering each unix socket the daemon really listens on (-H / "hosts", the docker.socket unit for fd://), ' +
      'by its real path or the name it was given (/var/run/docker.sock). Loaded rules from auditctl -l when the tool runs on the host, else the rule files.',
    nb:
      'Ser etter en audit-regel (-w sti, eller -F path=/dir=) som dekker hver unix-socket daemonen faktisk lytter på (-H / "hosts", enheten docker.socket ved fd://), ' +
      'under den faktiske stien eller navnet den ble gitt (/var/run/docker.sock). Bruker de innlastede reglene fra auditctl -l når verktøyet kjører på verten, ellers regelfilene.',
  },
  rationale: {
    en: 'Whoever can use the API socket controls the daemon; an audit trail of changes to it (owner, mode, replacement) shows who widened that access, and when.',
    nb: 'Den som kan bruke API-socketen, styrer daemonen. Et revisjonsspor over endringer på den (eier, filrettigheter, utskifting) viser hvem som utvidet tilgangen, og når.',
  },
  remediation: {
    en: 'Add a watch to /etc/audit/rules.d/docker.rules, e.g. `-w /var/run/docker.sock -k docker` (the path the daemon listens on), then load it with `augenrules --load` (or restart auditd).',
    nb: 'Legg inn en overvåkingsregel i /etc/audit/rules.d/docker.rules, f.eks. `-w /var/run/docker.sock -k docker` (stien daemonen lytter på), og last den inn med `augenrules --load` (eller start auditd på nytt).',
  },
  // Every socket is judged, by its real path or the name it was given.
  watch: (host) => {
    const sockets = apiSockets(host);
    return Array.isArray(sockets) ? sockets.map((f) => auditPath(f)) : sockets;
  },
});
