import { expect, it } from "vitest";
import { z } from "zod";
import { App, Form, Header, Query } from "../../src/index.js";
import { describeTransports } from "../integration/transports.js";

function documentedParamsApp(): App {
  const app = new App();
  app.get(
    "/search",
    {
      params: {
        q: Query(z.string(), {
          title: "Search text",
          description: "what to look for",
          examples: ["hat"],
          openapiExamples: {
            short: { summary: "one word", value: "hat" },
            long: { summary: "a phrase", value: "red wool hat" },
          },
          deprecated: true,
        }),
        agent: Header(z.string().optional(), { title: "Client" }),
      },
    },
    () => ({}),
  );
  app.post("/login", { params: { user: Form(z.string(), { title: "User name" }) } }, () => ({}));
  return app;
}

describeTransports("param title and examples in /openapi.json", documentedParamsApp, (client) => {
  async function document() {
    return (await (await client().request("GET", "/openapi.json")).json()) as Record<string, any>;
  }

  it("title replaces the schema title; openapiExamples are the Parameter Object's examples, in FastAPI's key order", async () => {
    const [q, agent] = (await document()).paths["/search"].get.parameters;
    expect(Object.keys(q)).toEqual([
      "name",
      "in",
      "required",
      "schema",
      "description",
      "examples",
      "deprecated",
    ]);
    expect(q.schema).toMatchObject({ title: "Search text", examples: ["hat"] });
    expect(q.examples).toEqual({
      short: { summary: "one word", value: "hat" },
      long: { summary: "a phrase", value: "red wool hat" },
    });
    expect(agent.schema.title).toBe("Client");
  });

  it("a form field's title reaches its Body_ component", async () => {
    const body = (await document()).components.schemas.Body_post_login_login_post;
    expect(body.properties.user.title).toBe("User name");
  });
});
