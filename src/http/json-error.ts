/**
 * Where and why a JSON text is invalid, worded as Python's `json` module words it
 * ("Expecting value", "Expecting ',' delimiter", …) with its character offset, so that a
 * `json_invalid` error reads like FastAPI's. Runs only after `JSON.parse` has already failed.
 */
export interface JsonErrorPosition {
  message: string;
  position: number;
}

class Fail {
  constructor(
    readonly message: string,
    readonly position: number,
  ) {}
}

const WS = new Set([" ", "\t", "\n", "\r"]);
/** sticky: matches at `lastIndex` without copying the rest of the text */
const NUMBER = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/y;

export function locateJsonError(text: string): JsonErrorPosition {
  let i = 0;
  const skip = () => {
    while (i < text.length && WS.has(text[i]!)) i++;
  };
  const fail = (message: string, at = i): never => {
    throw new Fail(message, at);
  };

  const parseString = () => {
    const start = i;
    i++;
    for (;;) {
      if (i >= text.length) fail("Unterminated string starting at", start);
      const c = text[i]!;
      if (c === '"') {
        i++;
        return;
      }
      if (c === "\\") {
        const e = text[i + 1];
        if (e === "u") {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6)))
            fail("Invalid \\uXXXX escape", i + 1);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail("Invalid \\escape", i);
        continue;
      }
      if (c < " ") fail("Invalid control character at", i);
      i++;
    }
  };

  const parseScalar = () => {
    for (const word of ["null", "true", "false", "NaN", "Infinity", "-Infinity"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    NUMBER.lastIndex = i;
    const number = NUMBER.exec(text);
    if (number) {
      i += number[0].length;
      return;
    }
    fail("Expecting value");
  };

  const parseKey = () => {
    skip();
    if (text[i] !== '"') fail("Expecting property name enclosed in double quotes");
    parseString();
    skip();
    if (text[i] !== ":") fail("Expecting ':' delimiter");
    i++;
  };

  // Iterative, with an explicit stack of open containers: nesting depth cannot overflow the
  // call stack (a body of 100,000 "[" is an ordinary json_invalid error).
  const parseDocument = () => {
    const open: string[] = [];
    for (;;) {
      skip();
      const c = text[i];
      if (c === "{" || c === "[") {
        i++;
        skip();
        if (text[i] === (c === "{" ? "}" : "]")) i++;
        else {
          open.push(c);
          if (c === "{") parseKey();
          continue;
        }
      } else if (c === '"') parseString();
      else parseScalar();
      // a value ended: close what it ends, or move to the next item
      for (;;) {
        const top = open[open.length - 1];
        if (top === undefined) return;
        skip();
        if (text[i] === (top === "{" ? "}" : "]")) {
          i++;
          open.pop();
          continue;
        }
        if (text[i] !== ",") fail("Expecting ',' delimiter");
        i++;
        if (top === "{") parseKey();
        break;
      }
    }
  };

  try {
    parseDocument();
    skip();
    if (i < text.length) fail("Extra data");
    // JSON.parse rejected something this scanner accepts (NaN, Infinity, lone surrogates)
    return { message: "Expecting value", position: 0 };
  } catch (error) {
    if (error instanceof Fail) return { message: error.message, position: error.position };
    throw error;
  }
}
