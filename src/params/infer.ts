import type { StandardSchemaV1 } from "../schema/index.js";
import type { ParamMarker } from "./markers.js";

/** "/items/{item_id}/files/{p:path}" -> "item_id" | "p" */
export type PathParamNames<TPath extends string> =
  TPath extends `${string}{${infer Param}}${infer Rest}`
    ? (Param extends `${infer Name}:${string}` ? Name : Param) | PathParamNames<Rest>
    : never;

/** The value a handler receives for a marker or a bare schema: the schema's output type. */
export type ParamValue<TParam> =
  TParam extends ParamMarker<infer TSchema, any>
    ? StandardSchemaV1.InferOutput<TSchema>
    : TParam extends StandardSchemaV1
      ? StandardSchemaV1.InferOutput<TParam>
      : never;
