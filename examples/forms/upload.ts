import { z } from "zod";
import { App, File, Files, Form, HTTPException, type UploadFile } from "../../src/index.js";

// #region limits
// Limits apply to every form and multipart body of the app; a route may override them.
export const app = new App({ formLimits: { fileSize: 25 * 1024 * 1024 } });
// #endregion limits

// #region transcribe
// An audio or image upload for a model: File() gives an UploadFile.
const ACCEPTED = ["audio/", "image/"];

app.post(
  "/transcribe",
  {
    params: {
      file: File({ description: "an audio clip or an image" }),
      language: Form(z.string().default("en")),
    },
    formLimits: { files: 1 },
  },
  async function transcribe({ file, language }) {
    if (!ACCEPTED.some((prefix) => file.contentType.startsWith(prefix))) {
      throw new HTTPException(415, "Send an audio file or an image");
    }
    const bytes = await file.read(); // hand these to the model
    return {
      filename: file.filename,
      content_type: file.contentType,
      size: file.size,
      read: bytes.byteLength,
      language,
    };
  },
);
// #endregion transcribe

// #region batch
// Several files under one field name, and an optional one.
async function countBytes(file: UploadFile): Promise<number> {
  let total = 0;
  for await (const chunk of file.stream()) total += chunk.byteLength;
  return total;
}

app.post(
  "/batch",
  { params: { images: Files(), mask: File({ optional: true }) } },
  async function batch({ images, mask }) {
    return {
      images: await Promise.all(
        images.map(async (image) => ({ filename: image.filename, bytes: await countBytes(image) })),
      ),
      has_mask: mask !== undefined,
    };
  },
);
// #endregion batch

// #region sniff
// Check a file's first bytes, seek back, then read it whole — as with Starlette's UploadFile.
const PNG = [0x89, 0x50, 0x4e, 0x47];

app.post("/sniff", { params: { file: File() } }, async function sniff({ file }) {
  const magic = await file.read(4);
  const isPng = PNG.every((byte, i) => magic[i] === byte);
  await file.seek(0);
  const bytes = await file.read();
  await file.close(); // a spooled temp file is deleted now, not after the response
  return { png: isPng, size: bytes.byteLength };
});
// #endregion sniff
