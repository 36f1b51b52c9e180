// A minimal zip writer for tests: stored entries (no compression), with the Unix mode in the external
// attributes so that a test can make a symbolic link, and any name at all, so that a test can make the
// hostile zips the Import screen must refuse. A test fixture only: no zip64, no data descriptors.
import { crc32 } from 'node:zlib';

/** One entry: a file (bytes), a folder (a name ending in "/"), or a link (mode 0o120777, bytes = target). */
export interface ZipEntry {
  name: string;
  bytes?: Uint8Array | string;
  /** The Unix mode (type and permissions); 0o100644 for a file, 0o040755 for a folder by default. */
  mode?: number;
  /** Declared unpacked size, when a test wants a zip that lies about it. */
  declaredSize?: number;
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16LE(n);
  return b;
}

function u32(n: number): Buffer {
  const b = Buffer.alloc(4);
  b.writeUInt32LE(n >>> 0);
  return b;
}

/** The zip's bytes. */
export function zipOf(entries: readonly ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // 2024-05-31 12:00:00 in DOS time.
  const time = (12 << 11) | (0 << 5) | 0;
  const date = ((2024 - 1980) << 9) | (5 << 5) | 31;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const data = Buffer.from(entry.bytes ?? '');
    const isFolder = entry.name.endsWith('/');
    const mode = entry.mode ?? (isFolder ? 0o040755 : 0o100644);
    const crc = crc32(data);
    const size = entry.declaredSize ?? data.length;
    const common = [
      u16(20), // version needed
      u16(0x0800), // UTF-8 names
      u16(0), // stored
      u16(time),
      u16(date),
      u32(crc),
      u32(data.length),
      u32(size),
      u16(name.length),
      u16(0), // extra
    ];
    const local = Buffer.concat([u32(0x04034b50), ...common, name, data]);
    centrals.push(
      Buffer.concat([
        u32(0x02014b50),
        u16((3 << 8) | 20), // made by Unix, so the external attributes carry the mode
        ...common,
        u16(0), // comment
        u16(0), // disk
        u16(0), // internal attributes
        u32(mode << 16),
        u32(offset),
        name,
      ]),
    );
    locals.push(local);
    offset += local.length;
  }
  const central = Buffer.concat(centrals);
  const end = Buffer.concat([
    u32(0x06054b50),
    u16(0),
    u16(0),
    u16(entries.length),
    u16(entries.length),
    u32(central.length),
    u32(offset),
    u16(0),
  ]);
  return Buffer.concat([...locals, central, end]);
}
