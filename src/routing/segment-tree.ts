import type { PathTemplate } from "./types.js";

/** A registered route as the tree stores it. */
export interface RouteEntry<T> {
  /** Registration order across the whole router: lower wins. */
  readonly index: number;
  readonly value: T;
  /** Param names in the order the tree captures their values. */
  readonly paramNames: readonly string[];
}

/** Static children are keyed by a hash of their text; equal hashes chain through `next`. */
interface StaticEdge<T> {
  readonly text: string;
  readonly node: SegmentNode<T>;
  next: StaticEdge<T> | null;
}

interface PatternEdge<T> {
  readonly source: string;
  readonly regex: RegExp;
  readonly node: SegmentNode<T>;
}

interface CatchAllEdge<T> {
  readonly source: string;
  readonly regex: RegExp | null;
  readonly route: RouteEntry<T>;
}

/** One node per template segment; children are tried static, param, pattern, catch-all. */
class SegmentNode<T> {
  /** The lowest registration index in this subtree: a search that already holds a lower one skips it. */
  minIndex = Number.POSITIVE_INFINITY;
  /** The first route whose template ends here. */
  route: RouteEntry<T> | null = null;
  statics: Map<number, StaticEdge<T>> | null = null;
  param: SegmentNode<T> | null = null;
  patterns: PatternEdge<T>[] | null = null;
  catchAlls: CatchAllEdge<T>[] | null = null;
}

/**
 * A segment tree over templates that answers with the earliest-registered matching route.
 * Every node knows the lowest registration index below it, so the depth-first search prunes
 * any branch that cannot beat the best match found so far.
 */
export class SegmentTree<T> {
  readonly #root = new SegmentNode<T>();
  // Scratch space for one search: captured values on the current branch and for the best match.
  // Searches are synchronous, so one pair per tree is enough and nothing is allocated per lookup.
  #captures: string[] = [];
  #bestCaptures: string[] = [];
  #best: RouteEntry<T> | null = null;
  #bestIndex = Number.POSITIVE_INFINITY;

  insert(template: PathTemplate, route: RouteEntry<T>): void {
    let node = this.#root;
    lowerMinIndex(node, route.index);
    for (const segment of template.segments) {
      switch (segment.kind) {
        case "static":
          node = staticChild(node, segment.text);
          break;
        case "param":
          node.param ??= new SegmentNode<T>();
          node = node.param;
          break;
        case "pattern": {
          node.patterns ??= [];
          const source = segment.regex.source;
          let edge = node.patterns.find((candidate) => candidate.source === source);
          if (edge === undefined) {
            edge = { source, regex: segment.regex, node: new SegmentNode<T>() };
            node.patterns.push(edge);
          }
          node = edge.node;
          break;
        }
        case "catchAll": {
          // Always the last segment: the route ends on the edge itself.
          node.catchAlls ??= [];
          const source = segment.regex === null ? "" : segment.regex.source;
          if (!node.catchAlls.some((candidate) => candidate.source === source)) {
            node.catchAlls.push({ source, regex: segment.regex, route });
          }
          return;
        }
      }
      lowerMinIndex(node, route.index);
    }
    node.route ??= route;
  }

  /**
   * Finds the earliest-registered route matching `path` (which starts with "/") whose index is
   * below `bound`.
   * Its captured values are then readable with `capturedValue(i)` until the next search.
   */
  search(path: string, bound: number): RouteEntry<T> | null {
    this.#best = null;
    this.#bestIndex = bound;
    if (this.#root.minIndex < bound) this.#walk(this.#root, path, 1, 0);
    return this.#best;
  }

  /** The i-th value captured by the last successful search. */
  capturedValue(i: number): string {
    return this.#bestCaptures[i]!;
  }

  // `start` is where the next segment of `path` begins, or -1 once the path is consumed;
  // `depth` is how many values the current branch has captured.
  #walk(node: SegmentNode<T>, path: string, start: number, depth: number): void {
    if (start === -1) {
      const route = node.route;
      if (route !== null && route.index < this.#bestIndex) this.#record(route, depth);
      return;
    }
    // Find the segment's end and hash it in one pass: hashing a slice with Map<string> cost
    // ~50 ns per segment (slice + string hash), this loop and a Map<number> about a tenth.
    const length = path.length;
    let end = start;
    let hash = 0;
    while (end < length) {
      const code = path.charCodeAt(end);
      if (code === 47 /* "/" */) break;
      hash = (Math.imul(hash, 31) + code) | 0;
      end++;
    }
    const next = end < length ? end + 1 : -1;
    const statics = node.statics;
    if (statics !== null) {
      let edge = statics.get(hash) ?? null;
      while (edge !== null) {
        if (sameText(edge.text, path, start, end)) {
          if (edge.node.minIndex < this.#bestIndex) this.#walk(edge.node, path, next, depth);
          break;
        }
        edge = edge.next;
      }
    }
    const param = node.param;
    if (param !== null && end > start && param.minIndex < this.#bestIndex) {
      this.#captures[depth] = path.slice(start, end);
      this.#walk(param, path, next, depth + 1);
    }
    const patterns = node.patterns;
    if (patterns !== null) {
      for (let i = 0; i < patterns.length; i++) {
        const edge = patterns[i]!;
        if (edge.node.minIndex >= this.#bestIndex) continue;
        const found = edge.regex.exec(path.slice(start, end));
        if (found === null) continue;
        for (let g = 1; g < found.length; g++) this.#captures[depth + g - 1] = found[g]!;
        this.#walk(edge.node, path, next, depth + found.length - 1);
      }
    }
    const catchAlls = node.catchAlls;
    if (catchAlls !== null) {
      const rest = path.slice(start);
      for (let i = 0; i < catchAlls.length; i++) {
        const edge = catchAlls[i]!;
        if (edge.route.index >= this.#bestIndex) continue;
        if (edge.regex === null) {
          this.#captures[depth] = rest;
          this.#record(edge.route, depth + 1);
          continue;
        }
        const found = edge.regex.exec(rest);
        if (found === null) continue;
        for (let g = 1; g < found.length; g++) this.#captures[depth + g - 1] = found[g]!;
        this.#record(edge.route, depth + found.length - 1);
      }
    }
  }

  #record(route: RouteEntry<T>, depth: number): void {
    this.#best = route;
    this.#bestIndex = route.index;
    for (let i = 0; i < depth; i++) this.#bestCaptures[i] = this.#captures[i]!;
  }
}

function lowerMinIndex(node: SegmentNode<unknown>, index: number): void {
  if (index < node.minIndex) node.minIndex = index;
}

// Same hash as the search loop uses for a segment of the request path.
function hashText(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

function sameText(text: string, path: string, start: number, end: number): boolean {
  if (text.length !== end - start) return false;
  for (let i = 0; i < text.length; i++) {
    if (text.charCodeAt(i) !== path.charCodeAt(start + i)) return false;
  }
  return true;
}

function staticChild<T>(node: SegmentNode<T>, text: string): SegmentNode<T> {
  node.statics ??= new Map();
  const hash = hashText(text);
  const first = node.statics.get(hash);
  for (let edge = first ?? null; edge !== null; edge = edge.next) {
    if (edge.text === text) return edge.node;
  }
  const child = new SegmentNode<T>();
  node.statics.set(hash, { text, node: child, next: first ?? null });
  return child;
}
