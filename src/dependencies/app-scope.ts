import type { Dependency } from "./dependency.js";
import { isDependsMarker } from "./dependency.js";
import { callKindOf, type DependencyOverrides, type RouteGraph } from "./graph.js";
import { TeardownStack } from "./teardown.js";

/**
 * One app-scoped dependency's value. Compiled routes keep the slot itself, so a request that
 * finds it ready reads `value` with no lookup and no await.
 */
export interface AppSlot {
  readonly dependency: Dependency;
  ready: boolean;
  value: unknown;
  pending: Promise<unknown> | undefined;
}

/**
 * The values of an app's app-scoped dependencies: each created once (at startup, or on first
 * use), shared by every request, and its generator closed at shutdown, newest first.
 */
export class AppScope {
  readonly #slots = new Map<Dependency, AppSlot>();
  readonly #overrides: DependencyOverrides;
  #stack = new TeardownStack();

  constructor(overrides: DependencyOverrides) {
    this.#overrides = overrides;
  }

  /** the stable slot of a dependency (overrides already applied by the caller) */
  slot(dep: Dependency): AppSlot {
    let slot = this.#slots.get(dep);
    if (slot === undefined) {
      slot = { dependency: dep, ready: false, value: undefined, pending: undefined };
      this.#slots.set(dep, slot);
    }
    return slot;
  }

  /** the slot's value, creating it once however many requests ask at the same time */
  resolve(slot: AppSlot): Promise<unknown> {
    if (slot.ready) return Promise.resolve(slot.value);
    slot.pending ??= this.#create(slot).catch((error: unknown) => {
      slot.pending = undefined; // a failed creation is retried by the next request
      throw error;
    });
    return slot.pending;
  }

  /** creates every app-scoped dependency the given routes use (called by `app.startup()`) */
  async startAll(graphs: readonly RouteGraph[]): Promise<void> {
    for (const graph of graphs) {
      for (const node of graph.nodes) {
        if (node.scope === "app" && node.dependency !== null)
          await this.resolve(this.slot(node.dependency));
      }
    }
  }

  /** closes every created value, newest first; resolves to the errors teardowns raised */
  async close(): Promise<unknown[]> {
    const stack = this.#stack;
    this.#stack = new TeardownStack();
    for (const slot of this.#slots.values()) {
      slot.ready = false;
      slot.value = undefined;
      slot.pending = undefined;
    }
    return stack.close(undefined, false);
  }

  async #create(slot: AppSlot): Promise<unknown> {
    const dep = slot.dependency;
    const args: Record<string, unknown> = {};
    for (const [name, marker] of Object.entries(dep.params)) {
      if (!isDependsMarker(marker)) continue; // rejected when the route's graph was analysed
      const child = this.#overrides.get(marker.dependency) ?? marker.dependency;
      args[name] = await this.resolve(this.slot(child));
    }
    let value: unknown;
    if (callKindOf(dep.fn) === "plain") {
      value = await (dep.fn as (args: unknown) => unknown)(args);
    } else {
      const gen = (dep.fn as (args: unknown) => Generator | AsyncGenerator)(args);
      const step = await gen.next();
      if (step.done)
        throw new Error(`app-scoped dependency "${dep.name}" returned without yielding`);
      this.#stack.push(gen, false);
      value = step.value;
    }
    slot.value = value;
    slot.ready = true;
    return value;
  }
}
