/**
 * Long unbroken tokens in the PDF (a 10 KB collector error, a container name of 100 KB): they get
 * break opportunities so pdfkit lays them out in linear time (bench/render-big-fields.ts has the
 * figures), and nothing else changes: the text is the same once the zero-width spaces are removed.
 */
import { strict as assert } from 'node:assert';
import { breakLongTokens } from '../../src/render/pdf/writer';

const ZWSP = /\u200b/g;

describe('render/pdf: long tokens wrap without quadratic layout', () => {
  it('a token over 80 characters gets a zero-width space every 20 characters; removing them gives the text back', () => {
    const token = 'x'.repeat(10_000);
    const out = breakLongTokens(`error: ${token} at the end`);
    assert.equal(out.replace(ZWSP, ''), `error: ${token} at the end`);
    assert.equal((out.match(ZWSP) ?? []).length, 10_000 / 20 - 1);
    for (const piece of out.split(' ')[1].split('\u200b')) assert.equal(piece.length, 20);
  });

  it('a 64-digit hash, short words and text with spaces stay as they are', () => {
    const hash = 'a'.repeat(64);
    assert.equal(breakLongTokens(`sha256:${hash}`), `sha256:${hash}`);
    const words = 'abcdefgh '.repeat(2000);
    assert.equal(breakLongTokens(words), words);
  });

  it('never splits a surrogate pair (characters outside the BMP count as one)', () => {
    const token = '\u{1F600}'.repeat(100);
    const out = breakLongTokens(token);
    assert.equal(out.replace(ZWSP, ''), token);
    for (const piece of out.split('\u200b')) assert.equal(Array.from(piece).length, 20, JSON.stringify(piece));
  });
});
