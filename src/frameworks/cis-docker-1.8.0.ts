/**
 * CIS Docker Benchmark v1.8.0 (July 2025), sections 1-7: 118 recommendations with title, profile
 * level, CIS assessment status and the check that evaluates each.
 *
 * Against 1.6.0: 1.7.0 kept the 117 numbers, pointed 1.1.9 at the docker.sock socket (1.6.0: the
 * docker.socket unit, so it is a different check here) and relabelled 1.1.4 Manual and 1.1.15,
 * 1.1.17, 1.1.18 Automated; 1.8.0 added 2.7 (devicemapper) and moved 1.7.0's 2.7-2.18 to 2.8-2.19.
 * Levels as the benchmark's profile applicability gives them (3.17-3.22 Level 2, 4.12 Level 1).
 * 4.5 (Docker Content Trust) is still in 1.8.0 although Docker retired DCT in 2025: its check reports
 * image provenance instead (see src/checks/cis/4.5-content-trust.ts). Titles follow the benchmark's wording.
 */
import { recommendations, type CisRecommendation, type CisRow } from './cis-docker';

const ROWS: CisRow[] = [
  ['1.1.1', 'Ensure a separate partition for containers has been created', 1, 'M', 'cis.separate-partition'],
  ['1.1.2', 'Ensure only trusted users are allowed to control Docker daemon', 1, 'M', 'cis.trusted-users'],
  ['1.1.3', 'Ensure auditing is configured for the Docker daemon', 1, 'A', 'cis.audit-dockerd'],
  ['1.1.4', 'Ensure auditing is configured for Docker files and directories - /run/containerd', 1, 'M', 'cis.audit-containerd-state'],
  ['1.1.5', 'Ensure auditing is configured for Docker files and directories - /var/lib/docker', 1, 'M', 'cis.audit-data-root'],
  ['1.1.6', 'Ensure auditing is configured for Docker files and directories - /etc/docker', 1, 'A', 'cis.audit-etc-docker'],
  ['1.1.7', 'Ensure auditing is configured for Docker files and directories - docker.service', 2, 'A', 'cis.audit-docker-service'],
  ['1.1.8', 'Ensure auditing is configured for Docker files and directories - containerd.sock', 2, 'A', 'cis.audit-containerd-sock'],
  ['1.1.9', 'Ensure auditing is configured for Docker files and directories - docker.sock', 2, 'A', 'cis.audit-docker-sock'],
  ['1.1.10', 'Ensure auditing is configured for Docker files and directories - /etc/default/docker', 2, 'A', 'cis.audit-etc-default-docker'],
  ['1.1.11', 'Ensure auditing is configured for Docker files and directories - /etc/docker/daemon.json', 2, 'A', 'cis.audit-daemon-json'],
  ['1.1.12', 'Ensure auditing is configured for Docker files and directories - /etc/containerd/config.toml', 2, 'A', 'cis.audit-containerd-config'],
  ['1.1.13', 'Ensure auditing is configured for Docker files and directories - /etc/sysconfig/docker', 2, 'A', 'cis.audit-etc-sysconfig-docker'],
  ['1.1.14', 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd', 2, 'A', 'cis.audit-containerd-binary'],
  ['1.1.15', 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim', 2, 'A', 'cis.audit-containerd-shim'],
  ['1.1.16', 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v1', 2, 'M', 'cis.audit-containerd-shim-runc-v1'],
  ['1.1.17', 'Ensure auditing is configured for Docker files and directories - /usr/bin/containerd-shim-runc-v2', 2, 'A', 'cis.audit-containerd-shim-runc-v2'],
  ['1.1.18', 'Ensure auditing is configured for Docker files and directories - /usr/bin/runc', 2, 'A', 'cis.audit-runc'],
  ['1.2.1', 'Ensure the container host has been Hardened', 1, 'M', 'cis.host-hardened'],
  ['1.2.2', 'Ensure that the version of Docker is up to date', 1, 'M', 'cis.docker-version'],

  ['2.1', 'Run the Docker daemon as a non-root user, if possible', 1, 'M', 'cis.rootless'],
  ['2.2', 'Ensure network traffic is restricted between containers on the default bridge', 1, 'M', 'cis.icc-default-bridge'],
  ['2.3', "Ensure the logging level is set to 'info'", 1, 'M', 'cis.log-level'],
  ['2.4', 'Ensure Docker is allowed to make changes to iptables', 1, 'M', 'cis.iptables'],
  ['2.5', 'Ensure insecure registries are not used', 1, 'M', 'cis.insecure-registries'],
  ['2.6', 'Ensure aufs storage driver is not used', 1, 'M', 'cis.storage-driver'],
  ['2.7', 'Ensure devicemapper storage driver is not used', 1, 'M', 'cis.devicemapper'],
  ['2.8', 'Ensure TLS authentication for Docker daemon is configured', 1, 'M', 'cis.tls-auth'],
  ['2.9', 'Ensure the default ulimit is configured appropriately', 1, 'M', 'cis.default-ulimits'],
  ['2.10', 'Enable user namespace support', 2, 'M', 'cis.userns-remap'],
  ['2.11', 'Ensure the default cgroup usage has been confirmed', 2, 'M', 'cis.cgroup-parent'],
  ['2.12', 'Ensure base device size is not changed until needed', 2, 'M', 'cis.dm-basesize'],
  ['2.13', 'Ensure that authorization for Docker client commands is enabled', 2, 'M', 'cis.authorization-plugin'],
  ['2.14', 'Ensure centralized and remote logging is configured', 2, 'M', 'cis.remote-logging'],
  ['2.15', 'Ensure containers are restricted from acquiring new privileges', 1, 'M', 'cis.daemon-no-new-privileges'],
  ['2.16', 'Ensure live restore is enabled', 1, 'M', 'cis.live-restore'],
  ['2.17', 'Ensure Userland Proxy is Disabled', 1, 'M', 'cis.userland-proxy'],
  ['2.18', 'Ensure that a daemon-wide custom seccomp profile is applied if appropriate', 2, 'M', 'cis.seccomp-profile'],
  ['2.19', 'Ensure that experimental features are not implemented in production', 1, 'M', 'cis.experimental'],

  ['3.1', 'Ensure that the docker.service file ownership is set to root:root', 1, 'A', 'cis.docker-service-owner'],
  ['3.2', 'Ensure that docker.service file permissions are appropriately set', 1, 'A', 'cis.docker-service-mode'],
  ['3.3', 'Ensure that docker.socket file ownership is set to root:root', 1, 'A', 'cis.docker-socket-unit-owner'],
  ['3.4', 'Ensure that docker.socket file permissions are set to 644 or more restrictive', 1, 'A', 'cis.docker-socket-unit-mode'],
  ['3.5', 'Ensure that the /etc/docker directory ownership is set to root:root', 1, 'A', 'cis.etc-docker-owner'],
  ['3.6', 'Ensure that /etc/docker directory permissions are set to 755 or more restrictively', 1, 'A', 'cis.etc-docker-mode'],
  ['3.7', 'Ensure that registry certificate file ownership is set to root:root', 1, 'M', 'cis.registry-certs-owner'],
  ['3.8', 'Ensure that registry certificate file permissions are set to 444 or more restrictively', 1, 'M', 'cis.registry-certs-mode'],
  ['3.9', 'Ensure that TLS CA certificate file ownership is set to root:root', 1, 'M', 'cis.tls-ca-owner'],
  ['3.10', 'Ensure that TLS CA certificate file permissions are set to 444 or more restrictively', 1, 'M', 'cis.tls-ca-mode'],
  ['3.11', 'Ensure that Docker server certificate file ownership is set to root:root', 1, 'M', 'cis.tls-cert-owner'],
  ['3.12', 'Ensure that the Docker server certificate file permissions are set to 444 or more restrictively', 1, 'M', 'cis.tls-cert-mode'],
  ['3.13', 'Ensure that the Docker server certificate key file ownership is set to root:root', 1, 'M', 'cis.tls-key-owner'],
  ['3.14', 'Ensure that the Docker server certificate key file permissions are set to 400', 1, 'M', 'cis.tls-key-mode'],
  ['3.15', 'Ensure that the Docker socket file ownership is set to root:docker', 1, 'A', 'cis.docker-socket-owner'],
  ['3.16', 'Ensure that the Docker socket file permissions are set to 660 or more restrictively', 1, 'A', 'cis.docker-socket-mode'],
  ['3.17', 'Ensure that the daemon.json file ownership is set to root:root', 2, 'M', 'cis.daemon-json-owner'],
  ['3.18', 'Ensure that daemon.json file permissions are set to 644 or more restrictive', 2, 'M', 'cis.daemon-json-mode'],
  ['3.19', 'Ensure that the /etc/default/docker file ownership is set to root:root', 2, 'M', 'cis.etc-default-docker-owner'],
  ['3.20', 'Ensure that the /etc/default/docker file permissions are set to 644 or more restrictively', 2, 'M', 'cis.etc-default-docker-mode'],
  ['3.21', 'Ensure that the /etc/sysconfig/docker file permissions are set to 644 or more restrictively', 2, 'M', 'cis.etc-sysconfig-docker-mode'],
  ['3.22', 'Ensure that the /etc/sysconfig/docker file ownership is set to root:root', 2, 'M', 'cis.etc-sysconfig-docker-owner'],
  ['3.23', 'Ensure that the Containerd socket file ownership is set to root:root', 1, 'A', 'cis.containerd-socket-owner'],
  ['3.24', 'Ensure that the Containerd socket file permissions are set to 660 or more restrictively', 1, 'A', 'cis.containerd-socket-mode'],

  ['4.1', 'Ensure that a user for the container has been created', 1, 'M', 'cis.container-user'],
  ['4.2', 'Ensure that containers use only trusted base images', 1, 'M', 'cis.trusted-base-images'],
  ['4.3', 'Ensure that unnecessary packages are not installed in the container', 1, 'M', 'cis.minimal-packages'],
  ['4.4', 'Ensure images are scanned and rebuilt to include security patches', 1, 'M', 'cis.images-rebuilt'],
  ['4.5', 'Ensure Content trust for Docker is Enabled', 2, 'M', 'cis.content-trust'],
  ['4.6', 'Ensure that HEALTHCHECK instructions have been added to container images', 1, 'M', 'cis.image-healthcheck'],
  ['4.7', 'Ensure update instructions are not used alone in Dockerfiles', 1, 'M', 'cis.update-alone'],
  ['4.8', 'Ensure setuid and setgid permissions are removed', 2, 'M', 'cis.setuid-removed'],
  ['4.9', 'Ensure that COPY is used instead of ADD in Dockerfiles', 1, 'M', 'cis.copy-not-add'],
  ['4.10', 'Ensure secrets are not stored in Dockerfiles', 1, 'M', 'cis.no-secrets-in-images'],
  ['4.11', 'Ensure only verified packages are installed', 2, 'M', 'cis.verified-packages'],
  ['4.12', 'Ensure all signed artifacts are validated', 1, 'M', 'cis.signed-artifacts'],

  ['5.1', 'Ensure swarm mode is not Enabled, if not needed', 1, 'M', 'cis.swarm-mode'],
  ['5.2', 'Ensure that, if applicable, an AppArmor Profile is enabled', 1, 'M', 'cis.apparmor'],
  ['5.3', 'Ensure that, if applicable, SELinux security options are set', 2, 'M', 'cis.selinux'],
  ['5.4', 'Ensure that Linux kernel capabilities are restricted within containers', 1, 'M', 'cis.capabilities'],
  ['5.5', 'Ensure that privileged containers are not used', 1, 'M', 'cis.privileged'],
  ['5.6', 'Ensure sensitive host system directories are not mounted on containers', 1, 'M', 'cis.sensitive-host-dirs'],
  ['5.7', 'Ensure sshd is not run within containers', 1, 'M', 'cis.no-sshd'],
  ['5.8', 'Ensure privileged ports are not mapped within containers', 1, 'M', 'cis.privileged-ports'],
  ['5.9', 'Ensure that only needed ports are open on the container', 1, 'M', 'cis.needed-ports'],
  ['5.10', "Ensure that the host's network namespace is not shared", 1, 'M', 'cis.host-network'],
  ['5.11', 'Ensure that the memory usage for containers is limited', 1, 'M', 'cis.memory-limit'],
  ['5.12', 'Ensure that CPU priority is set appropriately on containers', 1, 'M', 'cis.cpu-limit'],
  ['5.13', "Ensure that the container's root filesystem is mounted as read only", 1, 'M', 'cis.read-only-root'],
  ['5.14', 'Ensure that incoming container traffic is bound to a specific host interface', 1, 'M', 'cis.bind-interface'],
  ['5.15', "Ensure that the 'on-failure' container restart policy is set to '5'", 1, 'M', 'cis.restart-policy'],
  ['5.16', "Ensure that the host's process namespace is not shared", 1, 'M', 'cis.host-pid'],
  ['5.17', "Ensure that the host's IPC namespace is not shared", 1, 'M', 'cis.host-ipc'],
  ['5.18', 'Ensure that host devices are not directly exposed to containers', 1, 'M', 'cis.host-devices'],
  ['5.19', 'Ensure that the default ulimit is overwritten at runtime if needed', 1, 'M', 'cis.ulimits'],
  ['5.20', 'Ensure mount propagation mode is not set to shared', 1, 'M', 'cis.mount-propagation'],
  ['5.21', "Ensure that the host's UTS namespace is not shared", 1, 'M', 'cis.host-uts'],
  ['5.22', 'Ensure the default seccomp profile is not Disabled', 1, 'M', 'cis.seccomp'],
  ['5.23', 'Ensure that docker exec commands are not used with the privileged option', 2, 'M', 'cis.exec-privileged'],
  ['5.24', 'Ensure that docker exec commands are not used with the user=root option', 2, 'M', 'cis.exec-root'],
  ['5.25', 'Ensure that cgroup usage is confirmed', 1, 'M', 'cis.cgroup-usage'],
  ['5.26', 'Ensure that the container is restricted from acquiring additional privileges', 1, 'M', 'cis.container-no-new-privileges'],
  ['5.27', 'Ensure that container health is checked at runtime', 1, 'M', 'cis.health-check'],
  ['5.28', 'Ensure that Docker commands always make use of the latest version of their image', 1, 'M', 'cis.current-image'],
  ['5.29', 'Ensure that the PIDs cgroup limit is used', 1, 'M', 'cis.pids-limit'],
  ['5.30', 'Ensure that Docker\'s default bridge "docker0" is not used', 2, 'M', 'cis.default-bridge'],
  ['5.31', "Ensure that the host's user namespaces are not shared", 1, 'M', 'cis.host-userns'],
  ['5.32', 'Ensure that the Docker socket is not mounted inside any containers', 1, 'M', 'cis.docker-socket'],

  ['6.1', 'Ensure that image sprawl is avoided', 1, 'M', 'cis.image-sprawl'],
  ['6.2', 'Ensure that container sprawl is avoided', 1, 'M', 'cis.container-sprawl'],

  ['7.1', 'Ensure that the minimum number of manager nodes have been created in a swarm', 1, 'M', 'cis.manager-count'],
  ['7.2', 'Ensure that swarm services are bound to a specific host interface', 1, 'M', 'cis.swarm-interface'],
  ['7.3', 'Ensure that all Docker swarm overlay networks are encrypted', 1, 'M', 'cis.overlay-encryption'],
  ['7.4', "Ensure that Docker's secret management commands are used for managing secrets in a swarm cluster", 1, 'M', 'cis.swarm-secrets'],
  ['7.5', 'Ensure that swarm manager is run in auto-lock mode', 1, 'M', 'cis.autolock'],
  ['7.6', 'Ensure that the swarm manager auto-lock key is rotated periodically', 1, 'M', 'cis.autolock-key-rotation'],
  ['7.7', 'Ensure that node certificates are rotated as appropriate', 1, 'M', 'cis.node-cert-rotation'],
  ['7.8', 'Ensure that CA certificates are rotated as appropriate', 1, 'M', 'cis.ca-cert-rotation'],
  ['7.9', 'Ensure that management plane traffic is separated from data plane traffic', 1, 'M', 'cis.plane-separation'],
];

export const CIS_DOCKER_1_8_0: readonly CisRecommendation[] = recommendations(ROWS);

const BY_ID = new Map(CIS_DOCKER_1_8_0.map((r) => [r.id, r]));

/** A 1.8.0 recommendation by number (for checks that have no 1.6.0 number); throws on an unknown one. */
export function cisRecommendation180(id: string): CisRecommendation {
  const r = BY_ID.get(id);
  if (!r) throw new Error(`CIS Docker Benchmark 1.8.0 has no recommendation ${id}`);
  return r;
}
