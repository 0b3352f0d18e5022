import { z } from "zod";
import { App, Cookie, Header } from "../../src/index.js";

export const app = new App();

// #region headers
app.get(
  "/headers",
  {
    params: {
      user_agent: Header(z.string().optional()), // reads "user-agent"
      x_token: Header(z.array(z.string()).default([])), // every "x-token" line
      strange_header: Header(z.string().optional(), { convertUnderscores: false }),
      session: Cookie(z.string().optional()),
    },
  },
  function readHeaders({ user_agent, x_token, strange_header, session }) {
    return {
      user_agent: user_agent ?? null,
      x_token,
      strange_header: strange_header ?? null,
      session: session ?? null,
    };
  },
);
// #endregion headers
