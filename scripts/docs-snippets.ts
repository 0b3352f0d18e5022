import { readFileSync } from "node:fs";
import { join } from "node:path";

/** `<!-- include: examples/x.ts#region -->` followed by a fenced block holding that region. */
const MARKER = /<!-- include: ([^#\s]+)#([\w-]+) -->\n```(\w+)\n([\s\S]*?)```/g;

/** The lines between `// #region name` and `// #endregion name`, indentation kept. */
export function readRegion(root: string, file: string, region: string): string {
  const text = readFileSync(join(root, file), "utf8");
  const start = text.indexOf(`// #region ${region}\n`);
  const end = text.indexOf(`// #endregion ${region}`);
  if (start === -1 || end === -1) throw new Error(`${file} has no region "${region}"`);
  return text.slice(start + `// #region ${region}\n`.length, end);
}

/** The page with every included block replaced by its region's current text. */
export function syncPage(root: string, page: string): string {
  return page.replace(MARKER, (_all, file: string, region: string, lang: string) => {
    return `<!-- include: ${file}#${region} -->\n\`\`\`${lang}\n${readRegion(root, file, region)}\`\`\``;
  });
}

export function includedRegions(page: string): { file: string; region: string }[] {
  return [...page.matchAll(MARKER)].map((m) => ({ file: m[1]!, region: m[2]! }));
}
