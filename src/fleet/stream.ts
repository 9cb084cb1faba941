/**
 * How a node's evidence folder travels through the Swarm: the task writes it to stdout as a framed,
 * compressed, hashed stream of short lines, and the manager reads it back from the task's logs.
 *
 * Docker splits log lines longer than 16 KiB into partial messages and gives no other framing, so the
 * stream frames itself: a BEGIN line (metadata), DATA lines of at most CHUNK_BYTES of gzip bytes in
 * base64 with a sequence number, and an END line with the chunk count, byte count and SHA-256 of the
 * gzip bytes. Inside the gzip is a bundle: a JSON index line (path, size, SHA-256 of every file) then
 * the files' bytes in that order. Any other line on the log (a stray print) is ignored; a gap, a
 * duplicate that differs, a bad hash or a path outside the folder fails the decode with the reason.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';

export const FRAME_TAG = 'RAFLEET1';
/** Raw bytes per DATA line: 3 KiB becomes 4 KiB of base64, far below Docker's 16 KiB line split. */
export const CHUNK_BYTES = 3 * 1024;
/** Largest bundle accepted (uncompressed), so a hostile or broken stream cannot exhaust memory. */
export const MAX_BUNDLE_BYTES = 1024 * 1024 * 1024;

export interface BundleFile {
  /** Folder-relative path with forward slashes. */
  path: string;
  data: Buffer;
}

export interface StreamMeta {
  /** Format version of the stream. */
  v: 1;
  /** Node the task ran on, as the task saw it (Swarm template `{{.Node.ID}}`, `{{.Node.Hostname}}`). */
  nodeId: string | null;
  hostname: string | null;
  toolVersion: string;
  files: number;
}

/** A stream that cannot be used: the reason names what is wrong (a gap, a hash, a path). */
export class StreamError extends Error {}

const SAFE_PATH = /^[A-Za-z0-9._-]+(\/[A-Za-z0-9._-]+)*$/;

/** Refuse absolute paths, `..`, empty segments and anything but plain file-name characters. */
export function safeBundlePath(p: string): boolean {
  return SAFE_PATH.test(p) && !p.split('/').some((s) => s === '.' || s === '..');
}

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}

/** The bundle (index line + bytes), gzip-compressed. */
export function encodeBundle(files: readonly BundleFile[]): Buffer {
  for (const f of files) if (!safeBundlePath(f.path)) throw new Error(`cannot bundle ${JSON.stringify(f.path)}: not a plain relative path`);
  const index = files.map((f) => ({ path: f.path, size: f.data.length, sha256: sha256(f.data) }));
  return gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify({ files: index })}\n`, 'utf8'), ...files.map((f) => f.data)]), { level: 6 });
}

/** Unpack a bundle, checking every path, size and SHA-256 against its index. */
export function decodeBundle(gz: Buffer): BundleFile[] {
  let raw: Buffer;
  try {
    raw = gunzipSync(gz, { maxOutputLength: MAX_BUNDLE_BYTES });
  } catch (err) {
    throw new StreamError(`the bundle does not decompress: ${(err as Error).message}`);
  }
  const nl = raw.indexOf(0x0a);
  if (nl < 0) throw new StreamError('the bundle has no index line');
  let index: { files?: unknown };
  try {
    index = JSON.parse(raw.subarray(0, nl).toString('utf8')) as { files?: unknown };
  } catch {
    throw new StreamError('the bundle index is not JSON');
  }
  if (!Array.isArray(index.files)) throw new StreamError('the bundle index lists no files');
  const out: BundleFile[] = [];
  let at = nl + 1;
  const seen = new Set<string>();
  for (const e of index.files as { path?: unknown; size?: unknown; sha256?: unknown }[]) {
    if (typeof e?.path !== 'string' || !safeBundlePath(e.path)) throw new StreamError(`the bundle names a path outside its folder: ${JSON.stringify(e?.path)}`);
    if (seen.has(e.path)) throw new StreamError(`the bundle lists ${e.path} twice`);
    seen.add(e.path);
    if (typeof e.size !== 'number' || !Number.isInteger(e.size) || e.size < 0 || at + e.size > raw.length) throw new StreamError(`the bundle is shorter than its index says (${e.path})`);
    const data = Buffer.from(raw.subarray(at, at + e.size));
    at += e.size;
    if (sha256(data) !== e.sha256) throw new StreamError(`${e.path} in the bundle does not match its SHA-256`);
    out.push({ path: e.path, data });
  }
  if (at !== raw.length) throw new StreamError(`the bundle has ${raw.length - at} bytes beyond its index`);
  return out;
}

/** The framed lines of one stream (without newlines). */
export function* frameLines(gz: Buffer, meta: StreamMeta): Generator<string> {
  yield `${FRAME_TAG} BEGIN ${JSON.stringify(meta)}`;
  let seq = 0;
  for (let i = 0; i < gz.length; i += CHUNK_BYTES) yield `${FRAME_TAG} DATA ${seq++} ${gz.subarray(i, i + CHUNK_BYTES).toString('base64')}`;
  yield `${FRAME_TAG} END ${seq} ${gz.length} ${sha256(gz)}`;
}

/** The line a task prints when it could not produce evidence at all. */
export function failLine(reason: string): string {
  return `${FRAME_TAG} FAIL ${JSON.stringify({ reason })}`;
}

export interface DecodedStream {
  meta: StreamMeta;
  files: BundleFile[];
  /** Bytes of the compressed bundle, and its SHA-256 as the END line gave it (verified). */
  bytes: number;
  sha256: string;
}

/**
 * Reassemble a stream from log lines in any order. Lines without the tag are ignored (the task's own
 * progress goes to stderr, but a log can hold anything). Throws StreamError naming what is missing.
 */
export class FrameDecoder {
  private meta: StreamMeta | null = null;
  private readonly chunks = new Map<number, string>();
  private end: { count: number; bytes: number; sha256: string } | null = null;
  private failed: string | null = null;
  private total = 0;

  push(line: string): void {
    const l = line.replace(/\r?\n$/, '');
    if (!l.startsWith(`${FRAME_TAG} `)) return;
    const rest = l.slice(FRAME_TAG.length + 1);
    const sp = rest.indexOf(' ');
    const kind = sp < 0 ? rest : rest.slice(0, sp);
    const body = sp < 0 ? '' : rest.slice(sp + 1);
    if (kind === 'BEGIN') {
      try {
        this.meta = JSON.parse(body) as StreamMeta;
      } catch {
        throw new StreamError('the BEGIN line is not JSON');
      }
    } else if (kind === 'DATA') {
      const m = /^(\d+) ([A-Za-z0-9+/=]*)$/.exec(body);
      if (!m) throw new StreamError('a DATA line is malformed');
      const seq = Number(m[1]);
      const prev = this.chunks.get(seq);
      // Log readers can repeat a message (a reconnect); the same chunk twice is harmless, two different ones are not.
      if (prev !== undefined && prev !== m[2]) throw new StreamError(`chunk ${seq} appears twice with different content`);
      if (prev === undefined) {
        this.total += m[2].length;
        if (this.total > (MAX_BUNDLE_BYTES / 3) * 4) throw new StreamError('the stream is larger than any evidence folder can be');
      }
      this.chunks.set(seq, m[2]);
    } else if (kind === 'END') {
      const m = /^(\d+) (\d+) ([0-9a-f]{64})$/.exec(body);
      if (!m) throw new StreamError('the END line is malformed');
      this.end = { count: Number(m[1]), bytes: Number(m[2]), sha256: m[3] };
    } else if (kind === 'FAIL') {
      try {
        this.failed = String((JSON.parse(body) as { reason?: unknown }).reason ?? 'no reason given');
      } catch {
        this.failed = body;
      }
    }
  }

  /** What the task itself said went wrong (a FAIL line), if anything. */
  get failure(): string | null {
    return this.failed;
  }

  get started(): boolean {
    return this.meta !== null;
  }

  finish(): DecodedStream {
    if (this.failed !== null) throw new StreamError(`the task reported: ${this.failed}`);
    if (!this.meta) throw new StreamError('no stream in the task log (no BEGIN line)');
    if (this.meta.v !== 1) throw new StreamError(`stream version ${String(this.meta.v)} is not understood by this tool`);
    if (!this.end) throw new StreamError(`the stream ends early: ${this.chunks.size} chunks and no END line`);
    const missing: number[] = [];
    for (let i = 0; i < this.end.count && missing.length < 5; i++) if (!this.chunks.has(i)) missing.push(i);
    if (missing.length) throw new StreamError(`chunk${missing.length > 1 ? 's' : ''} ${missing.join(', ')} of ${this.end.count} missing from the log`);
    if (this.chunks.size !== this.end.count) throw new StreamError(`${this.chunks.size} chunks in the log, the END line says ${this.end.count}`);
    const parts: Buffer[] = [];
    for (let i = 0; i < this.end.count; i++) parts.push(Buffer.from(this.chunks.get(i)!, 'base64'));
    const gz = Buffer.concat(parts);
    if (gz.length !== this.end.bytes) throw new StreamError(`${gz.length} bytes received, the END line says ${this.end.bytes}`);
    const digest = sha256(gz);
    if (digest !== this.end.sha256) throw new StreamError(`the received bytes do not match the stream's SHA-256 (${digest.slice(0, 12)}… instead of ${this.end.sha256.slice(0, 12)}…)`);
    const files = decodeBundle(gz);
    if (files.length !== this.meta.files) throw new StreamError(`the bundle holds ${files.length} files, the BEGIN line says ${this.meta.files}`);
    return { meta: this.meta, files, bytes: gz.length, sha256: digest };
  }
}

/** Split a Docker log body (multiplexed frames when the task has no TTY) into lines of stdout. */
export function demuxLogLines(buf: Buffer): string[] {
  const out: string[] = [];
  let text = '';
  // A multiplexed stream starts each frame with [stream, 0, 0, 0, size(4)]; stream is 0-2.
  const framed = buf.length >= 8 && buf[0] <= 2 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0;
  if (framed) {
    let at = 0;
    while (at + 8 <= buf.length) {
      const stream = buf[at];
      const size = buf.readUInt32BE(at + 4);
      const payload = buf.subarray(at + 8, at + 8 + size);
      at += 8 + size;
      if (stream === 1 || stream === 0) text += payload.toString('utf8');
    }
  } else {
    text = buf.toString('utf8');
  }
  for (const l of text.split('\n')) if (l) out.push(l);
  return out;
}
