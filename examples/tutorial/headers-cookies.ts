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

// #region models
// A header model reads every header: each field from its hyphenated name, a strict model
// rejects the ones it does not declare. A cookie model reads every cookie the same way.
const CommonHeaders = z.object({
  save_data: z.boolean().default(false), // reads "save-data"
  x_tag: z.array(z.string()).default([]), // every "x-tag" line
});
const SessionCookies = z.object({ session_id: z.string(), theme: z.string().default("light") });

app.get(
  "/preferences",
  { params: { headers: Header(CommonHeaders), cookies: Cookie(SessionCookies) } },
  function preferences({ headers, cookies }) {
    return { save_data: headers.save_data, tags: headers.x_tag, theme: cookies.theme };
  },
);
// #endregion models
