import type { PathTemplate, TemplateSegment } from "./types.js";

/** Starlette's converters: the part of the path each one accepts. */
const CONVERTER_SOURCES: Readonly<Record<string, string>> = {
  str: "[^/]+",
  int: "[0-9]+",
  float: "[0-9]+(?:\\.[0-9]+)?",
  uuid: "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
  path: ".*",
};

const PARAM_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

type TemplatePart =
  | { readonly literal: string }
  | { readonly name: string; readonly converter: string | undefined };

/**
 * Parses a route path template once, at registration.
 *
 * @example
 * parsePathTemplate("/files/{p:path}").openApiPath; // "/files/{p}"
 * parsePathTemplate("/items/{id}").paramNames; // ["id"]
 */
export function parsePathTemplate(template: string): PathTemplate {
  if (!template.startsWith("/")) {
    throw new Error(`Invalid path template "${template}": it must start with "/".`);
  }
  const rawSegments = splitIntoParts(template);
  const paramNames: string[] = [];
  let openApiPath = "";
  for (let s = 0; s < rawSegments.length; s++) {
    const parts = rawSegments[s]!;
    openApiPath += "/";
    for (let p = 0; p < parts.length; p++) {
      const part = parts[p]!;
      if ("literal" in part) {
        openApiPath += part.literal;
        continue;
      }
      if (paramNames.includes(part.name)) {
        throw new Error(
          `Invalid path template "${template}": the parameter "${part.name}" appears twice. Rename one of them.`,
        );
      }
      const isLast = s === rawSegments.length - 1 && p === parts.length - 1;
      if (part.converter === "path" && !isLast) {
        throw new Error(
          `Invalid path template "${template}": "{${part.name}:path}" takes the rest of the path, so it must be the last part of the template.`,
        );
      }
      paramNames.push(part.name);
      openApiPath += `{${part.name}}`;
    }
  }
  const segments = rawSegments.map(buildSegment);
  return {
    template,
    openApiPath,
    paramNames,
    segments,
    isStatic: paramNames.length === 0,
  };
}

// "/v{version}/x" -> [[{literal:"v"}, {name:"version"}], [{literal:"x"}]]
function splitIntoParts(template: string): TemplatePart[][] {
  const segments: TemplatePart[][] = [];
  let parts: TemplatePart[] = [];
  let literal = "";
  for (let i = 1; i < template.length; i++) {
    const c = template[i]!;
    if (c === "/") {
      if (literal !== "") parts.push({ literal });
      segments.push(parts);
      parts = [];
      literal = "";
    } else if (c === "{") {
      const close = template.indexOf("}", i + 1);
      const nextOpen = template.indexOf("{", i + 1);
      if (close === -1 || (nextOpen !== -1 && nextOpen < close)) {
        throw new Error(
          `Invalid path template "${template}": the "{" at position ${i} is never closed.`,
        );
      }
      if (literal !== "") parts.push({ literal });
      literal = "";
      parts.push(parseParam(template, template.slice(i + 1, close)));
      i = close;
    } else if (c === "}") {
      throw new Error(
        `Invalid path template "${template}": the "}" at position ${i} has no matching "{".`,
      );
    } else {
      literal += c;
    }
  }
  if (literal !== "") parts.push({ literal });
  segments.push(parts);
  return segments;
}

// "id" -> {name:"id"}; "p:path" -> {name:"p", converter:"path"}
function parseParam(template: string, inner: string): TemplatePart {
  const colon = inner.indexOf(":");
  const name = colon === -1 ? inner : inner.slice(0, colon);
  const converter = colon === -1 ? undefined : inner.slice(colon + 1);
  if (!PARAM_NAME.test(name)) {
    throw new Error(
      `Invalid path template "${template}": "{${inner}}" is not a valid parameter; a name is letters, digits and "_", not starting with a digit.`,
    );
  }
  if (converter !== undefined && !(converter in CONVERTER_SOURCES)) {
    const known = Object.keys(CONVERTER_SOURCES).join(", ");
    throw new Error(
      `Invalid path template "${template}": unknown converter "${converter}" in "{${inner}}"; use one of ${known}.`,
    );
  }
  return { name, converter };
}

function buildSegment(parts: readonly TemplatePart[]): TemplateSegment {
  const only = parts[0];
  // most segments are one literal: no pattern source to build for them
  if (only === undefined || (parts.length === 1 && "literal" in only)) {
    return { kind: "static", text: only === undefined ? "" : only.literal };
  }
  const names: string[] = [];
  let source = "";
  let catchAll = false;
  for (const part of parts) {
    if ("literal" in part) {
      source += escapeRegex(part.literal);
      continue;
    }
    names.push(part.name);
    source += `(${CONVERTER_SOURCES[part.converter ?? "str"]})`;
    if (part.converter === "path") catchAll = true;
  }
  if (names.length === 0) {
    return { kind: "static", text: only !== undefined && "literal" in only ? only.literal : "" };
  }
  const first = parts[0]!;
  const alone = parts.length === 1 && !("literal" in first);
  if (catchAll) {
    // The rest of the path may hold any character, newlines included.
    return { kind: "catchAll", names, regex: alone ? null : new RegExp(`^${source}$`, "s") };
  }
  if (alone && (first.converter === undefined || first.converter === "str")) {
    return { kind: "param", name: first.name };
  }
  return { kind: "pattern", names, regex: new RegExp(`^${source}$`) };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
