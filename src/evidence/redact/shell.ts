/**
 * A small POSIX-shell lexer, enough to find the words of each simple command in `sh -c` strings and
 * build steps: quotes, backslash escapes, and the operators that separate commands. It never executes
 * or expands anything; unknown syntax simply becomes words.
 */

export interface ShellWord {
  /** Offsets of the word in the text, quotes included. */
  start: number;
  end: number;
  /** The word as the shell would pass it: quotes removed, escapes applied. */
  value: string;
}

const SEPARATORS = new Set([';', '&', '|', '(', ')', '`', '\n', '\r', '<', '>', '{', '}']);

/** The simple commands of a shell string, each as its words. */
export function lexShell(text: string): ShellWord[][] {
  const commands: ShellWord[][] = [];
  let current: ShellWord[] = [];
  let i = 0;
  const endCommand = () => {
    if (current.length) commands.push(current);
    current = [];
  };
  while (i < text.length) {
    const c = text[i];
    if (c === ' ' || c === '\t') {
      i++;
      continue;
    }
    if (SEPARATORS.has(c) || (c === '$' && text[i + 1] === '(')) {
      endCommand();
      i += c === '$' ? 2 : 1;
      continue;
    }
    // A comment runs to the end of the line (`… # buildkit`); the text pass still scrubs it.
    if (c === '#') {
      while (i < text.length && text[i] !== '\n') i++;
      continue;
    }
    const start = i;
    let value = '';
    while (i < text.length) {
      const ch = text[i];
      if (ch === ' ' || ch === '\t' || SEPARATORS.has(ch) || (ch === '$' && text[i + 1] === '(')) break;
      if (ch === "'") {
        const close = text.indexOf("'", i + 1);
        const endAt = close < 0 ? text.length : close;
        value += text.slice(i + 1, endAt);
        i = endAt + 1;
      } else if (ch === '"') {
        i++;
        while (i < text.length && text[i] !== '"') {
          if (text[i] === '\\' && i + 1 < text.length && '"\\$`\n'.includes(text[i + 1])) {
            value += text[i + 1];
            i += 2;
          } else {
            value += text[i++];
          }
        }
        i++;
      } else if (ch === '\\' && i + 1 < text.length) {
        if (text[i + 1] !== '\n') value += text[i + 1];
        i += 2;
      } else {
        value += ch;
        i++;
      }
    }
    current.push({ start, end: Math.min(i, text.length), value });
  }
  endCommand();
  return commands;
}

const PLAIN = /^[A-Za-z0-9_@%+=:,./\-[\]]+$/;

/** A word written back so a shell would read it as `value`, in the quoting style of the original. */
function requote(raw: string, value: string): string {
  if (PLAIN.test(value) && !/['"\\]/.test(raw)) return value;
  const q = raw.search(/['"]/);
  if (q > 0 && !raw.slice(0, q).includes('\\') && value.startsWith(raw.slice(0, q))) {
    const prefix = raw.slice(0, q);
    return `${prefix}${quote(raw[q], value.slice(prefix.length))}`;
  }
  return quote(q === 0 ? raw[0] : "'", value);
}

function quote(style: string, value: string): string {
  if (style === '"') return `"${value.replace(/(["\\$`])/g, '\\$1')}"`;
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The text with the words whose start offset is in `replacements` rewritten to their new values. */
export function replaceWords(text: string, words: readonly ShellWord[], replacements: ReadonlyMap<number, string>): string {
  if (replacements.size === 0) return text;
  let out = '';
  let at = 0;
  for (const w of [...words].sort((a, b) => a.start - b.start)) {
    const v = replacements.get(w.start);
    if (v === undefined) continue;
    out += text.slice(at, w.start) + requote(text.slice(w.start, w.end), v);
    at = w.end;
  }
  return out + text.slice(at);
}
