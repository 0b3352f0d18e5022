import { describe, expectTypeOf, test } from "vitest";
import {
  App,
  type AppOptions,
  type FormLimits,
  type JsonLimits,
  type RequestChecks,
  StaticFiles,
  type ValidationErrorLimits,
} from "../../src/index.js";

describe("security options", () => {
  test("the app takes each limit under its documented name", () => {
    expectTypeOf<AppOptions["json"]>().toEqualTypeOf<JsonLimits | undefined>();
    expectTypeOf<AppOptions["validationErrors"]>().toEqualTypeOf<
      ValidationErrorLimits | undefined
    >();
    expectTypeOf<AppOptions["requestChecks"]>().toEqualTypeOf<RequestChecks | undefined>();
    expectTypeOf<FormLimits["multipartSize"]>().toEqualTypeOf<number | undefined>();
    expectTypeOf<FormLimits["filenameSize"]>().toEqualTypeOf<number | undefined>();
    new App({
      json: { maxDepth: 32, allowPrototypeKeys: false },
      validationErrors: { maxErrors: 10, maxInputLength: 200 },
      requestChecks: { uniqueHeaders: ["host"], contentEncodings: ["identity", "gzip"] },
      trustedRedirectHosts: ["api.example.com"],
      formLimits: { multipartSize: 1024, filenameSize: 100 },
    });
  });

  test("misspelled or mistyped limits are compile errors", () => {
    // @ts-expect-error maxDepth is a number
    new App({ json: { maxDepth: "64" } });
    // @ts-expect-error the option is maxErrors
    new App({ validationErrors: { max: 10 } });
    // @ts-expect-error a list of host names
    new App({ trustedRedirectHosts: "api.example.com" });
  });

  test("StaticFiles takes dotfiles and trusted redirect hosts", () => {
    new StaticFiles({ directory: ".", dotfiles: true, trustedRedirectHosts: ["a.example"] });
    // @ts-expect-error dotfiles is a boolean
    new StaticFiles({ directory: ".", dotfiles: "allow" });
  });
});
