import type { AnyCheck } from '../types';
import c1_1_1_separate_partition from './1.1.1-separate-partition';
import c1_1_2_trusted_users from './1.1.2-trusted-users';
import c1_1_3_audit_dockerd from './1.1.3-audit-dockerd';
import c1_1_4_audit_containerd_state from './1.1.4-audit-containerd-state';
import c1_1_5_audit_data_root from './1.1.5-audit-data-root';
import c1_1_6_audit_etc_docker from './1.1.6-audit-etc-docker';
import c1_1_7_audit_docker_service from './1.1.7-audit-docker-service';
import c1_1_8_audit_containerd_sock from './1.1.8-audit-containerd-sock';
import c1_1_9_audit_docker_socket_unit from './1.1.9-audit-docker-socket-unit';
import c1_8_0_1_1_9_audit_docker_sock from './1.8.0/1.1.9-audit-docker-sock';
import c1_1_10_audit_etc_default_docker from './1.1.10-audit-etc-default-docker';
import c1_1_11_audit_daemon_json from './1.1.11-audit-daemon-json';
import c1_1_12_audit_containerd_config from './1.1.12-audit-containerd-config';
import c1_1_13_audit_etc_sysconfig_docker from './1.1.13-audit-etc-sysconfig-docker';
import c1_1_14_audit_containerd_binary from './1.1.14-audit-containerd-binary';
import c1_1_15_audit_containerd_shim from './1.1.15-audit-containerd-shim';
import c1_1_16_audit_containerd_shim_runc_v1 from './1.1.16-audit-containerd-shim-runc-v1';
import c1_1_17_audit_containerd_shim_runc_v2 from './1.1.17-audit-containerd-shim-runc-v2';
import c1_1_18_audit_runc from './1.1.18-audit-runc';
import c1_2_1_host_hardened from './1.2.1-host-hardened';
import c1_2_2_docker_version from './1.2.2-docker-version';
import c2_1_rootless from './2.1-rootless';
import c2_2_icc_default_bridge from './2.2-icc-default-bridge';
import c2_3_log_level from './2.3-log-level';
import c2_4_iptables from './2.4-iptables';
import c2_5_insecure_registries from './2.5-insecure-registries';
import c2_6_storage_driver from './2.6-storage-driver';
import c1_8_0_2_7_devicemapper from './1.8.0/2.7-devicemapper';
import c2_7_tls_auth from './2.7-tls-auth';
import c2_8_default_ulimits from './2.8-default-ulimits';
import c2_9_userns_remap from './2.9-userns-remap';
import c2_10_cgroup_parent from './2.10-cgroup-parent';
import c2_11_dm_basesize from './2.11-dm-basesize';
import c2_12_authorization_plugin from './2.12-authorization-plugin';
import c2_13_remote_logging from './2.13-remote-logging';
import c2_14_no_new_privileges from './2.14-no-new-privileges';
import c2_15_live_restore from './2.15-live-restore';
import c2_16_userland_proxy from './2.16-userland-proxy';
import c2_17_seccomp_profile from './2.17-seccomp-profile';
import c2_18_experimental from './2.18-experimental';
import c3_1_docker_service_owner from './3.1-docker-service-owner';
import c3_2_docker_service_mode from './3.2-docker-service-mode';
import c3_3_docker_socket_unit_owner from './3.3-docker-socket-unit-owner';
import c3_4_docker_socket_unit_mode from './3.4-docker-socket-unit-mode';
import c3_5_etc_docker_owner from './3.5-etc-docker-owner';
import c3_6_etc_docker_mode from './3.6-etc-docker-mode';
import c3_7_registry_certs_owner from './3.7-registry-certs-owner';
import c3_8_registry_certs_mode from './3.8-registry-certs-mode';
import c3_9_tls_ca_owner from './3.9-tls-ca-owner';
import c3_10_tls_ca_mode from './3.10-tls-ca-mode';
import c3_11_tls_cert_owner from './3.11-tls-cert-owner';
import c3_12_tls_cert_mode from './3.12-tls-cert-mode';
import c3_13_tls_key_owner from './3.13-tls-key-owner';
import c3_14_tls_key_mode from './3.14-tls-key-mode';
import c3_15_docker_socket_owner from './3.15-docker-socket-owner';
import c3_16_docker_socket_mode from './3.16-docker-socket-mode';
import c3_17_daemon_json_owner from './3.17-daemon-json-owner';
import c3_18_daemon_json_mode from './3.18-daemon-json-mode';
import c3_19_etc_default_docker_owner from './3.19-etc-default-docker-owner';
import c3_20_etc_default_docker_mode from './3.20-etc-default-docker-mode';
import c3_21_etc_sysconfig_docker_mode from './3.21-etc-sysconfig-docker-mode';
import c3_22_etc_sysconfig_docker_owner from './3.22-etc-sysconfig-docker-owner';
import c3_23_containerd_socket_owner from './3.23-containerd-socket-owner';
import c3_24_containerd_socket_mode from './3.24-containerd-socket-mode';
import c4_1_container_user from './4.1-container-user';
import c4_2_trusted_base_images from './4.2-trusted-base-images';
import c4_3_minimal_packages from './4.3-minimal-packages';
import c4_4_images_rebuilt from './4.4-images-rebuilt';
import c4_5_content_trust from './4.5-content-trust';
import c4_6_image_healthcheck from './4.6-image-healthcheck';
import c4_7_update_alone from './4.7-update-alone';
import c4_8_setuid_removed from './4.8-setuid-removed';
import c4_9_copy_not_add from './4.9-copy-not-add';
import c4_10_no_secrets_in_images from './4.10-no-secrets-in-images';
import c4_11_verified_packages from './4.11-verified-packages';
import c4_12_signed_artifacts from './4.12-signed-artifacts';
import c5_1_swarm_mode from './5.1-swarm-mode';
import c5_2_apparmor from './5.2-apparmor';
import c5_3_selinux from './5.3-selinux';
import c5_4_capabilities from './5.4-capabilities';
import c5_5_privileged from './5.5-privileged';
import c5_6_sensitive_host_dirs from './5.6-sensitive-host-dirs';
import c5_7_no_sshd from './5.7-no-sshd';
import c5_8_privileged_ports from './5.8-privileged-ports';
import c5_9_needed_ports from './5.9-needed-ports';
import c5_10_host_network from './5.10-host-network';
import c5_11_memory_limit from './5.11-memory-limit';
import c5_12_cpu_limit from './5.12-cpu-limit';
import c5_13_read_only_root from './5.13-read-only-root';
import c5_14_bind_interface from './5.14-bind-interface';
import c5_15_restart_policy from './5.15-restart-policy';
import c5_16_host_pid from './5.16-host-pid';
import c5_17_host_ipc from './5.17-host-ipc';
import c5_18_host_devices from './5.18-host-devices';
import c5_19_ulimits from './5.19-ulimits';
import c5_20_mount_propagation from './5.20-mount-propagation';
import c5_21_host_uts from './5.21-host-uts';
import c5_22_seccomp from './5.22-seccomp';
import c5_23_exec_privileged from './5.23-exec-privileged';
import c5_24_exec_root from './5.24-exec-root';
import c5_25_cgroup_usage from './5.25-cgroup-usage';
import c5_26_no_new_privileges from './5.26-no-new-privileges';
import c5_27_health_check from './5.27-health-check';
import c5_28_current_image from './5.28-current-image';
import c5_29_pids_limit from './5.29-pids-limit';
import c5_30_default_bridge from './5.30-default-bridge';
import c5_31_host_userns from './5.31-host-userns';
import c5_32_docker_socket from './5.32-docker-socket';
import c5_99_legacy_links from './5.99-legacy-links';
import c6_1_image_sprawl from './6.1-image-sprawl';
import c6_2_container_sprawl from './6.2-container-sprawl';
import c7_1_manager_count from './7.1-manager-count';
import c7_2_swarm_interface from './7.2-swarm-interface';
import c7_3_overlay_encryption from './7.3-overlay-encryption';
import c7_4_swarm_secrets from './7.4-swarm-secrets';
import c7_5_autolock from './7.5-autolock';
import c7_6_autolock_key_rotation from './7.6-autolock-key-rotation';
import c7_7_node_cert_rotation from './7.7-node-cert-rotation';
import c7_8_ca_cert_rotation from './7.8-ca-cert-rotation';
import c7_9_plane_separation from './7.9-plane-separation';

/**
 * The CIS Docker Benchmark checks, sections 1-7, in benchmark order, plus the container-hardening checks
 * that go with them (`docker-legacy-links`, after 5.32). Files are named by the check's 1.6.0 number;
 * checks 1.6.0 does not have (1.1.9 on docker.sock since 1.7.0, 2.7 devicemapper since 1.8.0) are in
 * 1.8.0/, named by their 1.8.0 number. Which checks a run evaluates, and under which numbers, is up to
 * the benchmark version it selects (src/frameworks): 117 in 1.6.0, 118 in 1.8.0. Every recommendation
 * has a check: those only a person can judge are `manual` ones that say what to look at.
 */
export const cisChecks: readonly AnyCheck[] = [
  c1_1_1_separate_partition,
  c1_1_2_trusted_users,
  c1_1_3_audit_dockerd,
  c1_1_4_audit_containerd_state,
  c1_1_5_audit_data_root,
  c1_1_6_audit_etc_docker,
  c1_1_7_audit_docker_service,
  c1_1_8_audit_containerd_sock,
  c1_1_9_audit_docker_socket_unit,
  c1_8_0_1_1_9_audit_docker_sock,
  c1_1_10_audit_etc_default_docker,
  c1_1_11_audit_daemon_json,
  c1_1_12_audit_containerd_config,
  c1_1_13_audit_etc_sysconfig_docker,
  c1_1_14_audit_containerd_binary,
  c1_1_15_audit_containerd_shim,
  c1_1_16_audit_containerd_shim_runc_v1,
  c1_1_17_audit_containerd_shim_runc_v2,
  c1_1_18_audit_runc,
  c1_2_1_host_hardened,
  c1_2_2_docker_version,
  c2_1_rootless,
  c2_2_icc_default_bridge,
  c2_3_log_level,
  c2_4_iptables,
  c2_5_insecure_registries,
  c2_6_storage_driver,
  c1_8_0_2_7_devicemapper,
  c2_7_tls_auth,
  c2_8_default_ulimits,
  c2_9_userns_remap,
  c2_10_cgroup_parent,
  c2_11_dm_basesize,
  c2_12_authorization_plugin,
  c2_13_remote_logging,
  c2_14_no_new_privileges,
  c2_15_live_restore,
  c2_16_userland_proxy,
  c2_17_seccomp_profile,
  c2_18_experimental,
  c3_1_docker_service_owner,
  c3_2_docker_service_mode,
  c3_3_docker_socket_unit_owner,
  c3_4_docker_socket_unit_mode,
  c3_5_etc_docker_owner,
  c3_6_etc_docker_mode,
  c3_7_registry_certs_owner,
  c3_8_registry_certs_mode,
  c3_9_tls_ca_owner,
  c3_10_tls_ca_mode,
  c3_11_tls_cert_owner,
  c3_12_tls_cert_mode,
  c3_13_tls_key_owner,
  c3_14_tls_key_mode,
  c3_15_docker_socket_owner,
  c3_16_docker_socket_mode,
  c3_17_daemon_json_owner,
  c3_18_daemon_json_mode,
  c3_19_etc_default_docker_owner,
  c3_20_etc_default_docker_mode,
  c3_21_etc_sysconfig_docker_mode,
  c3_22_etc_sysconfig_docker_owner,
  c3_23_containerd_socket_owner,
  c3_24_containerd_socket_mode,
  c4_1_container_user,
  c4_2_trusted_base_images,
  c4_3_minimal_packages,
  c4_4_images_rebuilt,
  c4_5_content_trust,
  c4_6_image_healthcheck,
  c4_7_update_alone,
  c4_8_setuid_removed,
  c4_9_copy_not_add,
  c4_10_no_secrets_in_images,
  c4_11_verified_packages,
  c4_12_signed_artifacts,
  c5_1_swarm_mode,
  c5_2_apparmor,
  c5_3_selinux,
  c5_4_capabilities,
  c5_5_privileged,
  c5_6_sensitive_host_dirs,
  c5_7_no_sshd,
  c5_8_privileged_ports,
  c5_9_needed_ports,
  c5_10_host_network,
  c5_11_memory_limit,
  c5_12_cpu_limit,
  c5_13_read_only_root,
  c5_14_bind_interface,
  c5_15_restart_policy,
  c5_16_host_pid,
  c5_17_host_ipc,
  c5_18_host_devices,
  c5_19_ulimits,
  c5_20_mount_propagation,
  c5_21_host_uts,
  c5_22_seccomp,
  c5_23_exec_privileged,
  c5_24_exec_root,
  c5_25_cgroup_usage,
  c5_26_no_new_privileges,
  c5_27_health_check,
  c5_28_current_image,
  c5_29_pids_limit,
  c5_30_default_bridge,
  c5_31_host_userns,
  c5_32_docker_socket,
  c5_99_legacy_links,
  c6_1_image_sprawl,
  c6_2_container_sprawl,
  c7_1_manager_count,
  c7_2_swarm_interface,
  c7_3_overlay_encryption,
  c7_4_swarm_secrets,
  c7_5_autolock,
  c7_6_autolock_key_rotation,
  c7_7_node_cert_rotation,
  c7_8_ca_cert_rotation,
  c7_9_plane_separation,
];
