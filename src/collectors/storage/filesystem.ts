/** The filesystem a target directory is on: type (from the statfs magic), mount, free space. */
import { realpathSync, statfsSync } from 'node:fs';
import { isSecretName, REDACTED } from '../../evidence/redact';
import type { FilesystemFacts } from '../../evidence/types/storage';
import { majorMinorOf } from './block-device';
import { findMount, scrubMountSource, type MountEntry } from './mountinfo';

/** statfs f_type values (linux/magic.h). */
export const FS_MAGIC: Record<number, string> = {
  0xef53: 'ext4',
  0x58465342: 'xfs',
  0x9123683e: 'btrfs',
  0x01021994: 'tmpfs',
  0x858458f6: 'ramfs',
  0x794c7630: 'overlay',
  0x6969: 'nfs',
  0x65735546: 'fuse',
  0x2fc12fc1: 'zfs',
  0xff534d42: 'cifs',
  0xfe534d42: 'smb2',
  0x00c36400: 'ceph',
  0x5346544e: 'ntfs',
  0x4d44: 'vfat',
  0xf2f52010: 'f2fs',
  0x3153464a: 'jfs',
  0x52654973: 'reiserfs',
  0xca451a4e: 'bcachefs',
  0x2011bab0: 'exfat',
  0x73717368: 'squashfs',
  0x1021997: 'v9fs',
  0x786f4256: 'virtiofs',
};

const IN_MEMORY = new Set(['tmpfs', 'ramfs']);
const NETWORK = new Set(['nfs', 'nfs4', 'cifs', 'smb2', 'smb3', 'ceph', 'glusterfs', 'fuse.glusterfs', 'fuse.sshfs', 'fuse.s3fs', 'v9fs', '9p', 'lustre', 'fuse.cephfs', 'gpfs']);

export function fsTypeName(magic: number | bigint): string {
  const n = Number(magic);
  return FS_MAGIC[n] ?? `unknown (0x${n.toString(16)})`;
}

/** Mount options with credential values dropped (`password=…`, `credentials=…`); the key stays. */
export function redactMountOptions(opts: readonly string[]): string[] {
  return opts.map((o) => {
    const eq = o.indexOf('=');
    return eq > 0 && isSecretName(o.slice(0, eq)) ? `${o.slice(0, eq)}=${REDACTED}` : o;
  });
}

/**
 * Facts about the filesystem holding `dir`. The statfs magic is the authority for the type (a FUSE
 * mount reports `fuse`, whatever its mountinfo label); mountinfo adds the mount point, source and options.
 */
export function filesystemFacts(dir: string, mounts: readonly MountEntry[]): FilesystemFacts {
  const st = statfsSync(dir, { bigint: true });
  const real = realpathSync(dir);
  const mm = majorMinorOf(real);
  const mount = findMount(mounts, real, mm);
  const magicType = FS_MAGIC[Number(st.type)];
  const type = magicType ?? mount?.fsType ?? fsTypeName(st.type);
  const mountType = mount?.fsType ?? type;
  return {
    type: magicType === 'fuse' && mount ? mount.fsType : type,
    magic: `0x${Number(st.type).toString(16)}`,
    mountPoint: mount?.mountPoint ?? null,
    source: mount ? scrubMountSource(mount.source) : null,
    mountOptions: redactMountOptions(mount?.mountOptions ?? []),
    superOptions: redactMountOptions(mount?.superOptions ?? []),
    majorMinor: mount?.majorMinor ?? mm,
    freeBytes: Number(st.bavail * st.bsize),
    totalBytes: Number(st.blocks * st.bsize),
    inMemory: IN_MEMORY.has(type) || IN_MEMORY.has(mountType),
    network: NETWORK.has(type) || NETWORK.has(mountType) || mountType.startsWith('nfs'),
    overlay: type === 'overlay' || mountType === 'overlay',
  };
}
