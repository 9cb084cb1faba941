import { deepStrictEqual, ok, strictEqual } from 'node:assert/strict';
import * as path from 'node:path';
import { runCheck, type LoadedEvidence } from '../../../src/checks/evaluate';
import { virtChecks } from '../../../src/checks/virt';
import { EVIDENCE_SCHEMA_VERSION, type EvidenceFile } from '../../../src/evidence/types';
import type { VirtEvidence } from '../../../src/evidence/types/virt';
import type { Finding } from '../../../src/findings/types';
import { OWN_CASES_DIR, runCase, SIGNAL_CASES_DIR } from '../../collectors/virt/fixture-cases';

const OPTIONS = { now: '2026-11-23T12:00:00Z' };

function loaded(data: VirtEvidence | null, status: EvidenceFile['status'] = 'ok'): LoadedEvidence {
  const file: EvidenceFile<VirtEvidence> = {
    schemaVersion: EVIDENCE_SCHEMA_VERSION,
    collector: 'virt',
    collectorVersion: '1.0.0',
    startedAt: OPTIONS.now,
    endedAt: OPTIONS.now,
    host: { hostname: 'auditor', engineId: null },
    status,
    data,
  };
  return { virt: file };
}

function check(id: string) {
  const c = virtChecks.find((x) => x.id === id);
  if (!c) throw new Error(`no check ${id}`);
  return c;
}

async function findings(dir: string, id: string, opts: { privileged?: boolean } = {}): Promise<Finding[]> {
  return runCheck(check(id), loaded(await runCase(dir, opts)), OPTIONS);
}

const own = (name: string) => path.join(OWN_CASES_DIR, name);

describe('virtualization checks', () => {
  it('are in the virtualization section with references', () => {
    deepStrictEqual(virtChecks.map((c) => c.id), ['virt-shared-kernel', 'virt-hypervisor', 'virt-stale-container-markers']);
    for (const c of virtChecks) {
      strictEqual(c.section, 'virtualization');
      ok(c.references.length > 0, c.id);
      ok(c.title.en.length <= 120, c.id);
    }
  });

  describe('virt-shared-kernel', () => {
    it('fails high on an OpenVZ container, naming who shares the kernel', async () => {
      const [f] = await findings(own('openvz-guest'), 'virt-shared-kernel');
      strictEqual(f.outcome, 'fail');
      strictEqual(f.severity, 'high');
      ok(/openvz/.test(f.message.en) && /other customers/.test(f.message.en) && /end-of-life/.test(f.message.en), f.message.en);
    });

    it('fails on LXC found through /run/systemd/container on cgroup v2', async () => {
      strictEqual((await findings(own('lxc-cgroup2'), 'virt-shared-kernel'))[0].outcome, 'fail');
    });

    it('warns (medium) under gVisor', async () => {
      const [f] = await findings(own('gvisor'), 'virt-shared-kernel');
      strictEqual(f.outcome, 'warn');
      strictEqual(f.severity, 'medium');
    });

    it('passes on a VM whose /.dockerenv is a leftover', async () => {
      const [f] = await findings(own('kvm-leftover-dockerenv'), 'virt-shared-kernel');
      strictEqual(f.outcome, 'pass');
      ok(/dedicated/.test(f.message.en), f.message.en);
    });

    it('is manual, naming what was missing, when a marker cannot be confirmed or refuted', async () => {
      const [f] = await findings(own('marker-only'), 'virt-shared-kernel');
      strictEqual(f.outcome, 'manual');
      ok(/Missing: .*PID\/cgroup namespace/.test(f.message.en), f.message.en);
    });

    it('is an error, never a pass, when the virt evidence is missing or failed', () => {
      strictEqual(runCheck(check('virt-shared-kernel'), {}, OPTIONS)[0].outcome, 'error');
      strictEqual(runCheck(check('virt-shared-kernel'), loaded(null, 'failed'), OPTIONS)[0].outcome, 'error');
    });
  });

  describe('virt-hypervisor', () => {
    it('passes on a VM, naming hypervisor and provider', async () => {
      const [f] = await findings(path.join(SIGNAL_CASES_DIR, 'hyperv-arm'), 'virt-hypervisor');
      strictEqual(f.outcome, 'pass');
      ok(/hypervisor hyperv/.test(f.message.en) && /provider azure/.test(f.message.en), f.message.en);
    });

    it('passes on bare metal with the reason', async () => {
      const [f] = await findings(own('baremetal-sysfs'), 'virt-hypervisor');
      strictEqual(f.outcome, 'pass');
      ok(/bare metal/.test(f.message.en) && /hypervisor bit clear/.test(f.message.en), f.message.en);
    });

    it('is manual when nothing shows what the machine is', async () => {
      const [f] = await findings(own('empty-root'), 'virt-hypervisor');
      strictEqual(f.outcome, 'manual');
      ok(/cpuinfo/.test(f.message.en) && /CPUID/.test(f.message.en), f.message.en);
    });
  });

  describe('virt-stale-container-markers', () => {
    it('warns about a refuted marker', async () => {
      const [f] = await findings(own('kvm-leftover-dockerenv'), 'virt-stale-container-markers');
      strictEqual(f.outcome, 'warn');
      ok(f.message.en.includes('/.dockerenv'), f.message.en);
    });

    it('passes when markers agree with the runtime', async () => {
      strictEqual((await findings(own('docker-cgroup2'), 'virt-stale-container-markers'))[0].outcome, 'pass');
    });
  });

  it('targets the audited host by its name', async () => {
    const ev = { ...(await runCase(own('kvm-leftover-dockerenv'))), hostname: 'web-01' };
    const [f] = runCheck(check('virt-shared-kernel'), loaded(ev), OPTIONS);
    deepStrictEqual(f.target, { kind: 'host', id: 'web-01', name: 'web-01' });
  });
});
