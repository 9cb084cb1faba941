import type { DmiFields } from './dmi';

/** A cloud or virtualization platform recognised from DMI strings (world-readable sysfs or dmidecode). */
export interface ProviderMatch {
  /** Stable id: `aws`, `google-cloud`, `azure`, `hetzner`, `nutanix`, ... */
  id: string;
  /** What matched, e.g. `sys_vendor = Hetzner`. */
  because: string;
}

type Rule = { id: string; field: keyof DmiFields; test: (v: string) => boolean; label: string };

const eq = (s: string) => (v: string) => v === s;
const starts = (s: string) => (v: string) => v.startsWith(s);

/**
 * DMI rules, most specific first (cloud-init ds-identify, virt-what and systemd agree on these strings). Hyper-V and
 * KVM alone name no provider: on-premises and cloud look the same, so a plain `QEMU`/`Standard PC` guest gets none.
 */
const RULES: readonly Rule[] = [
  { id: 'aws', field: 'sys_vendor', test: eq('Amazon EC2'), label: 'sys_vendor = Amazon EC2' },
  { id: 'aws', field: 'bios_vendor', test: eq('Amazon EC2'), label: 'bios_vendor = Amazon EC2' },
  { id: 'aws', field: 'bios_version', test: (v) => /^\d+\.\d+\.amazon$/.test(v), label: 'bios_version N.N.amazon (EC2 on Xen)' },
  { id: 'google-cloud', field: 'product_name', test: eq('Google Compute Engine'), label: 'product_name = Google Compute Engine' },
  { id: 'google-cloud', field: 'sys_vendor', test: eq('Google'), label: 'sys_vendor = Google' },
  { id: 'azure', field: 'chassis_asset_tag', test: eq('7783-7084-3265-9085-8269-3286-77'), label: 'chassis_asset_tag = Azure tag 7783-7084-3265-9085-8269-3286-77' },
  { id: 'oracle-cloud', field: 'chassis_asset_tag', test: eq('OracleCloud.com'), label: 'chassis_asset_tag = OracleCloud.com' },
  { id: 'alibaba-cloud', field: 'sys_vendor', test: starts('Alibaba'), label: 'sys_vendor = Alibaba Cloud' },
  { id: 'upcloud', field: 'sys_vendor', test: eq('UpCloud'), label: 'sys_vendor = UpCloud' },
  { id: 'hetzner', field: 'sys_vendor', test: eq('Hetzner'), label: 'sys_vendor = Hetzner' },
  { id: 'digitalocean', field: 'sys_vendor', test: eq('DigitalOcean'), label: 'sys_vendor = DigitalOcean' },
  { id: 'linode', field: 'sys_vendor', test: (v) => v === 'Linode' || v === 'Akamai', label: 'sys_vendor = Linode/Akamai' },
  { id: 'vultr', field: 'sys_vendor', test: eq('Vultr'), label: 'sys_vendor = Vultr' },
  { id: 'scaleway', field: 'sys_vendor', test: eq('Scaleway'), label: 'sys_vendor = Scaleway' },
  { id: 'exoscale', field: 'product_name', test: starts('Exoscale'), label: 'product_name = Exoscale*' },
  { id: 'outscale', field: 'product_name', test: eq('3DS Outscale VM'), label: 'product_name = 3DS Outscale VM' },
  { id: 'cloudsigma', field: 'product_name', test: eq('CloudSigma'), label: 'product_name = CloudSigma' },
  { id: 'cloudstack', field: 'product_name', test: starts('CloudStack'), label: 'product_name = CloudStack*' },
  { id: 'smartos', field: 'product_name', test: starts('SmartDC'), label: 'product_name = SmartDC*' },
  { id: 'open-telekom-cloud', field: 'chassis_asset_tag', test: eq('OpenTelekomCloud'), label: 'chassis_asset_tag = OpenTelekomCloud' },
  { id: 'huawei-cloud', field: 'chassis_asset_tag', test: eq('HUAWEICLOUD'), label: 'chassis_asset_tag = HUAWEICLOUD' },
  { id: 'sap-converged-cloud', field: 'chassis_asset_tag', test: eq('SAP CCloud VM'), label: 'chassis_asset_tag = SAP CCloud VM' },
  { id: 'zstack', field: 'chassis_asset_tag', test: (v) => v.endsWith('.zstack.io'), label: 'chassis_asset_tag = *.zstack.io' },
  { id: 'openstack', field: 'product_name', test: (v) => v === 'OpenStack Nova' || v === 'OpenStack Compute', label: 'product_name = OpenStack Nova/Compute' },
  { id: 'openstack', field: 'chassis_asset_tag', test: (v) => v === 'OpenStack Nova' || v === 'OpenStack Compute', label: 'chassis_asset_tag = OpenStack Nova/Compute' },
  { id: 'kubevirt', field: 'product_name', test: starts('KubeVirt'), label: 'product_name = KubeVirt*' },
  { id: 'kubevirt', field: 'sys_vendor', test: starts('KubeVirt'), label: 'sys_vendor = KubeVirt*' },
];

/** Facts from virt-what's vocabulary that name a platform, for when only dmidecode text (no parsed field) says so. */
const FACT_PROVIDERS: Readonly<Record<string, string>> = {
  aws: 'aws', google_cloud: 'google-cloud', alibaba_cloud: 'alibaba-cloud', 'alibaba_cloud-ebm': 'alibaba-cloud',
  upcloud: 'upcloud', nutanix_ahv: 'nutanix', ovirt: 'ovirt', rhev: 'rhv',
};

export function detectProvider(fields: DmiFields, facts: readonly string[], xenUuidPrefix: string | null): ProviderMatch | null {
  for (const r of RULES) {
    const v = fields[r.field];
    if (v !== undefined && r.test(v)) return { id: r.id, because: r.label };
  }
  for (const f of facts) if (FACT_PROVIDERS[f]) return { id: FACT_PROVIDERS[f], because: `virt-what fact ${f}` };
  if (xenUuidPrefix === 'ec2') return { id: 'aws', because: '/sys/hypervisor/uuid starts with ec2 (EC2 on Xen)' };
  return null;
}
