// Reads a zip's central directory with bounds checks on every field, so a damaged or hostile archive becomes an
// error value instead of garbage reads. fflate does the inflating; this only finds and validates the entries.
import { err, ok, type Result } from "../project/result";

export interface ZipEntry {
  /** The name exactly as stored (decoded), before any path checks. */
  name: string;
  compression: number;
  compressedSize: number;
  size: number;
  crc32: number;
  /** Where the entry's compressed bytes start. */
  dataStart: number;
  encrypted: boolean;
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;

const utf8 = new TextDecoder("utf-8", { fatal: true });
const latin1 = new TextDecoder("latin1");

function damaged(why: string): Result<never> {
  return err("invalid-input", `This .zip is damaged or not a zip file (${why}).`);
}

/** Lists the entries; `maxEntries` stops a directory of millions of entries early. */
export function readCentralDirectory(data: Uint8Array, maxEntries: number): Result<ZipEntry[] | "too-many"> {
  const view = new DataView(data.buffer, data.byteOffset, data.byteLength);
  const u16 = (at: number) => view.getUint16(at, true);
  const u32 = (at: number) => view.getUint32(at, true);
  const inside = (at: number, length: number) => at >= 0 && length >= 0 && at + length <= data.byteLength;

  let end = -1;
  for (let i = data.byteLength - 22; i >= Math.max(0, data.byteLength - 22 - 0xffff); i--)
    if (u32(i) === EOCD) {
      end = i;
      break;
    }
  if (end === -1) return damaged("no end-of-archive record");
  let count = u16(end + 10);
  let offset = u32(end + 16);
  if ((count === 0xffff || offset === 0xffffffff) && end >= 20 && u32(end - 20) === ZIP64_LOCATOR) {
    const at = Number(view.getBigUint64(end - 12, true));
    if (!inside(at, 56) || u32(at) !== ZIP64_EOCD) return damaged("bad zip64 record");
    count = Number(view.getBigUint64(at + 32, true));
    offset = Number(view.getBigUint64(at + 48, true));
  }
  if (count > maxEntries) return ok("too-many");

  const entries: ZipEntry[] = [];
  for (let i = 0; i < count; i++) {
    if (!inside(offset, 46) || u32(offset) !== CENTRAL) return damaged(`entry ${i + 1} of ${count} is missing`);
    const flags = u16(offset + 8);
    const compression = u16(offset + 10);
    const crc32 = u32(offset + 16);
    let compressedSize = u32(offset + 20);
    let size = u32(offset + 24);
    const nameLength = u16(offset + 28);
    const extraLength = u16(offset + 30);
    const commentLength = u16(offset + 32);
    let localOffset = u32(offset + 42);
    const nameAt = offset + 46;
    if (!inside(nameAt, nameLength + extraLength + commentLength)) return damaged(`entry ${i + 1} runs past the end`);
    const nameBytes = data.subarray(nameAt, nameAt + nameLength);
    let name: string;
    try {
      name = utf8.decode(nameBytes);
    } catch {
      if (flags & 0x800) return damaged(`entry ${i + 1} has an invalid UTF-8 name`);
      name = latin1.decode(nameBytes);
    }
    // Zip64: 0xFFFFFFFF fields live in extra field 0x0001, in this order.
    const extra = readZip64(view, nameAt + nameLength, extraLength, { size, compressedSize, localOffset });
    ({ size, compressedSize, localOffset } = extra);
    if (!inside(localOffset, 30) || u32(localOffset) !== LOCAL) return damaged(`"${name.slice(0, 80)}" has no local header`);
    const dataStart = localOffset + 30 + u16(localOffset + 26) + u16(localOffset + 28);
    if (!inside(dataStart, compressedSize)) return damaged(`"${name.slice(0, 80)}" runs past the end`);
    entries.push({ name, compression, compressedSize, size, crc32, dataStart, encrypted: (flags & 1) === 1 });
    offset = nameAt + nameLength + extraLength + commentLength;
  }
  return ok(entries);
}

function readZip64(view: DataView, at: number, length: number, fields: { size: number; compressedSize: number; localOffset: number }) {
  const out = { ...fields };
  const endAt = at + length;
  while (at + 4 <= endAt) {
    const id = view.getUint16(at, true);
    const size = view.getUint16(at + 2, true);
    if (id === 0x0001) {
      let p = at + 4;
      const next = () => {
        const value = p + 8 <= at + 4 + size ? Number(view.getBigUint64(p, true)) : -1;
        p += 8;
        return value;
      };
      if (out.size === 0xffffffff) out.size = next();
      if (out.compressedSize === 0xffffffff) out.compressedSize = next();
      if (out.localOffset === 0xffffffff) out.localOffset = next();
    }
    at += 4 + size;
  }
  return out;
}

let table: Uint32Array | null = null;

/** CRC-32 as zip uses it (checks that inflated bytes are the ones that were zipped). */
export function crc32(bytes: Uint8Array): number {
  if (!table) {
    table = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      table[n] = c >>> 0;
    }
  }
  let crc = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) crc = (table[(crc ^ (bytes[i] ?? 0)) & 0xff] ?? 0) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
}
