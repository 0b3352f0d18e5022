// The hand-written Item validation both raw contenders (node:http, Bun.serve) share.

const SKU = /^[A-Z]{3}-\d{4}$/;

export type Issue = { loc: (string | number)[]; msg: string };
export type Item = {
  name: string;
  price: number;
  tags: string[];
  dimensions: { width: number; height: number };
  in_stock: boolean;
  sku: string;
};

function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

export function validateItem(v: unknown): Issue[] {
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    return [{ loc: ["body"], msg: "Input should be a valid dictionary" }];
  }
  const o = v as Record<string, unknown>;
  const issues: Issue[] = [];
  if (typeof o.name !== "string" || o.name.length < 1) {
    issues.push({ loc: ["body", "name"], msg: "String should have at least 1 character" });
  }
  if (!isNumber(o.price) || o.price <= 0) {
    issues.push({ loc: ["body", "price"], msg: "Input should be greater than 0" });
  }
  if (!Array.isArray(o.tags) || !o.tags.every((t) => typeof t === "string")) {
    issues.push({ loc: ["body", "tags"], msg: "Input should be a valid list of strings" });
  }
  const d = o.dimensions as Record<string, unknown> | null | undefined;
  if (typeof d !== "object" || d === null || !isNumber(d.width) || !isNumber(d.height)) {
    issues.push({ loc: ["body", "dimensions"], msg: "Input should be {width, height} numbers" });
  }
  if (typeof o.in_stock !== "boolean") {
    issues.push({ loc: ["body", "in_stock"], msg: "Input should be a valid boolean" });
  }
  if (typeof o.sku !== "string" || !SKU.test(o.sku)) {
    issues.push({ loc: ["body", "sku"], msg: "String should match pattern" });
  }
  return issues;
}
