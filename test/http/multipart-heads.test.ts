import { describe, expect, it } from "vitest";
import { type MultipartProblem, MultipartScanner } from "../../src/http/multipart-heads.js";

const TYPE = "multipart/form-data; boundary=XYZ";

const part = (head: string, content: string) => `--XYZ\r\n${head}\r\n\r\n${content}\r\n`;
const file = part(
  'Content-Disposition: form-data; name="file"; filename="a.txt"',
  "he--XYZllo\r\n-XYZ",
);
const field = part('content-disposition:form-data; name="note"\r\nContent-Type: text/plain', "n");

/** what the scanner reports for a body cut into the given chunk sizes (the last takes the rest) */
function scan(body: string, sizes: number[] = [], type = TYPE): MultipartProblem | undefined {
  const scanner = new MultipartScanner(type);
  const bytes = Buffer.from(body, "latin1");
  let at = 0;
  for (const size of [...sizes, bytes.length]) {
    const problem = scanner.feed(bytes.subarray(at, at + size));
    if (problem !== undefined) return problem;
    at += size;
    if (at >= bytes.length) break;
  }
  return undefined;
}

/** the same answer for the body in one piece, byte by byte, and split at every offset */
function scanEverySplit(body: string, type = TYPE): Set<MultipartProblem | undefined> {
  const answers = new Set<MultipartProblem | undefined>([scan(body, [], type)]);
  answers.add(scan(body, Array(body.length).fill(1), type));
  for (let cut = 1; cut < body.length; cut++) answers.add(scan(body, [cut], type));
  // and 200 cuts into up to 6 chunks of random sizes (a fixed seed: the same cuts every run)
  let seed = body.length;
  const random = (n: number) => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return 1 + (seed % n);
  };
  for (let run = 0; run < 200; run++) {
    answers.add(
      scan(
        body,
        Array.from({ length: random(5) }, () => random(12)),
        type,
      ),
    );
  }
  return answers;
}

describe("MultipartScanner", () => {
  it.each([
    ["a file and a field", `${file}${field}--XYZ--\r\n`],
    ["blank lines before the first boundary", `\r\n\n\r\n${file}--XYZ--\r\n`],
    ["an epilogue after the closing boundary", `${field}--XYZ--\r\ntrailing text\r\n\r\n`],
    ["a body cut inside a head", `${file}--XYZ\r\nContent-Dis`],
    [
      "a body cut inside content",
      `${file}--XYZ\r\nContent-Disposition: form-data; name="a"\r\n\r\nhal`,
    ],
    ["no part at all", "--XYZ--\r\n"],
    ["an empty body", ""],
  ])("finds nothing wrong in %s, however the body is cut", (_label, body) => {
    expect(scanEverySplit(body)).toEqual(new Set([undefined]));
  });

  it.each([
    ["text before the first boundary", `preamble\r\n${file}--XYZ--\r\n`, "preamble"],
    ["another boundary", "--ABC\r\n\r\n", "preamble"],
    ["a part without headers", `${field}--XYZ\r\n\r\nvalue\r\n--XYZ--\r\n`, "no-disposition"],
    [
      "a part with only a content type",
      `--XYZ\r\nContent-Type: text/plain\r\n\r\nx\r\n${field}--XYZ--\r\n`,
      "no-disposition",
    ],
    [
      "a disposition named only inside a value",
      `--XYZ\r\nX-Note: content-disposition: no\r\n\r\nx\r\n--XYZ--\r\n`,
      "no-disposition",
    ],
  ])("reports %s, however the body is cut", (_label, body, problem) => {
    expect(scanEverySplit(body)).toEqual(new Set([problem]));
  });

  it("reads a quoted boundary", () => {
    const type = 'multipart/form-data; boundary="XYZ"';
    expect(scanEverySplit(`${field}--XYZ--\r\n`, type)).toEqual(new Set([undefined]));
  });

  it("follows a part through 200 chunks of 64 KB to the next head", () => {
    const scanner = new MultipartScanner(TYPE);
    expect(scanner.feed(Buffer.from(file.slice(0, 80), "latin1"))).toBeUndefined();
    for (let i = 0; i < 200; i++) {
      expect(scanner.feed(Buffer.alloc(64 * 1024, 0x61))).toBeUndefined();
    }
    expect(scanner.feed(Buffer.from(`\r\n${field}--XYZ--\r\n`, "latin1"))).toBeUndefined();
  });
});
