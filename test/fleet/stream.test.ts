import { strict as assert } from 'node:assert';
import { randomBytes } from 'node:crypto';
import { CHUNK_BYTES, decodeBundle, demuxLogLines, encodeBundle, failLine, FrameDecoder, frameLines, StreamError, type StreamMeta } from '../../src/fleet/stream';

const META: StreamMeta = { v: 1, nodeId: 'node1', hostname: 'h1', toolVersion: '0.1.0', files: 3 };

function files() {
  return [
    { path: 'evidence/docker.json', data: Buffer.from(JSON.stringify({ containers: Array.from({ length: 2000 }, (_, i) => ({ i, name: `c${i}` })) })) },
    // Incompressible bytes force many chunks.
    { path: 'evidence/blob.bin', data: randomBytes(40_000) },
    { path: 'manifest.json', data: Buffer.from('{}\n') },
  ];
}

/** Docker's multiplexed log framing: [stream, 0, 0, 0, size BE32] + payload per message. */
function frame(payload: string, stream = 1): Buffer {
  const body = Buffer.from(payload, 'utf8');
  const head = Buffer.alloc(8);
  head[0] = stream;
  head.writeUInt32BE(body.length, 4);
  return Buffer.concat([head, body]);
}

function decode(lines: string[]) {
  const d = new FrameDecoder();
  for (const l of lines) d.push(l);
  return d.finish();
}

describe('fleet stream framing', () => {
  it('round-trips a folder; every line stays far below Docker\'s 16 KiB split', () => {
    const lines = [...frameLines(encodeBundle(files()), META)];
    assert.ok(lines.length > 10, 'several chunks');
    for (const l of lines) assert.ok(l.length < 16 * 1024 / 2, `line of ${l.length} chars`);
    const s = decode(lines);
    assert.deepEqual(s.files.map((f) => f.path), files().map((f) => f.path));
    assert.equal(s.files[0].data.toString(), files()[0].data.toString());
    assert.equal(s.meta.nodeId, 'node1');
  });

  it('reassembles chunks in any order, with repeats and unrelated lines in between', () => {
    const lines = [...frameLines(encodeBundle(files()), META)];
    const data = lines.filter((l) => l.includes(' DATA '));
    const shuffled = [lines[0], 'progress: something', ...data.reverse(), data[3], lines[lines.length - 1]];
    assert.equal(decode(shuffled).files.length, 3);
  });

  it('names a missing chunk, a changed chunk, a short stream and an END that does not match', () => {
    const lines = [...frameLines(encodeBundle(files()), META)];
    assert.throws(() => decode(lines.filter((l) => !l.includes(' DATA 2 '))), (e: Error) => e instanceof StreamError && /chunk 2 of \d+ missing/.test(e.message));
    assert.throws(() => decode(lines.slice(0, -1)), /ends early: \d+ chunks and no END line/);
    const i = lines.findIndex((l) => l.includes(' DATA 1 '));
    const changed = [...lines];
    const b64 = changed[i].split(' ')[3];
    changed[i] = `RAFLEET1 DATA 1 ${Buffer.from(Buffer.from(b64, 'base64').map((x) => x ^ 0xff)).toString('base64')}`;
    assert.throws(() => decode(changed), /do not match the stream's SHA-256/);
    const twice = [...lines];
    twice.splice(i, 0, changed[i]);
    assert.throws(() => decode(twice), /chunk 1 appears twice with different content/);
    assert.throws(() => decode([]), /no BEGIN line/);
  });

  it('reports what the task said when it failed', () => {
    const d = new FrameDecoder();
    d.push(failLine('engine unreachable'));
    assert.equal(d.failure, 'engine unreachable');
    assert.throws(() => d.finish(), /the task reported: engine unreachable/);
  });

  it('refuses paths outside the folder, in and out', () => {
    assert.throws(() => encodeBundle([{ path: '../etc/passwd', data: Buffer.from('x') }]), /not a plain relative path/);
    assert.throws(() => encodeBundle([{ path: '/abs', data: Buffer.from('x') }]), /not a plain relative path/);
    // A hand-made bundle naming ../x is refused on decode.
    const { gzipSync } = require('node:zlib') as typeof import('node:zlib');
    const evil = gzipSync(Buffer.concat([Buffer.from(`${JSON.stringify({ files: [{ path: '../x', size: 1, sha256: '0' }] })}\n`), Buffer.from('x')]));
    assert.throws(() => decodeBundle(evil), /path outside its folder/);
  });

  it('demultiplexes Docker log frames, joining a line split across messages', () => {
    const lines = [...frameLines(encodeBundle(files()), META)];
    const whole = lines.map((l) => `${l}\n`).join('');
    // Split the text at arbitrary places, as Docker does for long lines (partial messages), and add stderr noise.
    const parts: Buffer[] = [];
    for (let at = 0; at < whole.length; at += 1000) parts.push(frame(whole.slice(at, at + 1000)), frame('noise on stderr\n', 2));
    const got = demuxLogLines(Buffer.concat(parts));
    assert.deepEqual(got, lines);
    assert.equal(decode(got).files.length, 3);
    assert.ok(CHUNK_BYTES <= 12 * 1024);
  });
});
