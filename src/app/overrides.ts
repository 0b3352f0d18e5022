import type { Dependency } from "../dependencies/dependency.js";

/**
 * `app.dependencyOverrides`: a Map whose every change tells the app to re-analyse its routes
 * (once, on the next request), so overrides are resolved at compile time, never per request.
 *
 * @example app.dependencyOverrides.set(getDb, fakeDb); … app.dependencyOverrides.clear();
 */
export class DependencyOverrides extends Map<Dependency<any, any>, Dependency<any, any>> {
  #version = 0;

  get version(): number {
    return this.#version;
  }

  override set(original: Dependency<any, any>, replacement: Dependency<any, any>): this {
    super.set(original, replacement);
    this.#version++;
    return this;
  }

  override delete(original: Dependency<any, any>): boolean {
    this.#version++;
    return super.delete(original);
  }

  override clear(): void {
    super.clear();
    this.#version++;
  }
}
