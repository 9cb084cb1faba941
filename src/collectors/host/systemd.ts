import type { SystemdUnit } from '../../evidence/types/host';
import type { HostFs } from './host-fs';

/** Unit search path in systemd's precedence order (systemd.unit(5)). */
export const UNIT_DIRS = ['/etc/systemd/system', '/run/systemd/system', '/usr/local/lib/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system'];

/** The unit file systemd loads for `name` and its drop-ins (`name.d/*.conf`), each as a fact. */
export async function unitFiles(hfs: HostFs, name: string): Promise<SystemdUnit[]> {
  const out: SystemdUnit[] = [];
  for (const dir of UNIT_DIRS) {
    const f = await hfs.fact(`${dir}/${name}`, `systemd unit search path (${dir})`);
    if (f.exists || f.error) {
      const unit: SystemdUnit = { name, file: f };
      if (name.endsWith('.socket') && f.exists) {
        const text = await hfs.readTextIfExists(f.path).catch(() => null);
        unit.listenStream = listenStreams(text ?? '');
      }
      out.push(unit);
      break;
    }
  }
  for (const dir of UNIT_DIRS) {
    let entries: string[] = [];
    try {
      entries = await hfs.list(`${dir}/${name}.d`);
    } catch {
      continue;
    }
    for (const e of entries.filter((x) => x.endsWith('.conf')).sort()) {
      out.push({ name: `${name}.d/${e}`, file: await hfs.fact(`${dir}/${name}.d/${e}`, `drop-in for ${name}`) });
    }
  }
  return out;
}

/** `ListenStream=` values of a socket unit (the last empty assignment resets the list). */
export function listenStreams(text: string): string[] {
  let values: string[] = [];
  for (const line of text.split('\n')) {
    const m = /^\s*ListenStream\s*=\s*(.*?)\s*$/.exec(line);
    if (!m) continue;
    if (m[1] === '') values = [];
    else values.push(m[1]);
  }
  return values;
}
