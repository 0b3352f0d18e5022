import { BODY_CASES } from "./hostile-bodies.js";
import { DEFAULTS_CASES } from "./hostile-defaults.js";
import { HEADER_CASES } from "./hostile-headers.js";
import { COOKIE_AND_HEADER_PARAM_CASES, QUERY_CASES } from "./hostile-params.js";
import { REQUEST_LINE_CASES } from "./hostile-request-line.js";
import type { HostileCase } from "./hostile-wire.js";

export type { HostileCase } from "./hostile-wire.js";

/** Every hostile request of the corpus, by the part of the request it attacks. */
export const HOSTILE_CASES: HostileCase[] = [
  ...REQUEST_LINE_CASES,
  ...HEADER_CASES,
  ...BODY_CASES,
  ...QUERY_CASES,
  ...COOKIE_AND_HEADER_PARAM_CASES,
  ...DEFAULTS_CASES,
];
