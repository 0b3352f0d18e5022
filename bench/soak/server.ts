// The soak's server process: the hostile-corpus app (every request source, a catastrophic
// pattern, static files with dotfiles, uploads) on a loopback port it prints when listening.
import { serve } from "../../src/index.js";
import { createHostileApp, removeStaticFixture } from "../../test/integration/hostile-app.js";

const logged: unknown[] = [];
const server = await serve(createHostileApp(logged), { port: 0 });
process.stdout.write(`${JSON.stringify({ port: server.port })}\n`);
// the parent asks for the number of logged server errors on stdin, then ends the process
process.stdin.on("data", async () => {
  process.stdout.write(`${JSON.stringify({ logged: logged.length })}\n`);
  await server.close();
  removeStaticFixture();
  process.exit(0);
});
