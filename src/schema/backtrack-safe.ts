/**
 * Which patterns V8's backtracking engine runs in linear time, so they need not pay for RE2
 * (~1–4 µs a match against V8's ~0.1 µs, bench/PATTERNS.md). The rule is deliberately narrow:
 *
 * - anchored with a leading `^` (no `m` flag): V8 tries a single start position;
 * - a plain sequence of single-character atoms (a literal, an escape such as `\d` or `\.`, a
 *   class `[…]`, `.`), each with an optional greedy quantifier: no group, no alternation, no
 *   backreference or lookaround, no lazy quantifier;
 * - every atom that repeats a variable number of times (`?`, `*`, `+`, `{2,5}`) shares no
 *   character with what may follow it (the next atoms up to the first mandatory one).
 *
 * Then every character a repetition gives back on backtracking is one the following atom
 * refuses at once, so a failing match costs one step per character: `^[A-Z]{3}-\d{4}$` and
 * `^\+?\d{6,14}$` qualify; `^(a+)+$`, `^\d*\d*$` and `^[^@]+@[^@]+\.[^@]+$` stay on RE2.
 * Flags other than `s` (and `g`, `y`, `d`, which never change what `test` accepts here) also
 * keep RE2: `i` and `u` change what a class matches beyond ASCII.
 */
export function isBacktrackSafe(re: RegExp): boolean {
  if (re.ignoreCase || re.multiline || re.unicode || (re as { unicodeSets?: boolean }).unicodeSets)
    return false;
  const atoms = atomsOf(re.source, re.dotAll ? "s" : "");
  if (atoms === null) return false;
  for (let i = 0; i < atoms.length; i++) {
    const atom = atoms[i]!;
    if (atom.min === atom.max) continue;
    for (let j = i + 1; j < atoms.length; j++) {
      const next = atoms[j]!;
      if (overlaps(atom, next)) return false;
      if (next.min > 0) break;
    }
  }
  return true;
}

/** One single-character atom and how many times it repeats. */
interface Atom {
  /** bit c set: the atom matches the ASCII character c */
  readonly ascii: Uint32Array;
  /** may match a character outside ASCII (conservatively true when unsure) */
  readonly beyondAscii: boolean;
  readonly min: number;
  readonly max: number;
}

function overlaps(a: Atom, b: Atom): boolean {
  if (a.beyondAscii && b.beyondAscii) return true;
  for (let i = 0; i < 4; i++) if ((a.ascii[i]! & b.ascii[i]!) !== 0) return true;
  return false;
}

// escapes that stand for a whole class, or that are not one plain character
const CLASS_ESCAPES = "dDwWsS";
const ASCII_ONLY_ESCAPES = "dw";
const REFUSED_ESCAPES = "bBkcupPx";
const QUANTIFIER = /^(?:([*+?])|\{(\d+)(?:(,)(\d*))?\})/;

/** "^[A-Z]{3}-\d{4}$" -> four atoms; null when the source is anything but such a sequence */
function atomsOf(source: string, flags: string): Atom[] | null {
  if (!source.startsWith("^")) return null;
  let end = source.length;
  if (source.endsWith("$") && !endsEscaped(source, end - 1)) end--;
  const atoms: Atom[] = [];
  let i = 1;
  while (i < end) {
    const start = i;
    const char = source[i]!;
    let beyondAscii: boolean;
    if (char === "\\") {
      const next = source[i + 1];
      if (next === undefined || REFUSED_ESCAPES.includes(next) || /[0-9]/.test(next)) return null;
      beyondAscii =
        (CLASS_ESCAPES.includes(next) && !ASCII_ONLY_ESCAPES.includes(next)) ||
        next.charCodeAt(0) > 0x7f;
      i += 2;
    } else if (char === "[") {
      const close = classEnd(source, i);
      if (close === -1 || close >= end) return null;
      const body = source.slice(i + 1, close);
      // a negated class, \s, \D, \W, \S or an escape naming a code point may reach beyond ASCII
      beyondAscii = body.startsWith("^") || /\\[sSDWuxcpP]/.test(body) || hasNonAscii(body);
      i = close + 1;
    } else if ("()|*+?{}^$".includes(char)) {
      return null;
    } else {
      beyondAscii = char === "." || char.charCodeAt(0) > 0x7f;
      i += 1;
    }
    const single = new RegExp(`^${source.slice(start, i)}$`, flags);
    let min = 1;
    let max = 1;
    const quantifier = QUANTIFIER.exec(source.slice(i, end));
    if (quantifier !== null) {
      const [text, symbol, low, comma, high] = quantifier;
      if (symbol !== undefined) {
        min = symbol === "+" ? 1 : 0;
        max = symbol === "?" ? 1 : Number.POSITIVE_INFINITY;
      } else {
        min = Number(low);
        max = comma === undefined ? min : high === "" ? Number.POSITIVE_INFINITY : Number(high);
      }
      i += text.length;
      if (source[i] === "?" && i < end) return null; // lazy
    }
    atoms.push({ ascii: asciiSet(single), beyondAscii, min, max });
  }
  return atoms;
}

function hasNonAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7f) return true;
  return false;
}

/** whether the character at `index` is escaped by an odd run of backslashes before it */
function endsEscaped(source: string, index: number): boolean {
  let slashes = 0;
  for (let i = index - 1; i >= 0 && source[i] === "\\"; i--) slashes++;
  return slashes % 2 === 1;
}

/** the index of the "]" closing the class opened at `open` ("[]" and "[^]" close at once) */
function classEnd(source: string, open: number): number {
  for (let i = open + 1; i < source.length; i++) {
    if (source[i] === "\\") i++;
    else if (source[i] === "]") return i;
  }
  return -1;
}

/** the ASCII characters a one-character pattern matches, as 128 bits */
function asciiSet(single: RegExp): Uint32Array {
  const bits = new Uint32Array(4);
  for (let c = 0; c < 128; c++)
    if (single.test(String.fromCharCode(c))) bits[c >> 5]! |= 1 << (c & 31);
  return bits;
}
