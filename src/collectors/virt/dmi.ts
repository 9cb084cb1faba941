/**
 * SMBIOS/DMI as the detector sees it. Two sources give the same model:
 * - `dmidecode` text (root only, or a file for a snapshot): virt-what's rules grep it as "Key: Value" lines;
 * - `/sys/class/dmi/id/*` (world-readable except serials/uuid): turned into the equivalent "Key: Value" lines, so one
 *   rule set serves both.
 */

/** DMI fields under the names of `/sys/class/dmi/id/*`. Serial numbers and UUIDs are deliberately not kept. */
export interface DmiFields {
  sys_vendor?: string;
  product_name?: string;
  product_version?: string;
  product_family?: string;
  product_sku?: string;
  bios_vendor?: string;
  bios_version?: string;
  board_vendor?: string;
  board_name?: string;
  board_version?: string;
  chassis_vendor?: string;
  chassis_version?: string;
  chassis_asset_tag?: string;
}

export const DMI_FIELD_NAMES: readonly (keyof DmiFields)[] = [
  'sys_vendor', 'product_name', 'product_version', 'product_family', 'product_sku',
  'bios_vendor', 'bios_version', 'board_vendor', 'board_name', 'board_version',
  'chassis_vendor', 'chassis_version', 'chassis_asset_tag',
];

export interface DmiData {
  /** dmidecode-style text that the virt-what rules grep. */
  text: string;
  /** true: SMBIOS tables exist; false: firmware has none (microVMs, old Xen PV); null: could not tell. */
  present: boolean | null;
  /** SMBIOS "System is a virtual machine" bit (BIOS characteristics extension byte 2, bit 4); null if unknown. */
  vmBit: boolean | null;
  fields: DmiFields;
  /** `dmidecode`, `/sys/class/dmi/id`, `--dmidecode-file F`, or `none`. */
  source: string;
}

/** The "Key:" each sysfs field is printed under by dmidecode (type 0 BIOS, 1 System, 2 Base Board, 3 Chassis). */
const SECTION_KEYS: Record<number, Record<string, keyof DmiFields>> = {
  0: { Vendor: 'bios_vendor', Version: 'bios_version' },
  1: { Manufacturer: 'sys_vendor', 'Product Name': 'product_name', Version: 'product_version', Family: 'product_family', 'SKU Number': 'product_sku' },
  2: { Manufacturer: 'board_vendor', 'Product Name': 'board_name', Version: 'board_version' },
  3: { Manufacturer: 'chassis_vendor', Version: 'chassis_version', 'Asset Tag': 'chassis_asset_tag' },
};

export const VM_BIT_LINE = 'System is a virtual machine';
const NO_SMBIOS = 'No SMBIOS nor DMI entry point found';

/** Model of dmidecode's output (stdout and stderr together, as virt-what captures it). */
export function dmiFromDmidecode(text: string, source: string): DmiData {
  const fields: DmiFields = {};
  let type = -1;
  let sawBios = false;
  let vmBit = false;
  for (const line of text.split('\n')) {
    const handle = /^Handle 0x[0-9A-Fa-f]+, DMI type (\d+)/.exec(line);
    if (handle) {
      type = Number(handle[1]);
      if (type === 0) sawBios = true;
      continue;
    }
    if (type === 0 && line.trim() === VM_BIT_LINE) vmBit = true;
    const kv = /^\t([^\t:][^:]*): (.*)$/.exec(line);
    const key = kv && SECTION_KEYS[type]?.[kv[1]];
    if (key && fields[key] === undefined) fields[key] = kv[2].trim();
  }
  const present = /DMI type 1,/.test(text) || sawBios ? true : text.includes(NO_SMBIOS) ? false : null;
  return { text, present, vmBit: sawBios ? vmBit : null, fields, source };
}

/** Model of `/sys/class/dmi/id/*` values; `vmBit` comes from the root-only raw type-0 entry when readable. */
export function dmiFromSysfs(fields: DmiFields, present: boolean | null, vmBit: boolean | null, source: string): DmiData {
  const lines: string[] = [];
  for (const [type, keys] of Object.entries(SECTION_KEYS)) {
    for (const [label, name] of Object.entries(keys)) {
      const v = fields[name];
      if (v !== undefined && v !== '') lines.push(`\t${label}: ${v}`);
    }
    if (type === '0' && vmBit) lines.push(`\t\t${VM_BIT_LINE}`);
  }
  // What dmidecode itself prints on a machine without SMBIOS; virt-what's Xen rule looks for it.
  if (present === false) lines.push(`# ${NO_SMBIOS}, sorry.`);
  return { text: lines.join('\n'), present, vmBit, fields, source };
}

export function noDmi(source: string): DmiData {
  return { text: '', present: null, vmBit: null, fields: {}, source };
}

/**
 * SMBIOS VM bit from the raw type-0 structure (`/sys/firmware/dmi/entries/0-0/raw`): byte 0x13 (extension byte 2),
 * bit 4. Structures shorter than that predate the bit (SMBIOS < 2.4): unknown.
 */
export function vmBitFromRawType0(raw: Buffer): boolean | null {
  if (raw.length < 0x14 || raw[0] !== 0 || raw[1] < 0x14) return null;
  return (raw[0x13] & 0x10) !== 0;
}
