/**
 * exceljs (through JSZip) stamps every entry of the .xlsx zip with the wall-clock time of writing, so
 * two exports of the same findings differ. This sets each entry's modification time, in the local
 * headers and in the central directory, to one given time: the bytes then depend only on the content.
 * Times are not covered by the entries' CRCs, so nothing else changes.
 */

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;

/** MS-DOS date and time fields (2-second resolution, 1980-2107), of the UTC time given. */
export function dosDateTime(d: Date): { date: number; time: number } {
  const year = Math.min(Math.max(d.getUTCFullYear(), 1980), 2107);
  return {
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
  };
}

/** A copy of `zip` with every entry's modification time set to `when`; throws on a zip it cannot read. */
export function setZipTimes(zip: Buffer, when: Date): Buffer {
  const out = Buffer.from(zip);
  const { date, time } = dosDateTime(when);
  // The end-of-central-directory record is the last 22 bytes when there is no zip comment (JSZip writes none).
  let eocd = out.length - 22;
  while (eocd >= 0 && out.readUInt32LE(eocd) !== END_OF_CENTRAL) eocd--;
  if (eocd < 0) throw new Error('not a zip file: no end of central directory');
  const entries = out.readUInt16LE(eocd + 10);
  let p = out.readUInt32LE(eocd + 16);
  for (let i = 0; i < entries; i++) {
    if (out.readUInt32LE(p) !== CENTRAL_HEADER) throw new Error(`zip central directory entry ${i} is damaged`);
    out.writeUInt16LE(time, p + 12);
    out.writeUInt16LE(date, p + 14);
    const local = out.readUInt32LE(p + 42);
    if (out.readUInt32LE(local) !== LOCAL_HEADER) throw new Error(`zip local header of entry ${i} is damaged`);
    out.writeUInt16LE(time, local + 10);
    out.writeUInt16LE(date, local + 12);
    p += 46 + out.readUInt16LE(p + 28) + out.readUInt16LE(p + 30) + out.readUInt16LE(p + 32);
  }
  return out;
}
