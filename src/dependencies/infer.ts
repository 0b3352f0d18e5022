import type { Simplify } from "../internal/types.js";
import type { ParamValue, PathParamNames } from "../params/infer.js";
import type { Dependency, DependsMarker, SpecialParam } from "./dependency.js";

/** What a dependency function's return resolves to: awaited, or the first value a generator yields. */
export type ResolvedValue<TResult> =
  TResult extends AsyncGenerator<infer TYield, any, any>
    ? TYield
    : TResult extends Generator<infer TYield, any, any>
      ? TYield
      : Awaited<TResult>;

type ValueOf<TParam> =
  TParam extends DependsMarker<infer TDependency>
    ? TDependency extends Dependency<any, infer TValue>
      ? TValue
      : never
    : TParam extends SpecialParam<infer TValue>
      ? TValue
      : ParamValue<TParam>;

/**
 * The argument object a handler or dependency receives: one key per declared param, plus
 * `string` for each `{name}` of the path template that has no declared param.
 */
export type ArgsOf<TPath extends string, TParams> = Simplify<
  { [K in keyof TParams]: ValueOf<TParams[K]> } & {
    [K in Exclude<PathParamNames<TPath>, keyof TParams>]: string;
  }
>;
