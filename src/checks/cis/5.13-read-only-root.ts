import { cis } from '../docker/cis';
import { containerCheck } from '../docker/container-check';
import { templates } from '../text';

const m = templates({
  readOnly: { en: '{target} has a read-only root filesystem.', nb: '{target} har et skrivebeskyttet rotfilsystem.' },
  readOnlyTmpfs: { en: '{target} has a read-only root filesystem with tmpfs on {tmpfs}.', nb: '{target} har et skrivebeskyttet rotfilsystem med tmpfs på {tmpfs}.' },
  writable: { en: '{target} has a writable root filesystem.', nb: '{target} har et skrivbart rotfilsystem.' },
});

export default containerCheck({
  id: 'cis.read-only-root',
  title: { en: "Containers' root filesystems are mounted read-only", nb: 'Rotfilsystemet til containere er montert skrivebeskyttet' },
  section: 'containers',
  severity: 'medium',
  ...cis('5.13'),
  automated: true,
  messages: m.templates,
  decidedBy: {
    en: 'HostConfig.ReadonlyRootfs of every container; the tmpfs mounts are shown so the fix keeps /run and /tmp writable.',
    nb: 'HostConfig.ReadonlyRootfs for hver container; tmpfs-monteringene vises, slik at rettelsen holder /run og /tmp skrivbare.',
  },
  rationale: {
    en: 'A writable root filesystem lets an attacker drop a payload or change the application; a read-only root forces state into declared volumes.',
    nb: 'Et skrivbart rotfilsystem lar en angriper legge igjen skadelig kode eller endre applikasjonen; et skrivebeskyttet rotfilsystem tvinger tilstand over i volumer som er oppgitt på forhånd.',
  },
  remediation: {
    en: 'docker run --read-only --tmpfs /run --tmpfs /tmp -v <data>:/data ... (compose: read_only: true, tmpfs: [/run, /tmp])',
    nb: 'Kjør containeren skrivebeskyttet, med tmpfs der den må skrive: docker run --read-only --tmpfs /run --tmpfs /tmp -v <data>:/data ... (compose: read_only: true, tmpfs: [/run, /tmp])',
  },
  judge: (c) => {
    const ro = !!c.HostConfig.ReadonlyRootfs;
    const tmpfs = Object.keys(c.HostConfig.Tmpfs ?? {});
    const missing = ['/run', '/tmp'].filter((p) => !tmpfs.includes(p));
    return {
      outcome: ro ? 'pass' : 'fail',
      observed: { ReadonlyRootfs: ro, Tmpfs: c.HostConfig.Tmpfs ?? {} },
      expected: { ReadonlyRootfs: true, Tmpfs: ['/run', '/tmp'] },
      message: ro ? (tmpfs.length ? m('readOnlyTmpfs', { tmpfs }) : m('readOnly')) : m('writable'),
      fix: { add: [{ flag: '--read-only' }, ...missing.map((p) => ({ flag: '--tmpfs', value: p }))] },
    };
  },
});
