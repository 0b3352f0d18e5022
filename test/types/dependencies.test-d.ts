import {
  App,
  Depends,
  dependency,
  Header,
  Query,
  Security,
  SecurityScopes,
  type SecurityScopesValue,
} from "tailor";
import { expectTypeOf, test } from "vitest";
import { z } from "zod";

interface Db {
  find(key: string): Promise<{ id: number; name: string } | undefined>;
}
declare function openDb(): Promise<Db & { close(): Promise<void> }>;

const getDb = dependency({}, async function* () {
  const db = await openDb();
  try {
    yield db as Db;
  } finally {
    await db.close();
  }
});
const syncConfig = dependency({}, () => ({ region: "eu" as const, retries: 3 }));
const currentUser = dependency(
  { key: Header(z.string(), { alias: "x-api-key" }), db: Depends(getDb) },
  async ({ key, db }) => {
    expectTypeOf(key).toEqualTypeOf<string>();
    expectTypeOf(db).toEqualTypeOf<Db>();
    return db.find(key);
  },
);
const counter = dependency({ step: Query(z.number().int().default(1)) }, function* ({ step }) {
  expectTypeOf(step).toEqualTypeOf<number>();
  yield { count: step };
});

test("the resolved value of sync, async and generator dependencies reaches the handler", () => {
  new App().get(
    "/me/{section}",
    {
      params: {
        user: Depends(currentUser),
        config: Depends(syncConfig),
        db: Depends(getDb),
        counter: Depends(counter, { useCache: false }),
      },
    },
    ({ user, config, db, counter, section }) => {
      expectTypeOf(user).toEqualTypeOf<{ id: number; name: string } | undefined>();
      expectTypeOf(config).toEqualTypeOf<{ region: "eu"; retries: number }>();
      expectTypeOf(db).toEqualTypeOf<Db>();
      expectTypeOf(counter).toEqualTypeOf<{ count: number }>();
      expectTypeOf(section).toEqualTypeOf<string>();
      // @ts-expect-error -- the config value has no `zone` field, only `region` and `retries`
      config.zone;
      // @ts-expect-error -- `user` may be undefined, so its fields need a check first
      user.name;
      return { ok: true };
    },
  );
});

test("Security injects its dependency's value and SecurityScopes gives scopes and scopeStr", () => {
  const token = dependency({ required: SecurityScopes() }, ({ required }) => {
    expectTypeOf(required).toEqualTypeOf<SecurityScopesValue>();
    expectTypeOf(required.scopes).toEqualTypeOf<readonly string[]>();
    expectTypeOf(required.scopeStr).toEqualTypeOf<string>();
    return { sub: "alice", scopes: required.scopes };
  });
  new App().get(
    "/items",
    { params: { token: Security(token, { scopes: ["items"] }) } },
    ({ token }) => {
      expectTypeOf(token).toEqualTypeOf<{ sub: string; scopes: readonly string[] }>();
      // @ts-expect-error -- the token has `sub`, not `subject`
      token.subject;
      return token.sub;
    },
  );
});

test("an app-scoped dependency's function receives no request context", () => {
  const model = dependency({}, async () => ({ predict: (text: string) => text.length }), {
    scope: "app",
  });
  new App().post("/predict", { params: { model: Depends(model) } }, ({ model }) => {
    expectTypeOf(model.predict).toEqualTypeOf<(text: string) => number>();
    return model.predict("hi");
  });
  // @ts-expect-error -- an app-scoped function is called outside any request, so it cannot take ctx
  dependency({}, (_args, ctx: { path: string }) => ctx.path, { scope: "app" });
});

test("a dependency's args are typed from its own params", () => {
  dependency({ limit: Query(z.number().max(100)) }, ({ limit }) => {
    expectTypeOf(limit).toEqualTypeOf<number>();
    // @ts-expect-error -- `offset` is not declared by this dependency
    return limit + offset;
  });
});
