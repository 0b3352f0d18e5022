import { z } from "zod";
import { App, Depends, Form, HTTPException, OAuth2PasswordRequestForm } from "../../src/index.js";

export const app = new App();

// #region login-form
// Form fields come from application/x-www-form-urlencoded or multipart/form-data bodies.
// Their strings are converted like query values: Form(z.boolean()) accepts "true", "on", "1".
app.post(
  "/login",
  { params: { username: Form(z.string()), password: Form(z.string().min(4)) } },
  function login({ username }) {
    return { username };
  },
);
// #endregion login-form

// #region form-model
// An object schema in Form() reads every field of the form (a form model).
const Signup = z.object({
  email: z.string(),
  newsletter: z.boolean().default(false),
  interests: z.array(z.string()).default([]),
});

app.post("/signup", { params: { signup: Form(Signup) } }, function register({ signup }) {
  return signup;
});
// #endregion form-model

// #region token
// The OAuth2 password flow's token request: username, password, scope, grant_type, client_id…
const users: Record<string, string> = { alice: "wonderland" };

app.post(
  "/token",
  { params: { form: Depends(OAuth2PasswordRequestForm) } },
  function token({ form }) {
    if (users[form.username] !== form.password) {
      throw new HTTPException(400, "Incorrect username or password");
    }
    return { access_token: form.username, token_type: "bearer", scopes: form.scopes };
  },
);
// #endregion token
