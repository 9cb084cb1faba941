/**
 * Buffers O_DIRECT accepts, without a native addon.
 *
 * Node hands a Buffer's own address to pread/pwrite, and O_DIRECT wants that address aligned (512 B
 * to 4 KiB). `Buffer.alloc` and `new ArrayBuffer` are not aligned (large ones sit 16 bytes past a page,
 * glibc's chunk header), but `WebAssembly.Memory` is always page aligned. If V8 cannot reserve wasm
 * memory (a tight `ulimit -v`), we over-allocate and probe offsets until the kernel stops saying EINVAL,
 * which it does before any I/O is issued.
 */
import { readSync, writeSync } from 'node:fs';

/** The slice of the WebAssembly API used here (the project's lib settings do not include the DOM/wasm types). */
declare const WebAssembly: { Memory: new (d: { initial: number; maximum?: number }) => { buffer: ArrayBuffer } };

const WASM_PAGE = 65536;
const MAX_ALIGN = 4096;

export interface AlignedBuffer {
  buf: Buffer;
  source: 'wasm-memory' | 'probed-offset';
}

function isEinval(err: unknown): boolean {
  return (err as NodeJS.ErrnoException)?.code === 'EINVAL';
}

/** One O_DIRECT transfer of `len` bytes at file offset `pos` into/out of `buf`; false on EINVAL. */
function tryIo(fd: number, buf: Buffer, len: number, pos: number, mode: 'read' | 'write'): boolean {
  try {
    if (mode === 'read') readSync(fd, buf, 0, len, pos);
    else writeSync(fd, buf, 0, len, pos);
    return true;
  } catch (err) {
    if (isEinval(err)) return false;
    throw err;
  }
}

/**
 * A buffer of `size` bytes that O_DIRECT accepts on `fd`, checked with one real transfer of
 * `checkLen` bytes at file offset 0 (`write` mode writes the buffer's current contents there).
 * With `direct` false any buffer will do and nothing is checked.
 */
export function alignedBuffer(fd: number, size: number, opts: { direct: boolean; mode: 'read' | 'write'; checkLen?: number }): AlignedBuffer {
  const checkLen = Math.min(opts.checkLen ?? size, size);
  try {
    const pages = Math.max(1, Math.ceil(size / WASM_PAGE));
    const mem = new WebAssembly.Memory({ initial: pages, maximum: pages });
    const buf = Buffer.from(mem.buffer, 0, size);
    if (!opts.direct || tryIo(fd, buf, checkLen, 0, opts.mode)) return { buf, source: 'wasm-memory' };
  } catch (err) {
    if (!(err instanceof RangeError) && !isEinval(err)) throw err;
  }
  const raw = Buffer.from(new ArrayBuffer(size + MAX_ALIGN));
  for (let off = 0; off <= MAX_ALIGN; off += 8) {
    const buf = raw.subarray(off, off + size);
    if (tryIo(fd, buf, checkLen, 0, opts.mode)) return { buf, source: 'probed-offset' };
  }
  throw new Error(`no buffer alignment up to ${MAX_ALIGN} bytes was accepted for O_DIRECT ${opts.mode}s of ${checkLen} bytes`);
}

/**
 * Smallest memory and file-offset alignment O_DIRECT reads accept (what statx STATX_DIOALIGN would
 * say), found by trying powers of two. Needs a page-aligned buffer of ≥ 8 KiB and a file of ≥ 8 KiB.
 */
export function probeDioAlignment(fd: number, pageAligned: Buffer): { memoryBytes: number; offsetBytes: number } {
  let offsetBytes = MAX_ALIGN;
  for (let a = 512; a <= MAX_ALIGN; a *= 2) {
    if (tryIo(fd, pageAligned, a, a, 'read')) {
      offsetBytes = a;
      break;
    }
  }
  let memoryBytes = MAX_ALIGN;
  // A page-sized transfer: a small one inside one page can pass with any address (one segment),
  // which is not what a real 4 KiB or 1 MiB transfer gets.
  const len = Math.max(offsetBytes, 4096);
  for (let a = 1; a <= MAX_ALIGN; a *= 2) {
    // The slice starts exactly `a` bytes past a page boundary, so it is aligned to `a` and no more.
    if (tryIo(fd, pageAligned.subarray(a, a + len), len, 0, 'read')) {
      memoryBytes = a;
      break;
    }
  }
  return { memoryBytes, offsetBytes };
}
