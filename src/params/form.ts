import { type FormValues, ReceivedFile } from "../http/form-body.js";
import type { SchemaFacts, StandardSchemaV1, Validated, Validator } from "../schema/index.js";
import { describeFields } from "../schema/index.js";
import type { ParamDeclaration } from "./analyze.js";
import { ParamMarker, type ParamOptions } from "./markers.js";
import { UploadFile } from "./upload-file.js";

export interface FileOptions extends ParamOptions {
  /** several files under one field name: the handler gets `UploadFile[]` */
  list?: boolean;
  /** the file may be left out: the handler gets `undefined` */
  optional?: boolean;
}

/** `File()` -> UploadFile; `File({ list: true })` -> UploadFile[]; `optional: true` adds undefined */
export type FileValue<TOptions extends FileOptions> =
  | (TOptions extends { list: true } ? UploadFile[] : UploadFile)
  | (TOptions extends { optional: true } ? undefined : never);

/**
 * The schema behind `File()`: it only types the handler argument and carries the facts; the
 * value is checked by the file validator, which knows UploadFile.
 */
export class FileSchema<TValue = UploadFile> implements StandardSchemaV1<TValue, TValue> {
  readonly facts: SchemaFacts;
  readonly "~standard": StandardSchemaV1.Props<TValue, TValue>;

  constructor(facts: SchemaFacts) {
    this.facts = facts;
    const isValue = (value: unknown) =>
      facts.isList
        ? Array.isArray(value) && value.every((item) => item instanceof UploadFile)
        : value instanceof UploadFile;
    this["~standard"] = {
      version: 1,
      vendor: "tailor",
      validate: (value) =>
        (value === undefined && facts.optional) || isValue(value)
          ? { value: value as TValue }
          : { issues: [{ message: "Expected UploadFile" }] },
    };
  }
}

/**
 * A form field (`application/x-www-form-urlencoded` or `multipart/form-data`); strings are
 * converted like query values, a list schema takes repeated fields, an object schema reads
 * every field of the form (a form model).
 * @example { username: Form(z.string()), password: Form(z.string().min(4)) }
 */
export function Form<TSchema extends StandardSchemaV1>(
  schema: TSchema,
  options?: ParamOptions,
): ParamMarker<TSchema, "form"> {
  return new ParamMarker("form", schema, options);
}

/**
 * An uploaded file of a `multipart/form-data` body.
 * @example { image: File(), attachments: File({ list: true, optional: true }) }
 */
export function File<const TOptions extends FileOptions = {}>(
  options?: TOptions,
): ParamMarker<FileSchema<FileValue<TOptions>>, "file"> {
  const facts: SchemaFacts = {
    optional: options?.optional === true,
    isList: options?.list === true,
    isObject: false,
  };
  const { list: _list, optional: _optional, ...rest } = options ?? {};
  return new ParamMarker("file", new FileSchema<FileValue<TOptions>>(facts), rest);
}

/** Several files under one field name: `Files()` is `File({ list: true })`. */
export function Files<const TOptions extends Omit<FileOptions, "list"> = {}>(
  options?: TOptions,
): ParamMarker<FileSchema<FileValue<TOptions & { list: true }>>, "file"> {
  return File({ ...options, list: true } as TOptions & { list: true });
}

function asValue(value: string | ReceivedFile): string | UploadFile {
  return value instanceof ReceivedFile ? new UploadFile(value) : value;
}

/** Reads one form field: the last value, or every value for a list; "" counts as absent. */
export function formFieldReader(param: ParamDeclaration): (body: unknown) => unknown {
  const wire = param.wireName;
  if (param.facts.isList) {
    return (body) => {
      const values = (body as FormValues)[wire];
      return values === undefined ? undefined : values.map(asValue);
    };
  }
  return (body) => {
    const values = (body as FormValues)[wire];
    const last = values === undefined ? undefined : values[values.length - 1];
    // FastAPI: an empty form value is a missing one (its default applies)
    return last === undefined || last === "" ? undefined : asValue(last);
  };
}

/** A form model reads the whole form: each field a string, or a list for list fields. */
export function formModelReader(param: ParamDeclaration): (body: unknown) => unknown {
  const fields = describeFields(param.schema!) ?? {};
  const lists = new Set(Object.keys(fields).filter((key) => fields[key]!.isList));
  return (body) => {
    const values = body as FormValues;
    // null prototype: a "__proto__" field is a field like any other, never the model's prototype
    const model: Record<string, unknown> = Object.create(null);
    for (const key in values) {
      const list = values[key]!;
      if (lists.has(key)) model[key] = list.map(asValue);
      else {
        const last = list[list.length - 1]!;
        if (last !== "") model[key] = asValue(last);
      }
    }
    return model;
  };
}

const ABSENT: Validated = { ok: true, value: undefined };

function notAFile(value: unknown, loc: (string | number)[]) {
  const kind = typeof value === "string" ? "str" : typeof value;
  return {
    type: "value_error",
    loc,
    msg: `Value error, Expected UploadFile, received: <class '${kind}'>`,
    input: value,
    ctx: { error: {} },
  };
}

/** Validates what a `File()` param read: UploadFile(s), or absent. */
export function fileValidator(facts: SchemaFacts): Validator {
  return (input, loc) => {
    if (input === undefined) {
      return facts.optional
        ? ABSENT
        : { ok: false, errors: [{ type: "missing", loc, msg: "Field required", input: null }] };
    }
    if (!facts.isList) {
      return input instanceof UploadFile
        ? { ok: true, value: input }
        : { ok: false, errors: [notAFile(input, loc)] };
    }
    const items = input as unknown[];
    const errors = [];
    for (let i = 0; i < items.length; i++) {
      if (!(items[i] instanceof UploadFile)) errors.push(notAFile(items[i], [...loc, i]));
    }
    return errors.length === 0 ? { ok: true, value: items } : { ok: false, errors };
  };
}
