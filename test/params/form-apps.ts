import { z } from "zod";
import {
  App,
  type AppOptions,
  Depends,
  File,
  Files,
  Form,
  OAuth2PasswordRequestForm,
  OAuth2PasswordRequestFormStrict,
} from "../../src/index.js";

/** The recorded §3 app: `/login` (two form fields) and `/upload` (a file and a note). */
export function createFormApp(options: AppOptions = {}): App {
  const app = new App(options);
  app.post(
    "/login",
    { params: { username: Form(z.string()), password: Form(z.string().min(4)) } },
    ({ username }) => ({ username }),
  );
  app.post(
    "/upload",
    { params: { file: File(), note: Form(z.string().optional()) } },
    async ({ file, note }) => ({
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      text: await file.text(),
      note: note ?? null,
    }),
  );
  app.post("/bytes", { params: { file: File() } }, async ({ file }) => {
    const bytes = await file.read();
    let sum = 0;
    for (const byte of bytes) sum = (sum + byte) % 65521;
    let streamed = 0;
    for await (const chunk of file.stream()) streamed += chunk.byteLength;
    return { filename: file.filename, size: file.size, length: bytes.length, streamed, sum };
  });
  app.post(
    "/many",
    { params: { files: Files(), tags: Form(z.array(z.string()).optional()) } },
    ({ files, tags }) => ({
      files: files.map((f) => ({ filename: f.filename, size: f.size })),
      tags: tags ?? [],
    }),
  );
  app.post(
    "/optional-file",
    { params: { file: File({ optional: true }), count: Form(z.number().int().default(1)) } },
    ({ file, count }) => ({ has_file: file !== undefined, count }),
  );
  app.post(
    "/model",
    {
      params: {
        item: Form(z.object({ name: z.string(), price: z.number(), tags: z.array(z.string()) })),
      },
    },
    ({ item }) => item,
  );
  app.post(
    "/small",
    { params: { file: File() }, formLimits: { fileSize: 1024, fields: 5, parts: 10 } },
    ({ file }) => ({ size: file.size }),
  );
  app.post(
    "/tiny",
    { params: { file: File() }, formLimits: { multipartSize: 64 * 1024 } },
    ({ file }) => ({ size: file.size }),
  );
  app.post("/token", { params: { form: Depends(OAuth2PasswordRequestForm) } }, ({ form }) => form);
  app.post(
    "/token-strict",
    { params: { form: Depends(OAuth2PasswordRequestFormStrict) } },
    ({ form }) => form,
  );
  return app;
}
