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

  const parseValue = (): void => {
    skip();
    const c = text[i];
    if (c === "{") parseObject();
    else if (c === "[") parseArray();
    else if (c === '"') parseString();
    else parseScalar();
  };

  const parseScalar = () => {
    for (const word of ["null", "true", "false", "NaN", "Infinity", "-Infinity"]) {
      if (text.startsWith(word, i)) {
        i += word.length;
        return;
      }
    }
    const number = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][-+]?\d+)?/.exec(text.slice(i));
    if (number) {
      i += number[0].length;
      return;
    }
    fail("Expecting value");
  };

  const parseObject = () => {
    i++;
    skip();
    if (text[i] === "}") {
      i++;
      return;
    }
    for (;;) {
      skip();
      if (text[i] !== '"') fail("Expecting property name enclosed in double quotes");
      parseString();
      skip();
      if (text[i] !== ":") fail("Expecting ':' delimiter");
      i++;
      parseValue();
      skip();
      if (text[i] === "}") {
        i++;
        return;
      }
      if (text[i] !== ",") fail("Expecting ',' delimiter");
      i++;
    }
  };

  const parseArray = () => {
    i++;
    skip();
    if (text[i] === "]") {
      i++;
      return;
    }
    for (;;) {
      parseValue();
      skip();
      if (text[i] === "]") {
        i++;
        return;
      }
      if (text[i] !== ",") fail("Expecting ',' delimiter");
      i++;
    }
  };

  try {
    parseValue();
    skip();
    if (i < text.length) fail("Extra data");
    // JSON.parse rejected something this scanner accepts (NaN, Infinity, lone surrogates)
    return { message: "Expecting value", position: 0 };
  } catch (error) {
    if (error instanceof Fail) return { message: error.message, position: error.position };
    throw error;
  }
}
