import { z } from "zod";
import { App, Path } from "../../src/index.js";

export const app = new App();

// #region path
// Declared first, so it wins over "/users/{user_id}" for "/users/me".
app.get("/users/me", {}, function readCurrentUser() {
  return { user_id: "the current user" };
});

app.get("/users/{user_id}", {}, function readUser({ user_id }) {
  // an undeclared template name is a string
  return { user_id };
});

app.get(
  "/items/{item_id}",
  { params: { item_id: Path(z.number().int().min(1), { description: "The item's id" }) } },
  function readItem({ item_id }) {
    return { item_id }; // a number: "3" was converted and validated
  },
);

const ModelName = z.enum(["alexnet", "resnet", "lenet"]);
app.get(
  "/models/{model_name}",
  { params: { model_name: ModelName } },
  function getModel({ model_name }) {
    return {
      model_name,
      message: model_name === "alexnet" ? "Deep Learning FTW!" : "Have some residuals",
    };
  },
);

// "{name:path}" captures the rest of the path, slashes included
app.get("/files/{file_path:path}", {}, function readFile({ file_path }) {
  return { file_path };
});
// #endregion path
