// #region worker
// runs in a worker thread: the default export is called once per `pool.run(input)`
import { scryptSync } from "node:crypto";

export interface HashInput {
  password: string;
  salt: string;
}

export default function hashPassword({ password, salt }: HashInput): string {
  // deliberately slow (tens of ms of CPU): on the event loop it would stall every request
  return scryptSync(password, salt, 64, {
    N: 2 ** 15,
    r: 8,
    p: 1,
    maxmem: 64 * 1024 * 1024,
  }).toString("hex");
}
// #endregion worker
