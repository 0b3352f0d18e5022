// Plain JavaScript: it is imported before tsx is registered.
// Loaded into a contender (`node --import`) by gc.ts: counts the requests node:http starts and
// the garbage collections V8 runs, and writes both to stderr as one line on SIGUSR2.
import { subscribe } from "node:diagnostics_channel";
import { constants, PerformanceObserver } from "node:perf_hooks";

let requests = 0;
let minor = 0;
let major = 0;
subscribe("http.server.request.start", () => {
  requests++;
});
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    const kind = entry.detail?.kind;
    if (kind === constants.NODE_PERFORMANCE_GC_MINOR) minor++;
    else major++;
  }
}).observe({ entryTypes: ["gc"] });
process.on("SIGUSR2", () => {
  process.stderr.write(`GC-PROBE ${JSON.stringify({ requests, minor, major })}\n`);
});
