import { expect, it } from "vitest";
import { describeTransports } from "../integration/transports.js";
import { createFormApp } from "../params/form-apps.js";
import { caseRequest } from "../params/form-helpers.js";
import { CASES } from "./cases.js";
import { expectRecorded } from "./recorded.js";

const FORM_CASES = [
  "form-missing-fields",
  "form-too-short",
  "form-endpoint-sent-json",
  "upload-missing-file",
  "multipart-missing-boundary",
  "multipart-truncated-body",
];

it("ports every recorded §3 form and multipart case", () => {
  const recorded = Object.values(CASES).filter(
    (c) => c.section === "3" && (c.path === "/login" || c.path === "/upload"),
  );
  expect(recorded.map((c) => c.name)).toEqual(FORM_CASES);
});

describeTransports("§3 forms and multipart as recorded", createFormApp, (client) => {
  it.each(FORM_CASES)("%s answers byte for byte as FastAPI", async (name) => {
    const recorded = CASES[name]!;
    const response = await client().request(recorded.method, recorded.path, caseRequest(recorded));
    await expectRecorded(response, {
      status: recorded.status,
      contentType: recorded.contentType,
      body: recorded.body,
    });
  });

  it("serves the next request on the same server after each recorded error", async () => {
    const response = await client().request("POST", "/login", {
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "username=u&password=abcd",
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ username: "u" });
  });
});
