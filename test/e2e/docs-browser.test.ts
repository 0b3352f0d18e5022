import { mkdirSync } from "node:fs";
import { type Browser, type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { app } from "../../examples/openapi/app.js";
import { type RunningServer, serve } from "../../src/index.js";
import { chromiumExecutable } from "./chromium.js";

let server: RunningServer;
let browser: Browser;
let context: BrowserContext;
/** every URL the pages asked for that is not on the local server */
const leaks: string[] = [];

beforeAll(async () => {
  mkdirSync("test-output", { recursive: true });
  server = await serve(app, { port: 0 });
  browser = await chromium.launch({
    executablePath: await chromiumExecutable(),
    args: ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"],
  });
  context = await browser.newContext({ viewport: { width: 1280, height: 1600 } });
  await context.route("**/*", (route) => {
    const url = new URL(route.request().url());
    if (url.hostname === "127.0.0.1") return route.continue();
    leaks.push(url.href);
    return route.abort();
  });
  context.on("request", (request) => {
    const url = new URL(request.url());
    if ((url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "127.0.0.1") {
      leaks.push(url.href);
    }
  });
}, 60_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

async function openOperation(page: Page, id: string) {
  const block = page.locator(`#${id}`);
  await block.locator(".opblock-summary").first().click();
  await block.getByRole("button", { name: "Try it out" }).click();
  await block.getByRole("button", { name: "Execute" }).click();
  return block;
}

describe("the docs pages in a real browser", () => {
  it("list every documented operation on /docs", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/docs`);
    await page.locator(".opblock").first().waitFor();
    await expect(page.title()).resolves.toBe("Shop API - Swagger UI");
    const operations = await page
      .locator(".opblock")
      .evaluateAll((blocks) =>
        blocks.map(
          (block) =>
            `${block.querySelector(".opblock-summary-method")?.textContent} ${block
              .querySelector("[data-path]")
              ?.getAttribute("data-path")}`,
        ),
      );
    expect(operations.sort()).toEqual(
      [
        "GET /items/{item_id}",
        "POST /items",
        "DELETE /items/{item_id}",
        "POST /echo",
        "GET /me",
        "GET /hello/{name}",
      ].sort(),
    );
    await page.screenshot({ path: "test-output/docs.png", fullPage: true });
    expect(leaks).toEqual([]);
    await page.close();
  }, 60_000);

  it("run a POST with Try it out and Execute and show its response body", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/docs`);
    const block = await openOperation(page, "operations-default-echo_echo_post");
    const live = block.locator(".live-responses-table");
    await live.locator("tr.response .response-col_status").first().waitFor();
    expect(
      (await live.locator("tr.response .response-col_status").first().textContent())?.trim(),
    ).toBe("200");
    await expect(
      live.locator("tr.response .response-col_description").first().textContent(),
    ).resolves.toContain('"echoed": "string"');
    expect(leaks).toEqual([]);
    await page.close();
  }, 60_000);

  it("send the API key entered in Authorize to a protected route", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/docs`);
    await page.locator("button.authorize").first().click();
    const modal = page.locator(".modal-ux");
    await modal.locator("input").first().fill("secret");
    await modal.locator("button.modal-btn.authorize").click();
    await modal.locator("button.btn-done").first().click();
    const block = await openOperation(page, "operations-auth-read_me_me_get");
    const live = block.locator(".live-responses-table");
    await live.locator("tr.response .response-col_status").first().waitFor();
    expect(
      (await live.locator("tr.response .response-col_status").first().textContent())?.trim(),
    ).toBe("200");
    await expect(
      live.locator("tr.response .response-col_description").first().textContent(),
    ).resolves.toContain('"key": "secret"');
    expect(leaks).toEqual([]);
    await page.close();
  }, 60_000);

  it("render the title and the operations on /redoc", async () => {
    const page = await context.newPage();
    await page.goto(`${server.url}/redoc`);
    const heading = page.locator("h1").first();
    await heading.waitFor({ timeout: 30_000 });
    await expect(heading.textContent()).resolves.toContain("Shop API");
    const menu = (await page.locator(".menu-content").first().textContent()) ?? "";
    for (const summary of [
      "Read Item",
      "Create Item",
      "Delete Item",
      "Repeat a message",
      "Read Me",
    ]) {
      expect(menu).toContain(summary);
    }
    await page.screenshot({ path: "test-output/redoc.png", fullPage: false });
    expect(leaks).toEqual([]);
    await page.close();
  }, 60_000);
});
