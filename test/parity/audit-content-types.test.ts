import { it } from "vitest";
import { z } from "zod";
import { App } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";
import { expectRecorded, JSON_CT } from "./recorded.js";

/**
 * §3: FastAPI parses a body as JSON only when the content type's main type is `application` and
 * its subtype is `json` or ends in `+json` (`email.message` parsing: case-insensitive, parameters
 * ignored). Any other type hands the raw text to the model: 422 model_attributes_type.
 */
function createApp(): App {
  const app = new App();
  const Item = z.object({ name: z.string() }).meta({ id: "Item" });
  app.post("/items", { params: { item: Item } }, ({ item }) => item);
  return app;
}

const BODY = '{"name":"a"}';
const NOT_PARSED =
  '{"detail":[{"type":"model_attributes_type","loc":["body"],"msg":"Input should be a valid dictionary or object to extract fields from","input":"{\\"name\\":\\"a\\"}"}]}';

describeTransports("§3 which content types are read as JSON", createApp, (client) => {
  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON",
    "application/problem+json",
    "application/vnd.api+json; charset=utf-8",
  ])("%s is parsed as JSON", async (contentType) => {
    const response = await client().request("POST", "/items", {
      headers: { "content-type": contentType },
      body: BODY,
    });
    await expectRecorded(response, { status: 200, contentType: JSON_CT, body: BODY });
  });

  it.each([
    "text/json",
    "multipart/json",
    "text/plain+json",
    "application/x-json",
    "application/jsonx",
  ])("%s is not parsed: the raw text fails the model", async (contentType) => {
    const response = await client().request("POST", "/items", {
      headers: { "content-type": contentType },
      body: BODY,
    });
    await expectRecorded(response, { status: 422, contentType: JSON_CT, body: NOT_PARSED });
  });
});
