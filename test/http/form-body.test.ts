import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningServer, serve } from "../../src/index.js";
import { RawConnection } from "../integration/transports.js";
import { createFormApp } from "../params/form-apps.js";

let server: RunningServer;
let port: number;

beforeAll(async () => {
  server = await serve(createFormApp(), { port: 0 });
  port = Number(new URL(server.url).port);
});
afterAll(() => server.close());

function request(path: string, contentType: string, body: string | Buffer): Buffer {
  const bytes = typeof body === "string" ? Buffer.from(body, "latin1") : body;
  const head =
    `POST ${path} HTTP/1.1\r\nHost: x\r\nContent-Type: ${contentType}\r\n` +
    `Content-Length: ${bytes.length}\r\n\r\n`;
  return Buffer.concat([Buffer.from(head), bytes]);
}

const MULTIPART = "multipart/form-data; boundary=XYZ";

function part(disposition: string, content: string): string {
  return `--XYZ\r\nContent-Disposition: ${disposition}\r\n\r\n${content}\r\n`;
}

/** Sends one request on a fresh connection and returns the answer. */
async function send(raw: Buffer) {
  const connection = await RawConnection.open(port);
  try {
    connection.write(raw);
    return await connection.response();
  } finally {
    connection.close();
  }
}

async function expectServerStillAnswers(): Promise<void> {
  const response = await send(
    request("/login", "application/x-www-form-urlencoded", "username=u&password=abcd"),
  );
  expect(response.status).toBe(200);
}

function expectCleanClientError(response: { status: number; body: string }, status: number) {
  expect(response.status).toBe(status);
  expect(response.body).not.toMatch(/at .*\.(ts|js):\d+/);
  expect(JSON.parse(response.body)).toHaveProperty("detail");
}

describe("hostile form bodies on a raw socket", () => {
  it("answers 413 to an oversized file without reading it all, and closes that connection", async () => {
    const connection = await RawConnection.open(port);
    const header =
      `POST /small HTTP/1.1\r\nHost: x\r\nContent-Type: ${MULTIPART}\r\n` +
      `Content-Length: ${50 * 1024 * 1024}\r\n\r\n` +
      `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="big.bin"\r\n\r\n`;
    connection.write(header);
    connection.write(Buffer.alloc(64 * 1024, 1));
    const response = await connection.response();
    expectCleanClientError(response, 413);
    expect(response.headers.connection).toBe("close");
    expect(await connection.waitClosed()).toBe(true);
    await expectServerStillAnswers();
  });

  // Starlette counts fields and files apart (1000 each) and names the one that overflowed
  it("answers 400 to thousands of multipart fields with Starlette's message", async () => {
    const body = `${part('form-data; name="x"', "1").repeat(5000)}--XYZ--\r\n`;
    const response = await send(request("/login", MULTIPART, body));
    expectCleanClientError(response, 400);
    expect(JSON.parse(response.body)).toEqual({
      detail: "Too many fields. Maximum number of fields is 1000.",
    });
    await expectServerStillAnswers();
  });

  it("answers 400 to thousands of files with Starlette's message", async () => {
    const body = `${part('form-data; name="f"; filename="a"', "1").repeat(1500)}--XYZ--\r\n`;
    const response = await send(request("/login", MULTIPART, body));
    expectCleanClientError(response, 400);
    expect(JSON.parse(response.body)).toEqual({
      detail: "Too many files. Maximum number of files is 1000.",
    });
  });

  it("takes 1,000 fields and 1,000 files in one body, as Starlette does", async () => {
    const fields =
      part('form-data; name="username"', "u") + part('form-data; name="x"', "1").repeat(998);
    const body = `${fields}${part('form-data; name="password"', "abcd")}${part('form-data; name="f"; filename="a"', "1").repeat(1000)}--XYZ--\r\n`;
    const response = await send(request("/login", MULTIPART, body));
    expect([response.status, response.body]).toEqual([200, '{"username":"u"}']);
  });

  it("answers 400 past a route's parts limit, and takes exactly that many parts", async () => {
    const files = (n: number) =>
      `${part('form-data; name="file"; filename="a"', "1").repeat(n)}--XYZ--\r\n`;
    const atLimit = await send(request("/small", MULTIPART, files(10)));
    expect([atLimit.status, atLimit.body]).toEqual([200, '{"size":1}']);
    const past = await send(request("/small", MULTIPART, files(11)));
    expectCleanClientError(past, 400);
    expect(JSON.parse(past.body)).toEqual({
      detail: "Too many parts. Maximum number of parts is 10.",
    });
  });

  it.each([
    ["a file part", '--XYZ\r\nContent-Disposition: form-data; filename="a.txt"\r\n\r\nx\r\n'],
    ["a field part", "--XYZ\r\nContent-Disposition: form-data\r\n\r\nx\r\n"],
    ["a part with no Content-Disposition", "--XYZ\r\nContent-Type: text/plain\r\n\r\nx\r\n"],
    ["a part without headers", "--XYZ\r\n\r\nx\r\n"],
  ])("answers 400 to %s without a name, with Starlette's message", async (_label, nameless) => {
    const body = `${part('form-data; name="username"', "u")}${nameless}--XYZ--\r\n`;
    const response = await send(request("/login", MULTIPART, body));
    expectCleanClientError(response, 400);
    expect(response.body).toBe(
      '{"detail":"The Content-Disposition header field \\"name\\" must be provided."}',
    );
    await expectServerStillAnswers();
  });

  it("answers 400 to thousands of urlencoded fields", async () => {
    const body = Array.from({ length: 5000 }, (_, i) => `f${i}=1`).join("&");
    const response = await send(request("/login", "application/x-www-form-urlencoded", body));
    expectCleanClientError(response, 400);
    expect(JSON.parse(response.body)).toEqual({
      detail: "Too many fields. Maximum number of fields is 1000.",
    });
  });

  // python-multipart's query-string parser and unquote_plus, as Starlette reads a form
  it.each([
    ["username=%zz&password=abcd", '{"username":"%zz"}'],
    ["username=u%2&password=abcd%", '{"username":"u%2"}'],
    ["username=a+b%20c&password=abcd", '{"username":"a b c"}'],
    ["username=a;password=abcd", '{"username":"a"}'],
    ["username=a;b&password=abcd", '{"username":"a;b"}'],
    ["username&username=u&&password=abcd", '{"username":"u"}'],
    ["username=%C3%A9%ff&password=abcd", '{"username":"é\ufffd"}'],
  ])("reads the urlencoded form %s as Starlette does", async (body, expected) => {
    const response = await send(request("/login", "application/x-www-form-urlencoded", body));
    expect([response.status, response.body]).toEqual([200, expected]);
  });

  it("reads a 1 MB urlencoded body of names without values in linear time", async () => {
    const body = `username=u&password=abcd&${"a&".repeat(499_000)}`;
    const response = await send(request("/login", "application/x-www-form-urlencoded", body));
    expectCleanClientError(response, 400);
    expect(JSON.parse(response.body)).toEqual({
      detail: "Too many fields. Maximum number of fields is 1000.",
    });
  });

  it("answers 400 to a huge field name", async () => {
    const body = `${"n".repeat(100_000)}=1`;
    const response = await send(request("/login", "application/x-www-form-urlencoded", body));
    expectCleanClientError(response, 400);
    expect(JSON.parse(response.body)).toEqual({
      detail: "Field name exceeded maximum size of 1000 bytes.",
    });
    await expectServerStillAnswers();
  });

  // Starlette answers 400; a value too large is 413 Content Too Large (security defaults)
  it.each([
    ["", 'form-data; name="username"'],
    [
      " sent as application/octet-stream",
      'form-data; name="username"\r\nContent-Type: application/octet-stream',
    ],
  ])("answers 413 to a field value over fieldSize%s", async (_label, disposition) => {
    const body = `${part(disposition, "u".repeat(2 * 1024 * 1024))}--XYZ--\r\n`;
    const response = await send(request("/login", MULTIPART, body));
    expectCleanClientError(response, 413);
    expect(JSON.parse(response.body)).toEqual({ detail: "Part exceeded maximum size of 1024KB." });
  });

  it("answers 413 to a urlencoded form over the body limit, from Content-Length, before reading", async () => {
    const connection = await RawConnection.open(port);
    connection.write(
      "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        `Content-Length: ${2 * 1024 * 1024}\r\n\r\nusername=`,
    );
    const response = await connection.response();
    expectCleanClientError(response, 413);
    expect(response.headers.connection).toBe("close");
    expect(await connection.waitClosed()).toBe(true);
    await expectServerStillAnswers();
  });

  it("answers 413 to a chunked urlencoded form once it passes the body limit", async () => {
    const connection = await RawConnection.open(port);
    connection.write(
      "POST /login HTTP/1.1\r\nHost: x\r\nContent-Type: application/x-www-form-urlencoded\r\n" +
        "Transfer-Encoding: chunked\r\n\r\n",
    );
    const chunk = "u".repeat(64 * 1024);
    for (let i = 0; i < 20; i++) connection.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    const response = await connection.response();
    expectCleanClientError(response, 413);
    expect(response.headers.connection).toBe("close");
    await expectServerStillAnswers();
  });

  it("answers 413 to a multipart body over the route's multipartSize before reading it", async () => {
    const connection = await RawConnection.open(port);
    connection.write(
      `POST /tiny HTTP/1.1\r\nHost: x\r\nContent-Type: ${MULTIPART}\r\n` +
        "Content-Length: 100000\r\n\r\n",
    );
    const response = await connection.response();
    expectCleanClientError(response, 413);
    expect(await connection.waitClosed()).toBe(true);
  });

  it.each([
    ["without a name", 'form-data; filename="a.txt"'],
    ["with a 10 KB name", `form-data; name="${"n".repeat(10_000)}"; filename="a.txt"`],
  ])(
    "a body cut off inside an ignored file part %s is a clean answer",
    async (_label, disposition) => {
      const body = `--XYZ\r\nContent-Disposition: ${disposition}\r\n\r\nunterminated`;
      const response = await send(request("/upload", MULTIPART, body));
      expect(response.status).toBeGreaterThanOrEqual(400);
      expect(response.status).toBeLessThan(500);
      await expectServerStillAnswers();
    },
  );

  it("answers 400 to a 10 KB file name", async () => {
    const name = "n".repeat(10_000);
    const body = `${part(`form-data; name="file"; filename="${name}"`, "x")}--XYZ--\r\n`;
    const response = await send(request("/upload", MULTIPART, body));
    expectCleanClientError(response, 400);
    expect(JSON.parse(response.body)).toEqual({
      detail: "Filename exceeded maximum size of 255 bytes.",
    });
    await expectServerStillAnswers();
  });

  it.each([
    ["a field", 'form-data; name="NAME"'],
    ["a file", 'form-data; name="NAME"; filename="a.txt"'],
  ])("answers 400 to a 10 KB multipart name of %s", async (_label, disposition) => {
    const body = `${part(disposition.replace("NAME", "n".repeat(10_000)), "x")}--XYZ--\r\n`;
    const response = await send(request("/upload", MULTIPART, body));
    expectCleanClientError(response, 400);
    expect(JSON.parse(response.body)).toEqual({
      detail: "Field name exceeded maximum size of 1000 bytes.",
    });
  });

  it.each([
    ["a part with a bad content-disposition", part("attachment; name=file", "x")],
    // busboy skips this part unseen; Starlette would read it as a field named "file"
  ])("ignores %s: the file is missing (422)", async (_label, first) => {
    const response = await send(request("/upload", MULTIPART, `${first}--XYZ--\r\n`));
    expectCleanClientError(response, 422);
    expect(JSON.parse(response.body)).toEqual({
      detail: [{ type: "missing", loc: ["body", "file"], msg: "Field required", input: null }],
    });
  });

  // python-multipart reads no preamble: anything but blank lines before the first boundary is a
  // parse error, which FastAPI answers with its generic 400
  it.each([
    [
      "text before the first boundary",
      `garbage\r\n${part('form-data; name="file"; filename="a"', "x")}--XYZ--\r\n`,
    ],
    ["a body without any boundary", "garbage"],
    ["another boundary", `--ABC\r\n${part('form-data; name="note"', "x").slice(6)}--ABC--\r\n`],
  ])("answers 400 to %s", async (_label, body) => {
    const response = await send(request("/upload", MULTIPART, body));
    expectCleanClientError(response, 400);
    expect(response.body).toBe('{"detail":"There was an error parsing the body"}');
    await expectServerStillAnswers();
  });

  it.each([
    [
      "blank lines before the first boundary",
      `\r\n\r\n${part('form-data; name="file"; filename="a"', "x")}--XYZ--\r\n`,
    ],
    [
      "a quoted boundary",
      `${part('form-data; name="file"; filename="a"', "x")}--XYZ--\r\n`,
      'multipart/form-data; boundary="XYZ"',
    ],
  ])("reads %s", async (_label, body, type = MULTIPART) => {
    const response = await send(request("/upload", type, body));
    expect(response.status).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ filename: "a", size: 1 });
  });

  // busboy calls any application/octet-stream part a file; Starlette, only a part with a filename
  it("reads a part without a filename as a field, whatever its content type", async () => {
    const field = (name: string, value: string) =>
      `--XYZ\r\nContent-Disposition: form-data; name="${name}"\r\nContent-Type: application/octet-stream\r\n\r\n${value}\r\n`;
    const login = await send(
      request(
        "/login",
        MULTIPART,
        `${field("username", "u")}${field("password", "abcd")}--XYZ--\r\n`,
      ),
    );
    expect([login.status, login.body]).toEqual([200, '{"username":"u"}']);
    const upload = await send(request("/upload", MULTIPART, `${field("file", "x")}--XYZ--\r\n`));
    expect([upload.status, JSON.parse(upload.body).detail[0].msg]).toEqual([
      422,
      "Value error, Expected UploadFile, received: <class 'str'>",
    ]);
  });

  it("answers 400 to a malformed part header", async () => {
    const body = `--XYZ\r\n${"X".repeat(20_000)}\r\n\r\nx\r\n--XYZ--\r\n`;
    const response = await send(request("/upload", MULTIPART, body));
    expectCleanClientError(response, 400);
    await expectServerStillAnswers();
  });

  it("treats a body that stops mid-part as missing that part", async () => {
    const body =
      part('form-data; name="note"', "kept") +
      '--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nhal';
    const response = await send(request("/upload", MULTIPART, body));
    expectCleanClientError(response, 422);
    expect(JSON.parse(response.body).detail[0].loc).toEqual(["body", "file"]);
    await expectServerStillAnswers();
  });

  it("answers 400 to multipart without a boundary", async () => {
    const response = await send(request("/upload", "multipart/form-data", "garbage"));
    expect(response.status).toBe(400);
    expect(response.body).toBe('{"detail":"Missing boundary in multipart."}');
    await expectServerStillAnswers();
  });

  it("keeps serving after a client disconnects in the middle of an upload", async () => {
    const connection = await RawConnection.open(port);
    connection.write(
      `POST /upload HTTP/1.1\r\nHost: x\r\nContent-Type: ${MULTIPART}\r\nContent-Length: 100000\r\n\r\n` +
        `--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.txt"\r\n\r\nabc`,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    connection.close();
    await expectServerStillAnswers();
  });

  it("serves two form requests in a row on one keep-alive connection", async () => {
    const connection = await RawConnection.open(port);
    try {
      for (const password of ["abc", "abcd"]) {
        connection.write(
          request("/login", "application/x-www-form-urlencoded", `username=u&password=${password}`),
        );
        const response = await connection.response();
        expect(response.status).toBe(password === "abc" ? 422 : 200);
      }
    } finally {
      connection.close();
    }
  });
});
