// Elysia on Bun.serve (its app is in elysia-app.ts).
import { app } from "./elysia-app.js";

const port = Number(process.argv[2] ?? process.env.PORT ?? 3000);
app.listen({ hostname: "127.0.0.1", port });
