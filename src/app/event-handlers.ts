import { ConfigError } from "../errors/config-error.js";

/** The two events of FastAPI's `on_event`. */
export type LifespanEvent = "startup" | "shutdown";

/** A startup or shutdown hook; like FastAPI's, it takes no argument. */
export type EventHandler = () => unknown;

/**
 * An app's or router's `onEvent` hooks, each event's in registration order (Starlette runs
 * both lists first to last). Included routers hand theirs to the app that includes them.
 */
export class EventHandlers {
  readonly startup: EventHandler[] = [];
  readonly shutdown: EventHandler[] = [];

  /** FastAPI's `on_startup=[…]` / `on_shutdown=[…]` options */
  addAll(options: { onStartup?: readonly EventHandler[]; onShutdown?: readonly EventHandler[] }) {
    for (const handler of options.onStartup ?? []) this.add("startup", handler);
    for (const handler of options.onShutdown ?? []) this.add("shutdown", handler);
  }

  add(event: LifespanEvent, handler: EventHandler): void {
    if (event !== "startup" && event !== "shutdown")
      throw new ConfigError(
        "E_ROUTE_OPTION",
        `onEvent(${JSON.stringify(event)})`,
        'the event is "startup" or "shutdown".',
      );
    if (typeof handler !== "function")
      throw new ConfigError(
        "E_ROUTE_OPTION",
        `onEvent("${event}")`,
        "the handler is not a function.",
      );
    this[event].push(handler);
  }

  /** appends another registry's hooks (an included router's) after these */
  include(other: EventHandlers): void {
    this.startup.push(...other.startup);
    this.shutdown.push(...other.shutdown);
  }

  /** runs one event's hooks one after another; the first to throw stops the rest */
  async run(event: LifespanEvent): Promise<void> {
    for (const handler of this[event]) await handler();
  }
}
