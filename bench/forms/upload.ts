// What a 16 MiB multipart upload costs end to end on node:http (client and server in this one
// process, on loopback). Run: npx tsx bench/forms/upload.ts
import { App, File, serve } from "../../src/index.js";

const app = new App();
app.post(
  "/upload",
  { params: { file: File() }, formLimits: { fileSize: 64 * 1024 * 1024 } },
  ({ file }) => ({ size: file.size }),
);
const server = await serve(app, { port: 0, accessLog: false });
const payload = Buffer.alloc(16 * 1024 * 1024, 0x61);
const body = Buffer.concat([
  Buffer.from('--XYZ\r\nContent-Disposition: form-data; name="file"; filename="a.bin"\r\n\r\n'),
  payload,
  Buffer.from("\r\n--XYZ--\r\n"),
]);
const send = async () => {
  const response = await fetch(`${server.url}/upload`, {
    method: "POST",
    headers: { "content-type": "multipart/form-data; boundary=XYZ" },
    body,
  });
  if (response.status !== 200) throw new Error(`status ${response.status}`);
  await response.text();
};
for (let i = 0; i < 3; i++) await send();
const runs = 15;
const started = performance.now();
const cpu = process.cpuUsage();
for (let i = 0; i < runs; i++) await send();
const used = process.cpuUsage(cpu);
const wall = (performance.now() - started) / runs;
const cpuMs = (used.user + used.system) / 1000 / runs;
console.log(`16 MiB upload: ${wall.toFixed(1)} ms wall, ${cpuMs.toFixed(1)} ms CPU per upload`);
await server.close();
