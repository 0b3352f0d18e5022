import {
  App,
  type BackgroundTasks,
  BackgroundTasksParam,
  Depends,
  dependency,
  type RequestContext,
  RequestParam,
} from "tailor";
import { expectTypeOf, test } from "vitest";

test("BackgroundTasksParam() and RequestParam() are typed as BackgroundTasks and RequestContext", () => {
  const audit = dependency(
    { tasks: BackgroundTasksParam(), request: RequestParam() },
    ({ tasks, request }) => {
      expectTypeOf(tasks).toEqualTypeOf<BackgroundTasks>();
      expectTypeOf(request).toEqualTypeOf<RequestContext>();
      tasks.add((path: string, status: number) => [path, status], request.path, 200);
      // @ts-expect-error: the task's arguments are checked against its function
      tasks.add((path: string) => path, 1);
      return request.method;
    },
  );
  new App().get(
    "/items",
    { params: { tasks: BackgroundTasksParam(), method: Depends(audit) } },
    ({ tasks, method }) => {
      expectTypeOf(tasks).toEqualTypeOf<BackgroundTasks>();
      expectTypeOf(method).toEqualTypeOf<string>();
      return null;
    },
  );
});
