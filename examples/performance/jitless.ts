import { z } from "zod";

// the example app of app.ts, validated without generated code
export { app } from "./app.js";

// #region jitless
// Tailor generates one function per schema (with `new Function`) for the values the schema
// accepts; rejected values go to its interpreter, which words the 422. Where generating code is
// refused (a strict Content-Security-Policy, some edge runtimes) Tailor does without on its
// own. To turn generation off yourself, use Zod's switch before the first request: answers and
// errors stay the same, only slower.
z.config({ jitless: true });
// #endregion jitless
