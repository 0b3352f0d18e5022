/** Tokenizing and hashed embeddings shared by the local engine and the retrieval index. */

/** "Hello, world!" -> ["hello", ",", "world", "!"] */
export function tokenize(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+|[^\s\p{L}\p{N}]/gu) ?? [];
}

export function countTokens(text: string): number {
  return tokenize(text).length;
}

/** 32-bit FNV-1a: the same string always gives the same number */
export function hashString(text: string, seed = 0x811c9dc5): number {
  let hash = seed >>> 0;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/**
 * A unit vector of `dimensions` numbers: each token (and each pair of neighbouring tokens)
 * adds ±1 at a hashed position, so texts sharing words point the same way. No model needed,
 * and the same text always gives the same vector.
 */
export function hashEmbedding(text: string, dimensions: number): number[] {
  const vector = new Array<number>(dimensions).fill(0);
  const tokens = tokenize(text);
  const features = [
    ...tokens,
    ...tokens.slice(1).map((token, index) => `${tokens[index]} ${token}`),
  ];
  for (const feature of features) {
    const hash = hashString(feature);
    const slot = hash % dimensions;
    vector[slot] = (vector[slot] ?? 0) + (hash >>> 31 === 1 ? -1 : 1);
  }
  const norm = Math.hypot(...vector);
  return norm === 0 ? vector : vector.map((value) => Math.round((value / norm) * 1e6) / 1e6);
}

/** cosine similarity of two vectors of the same length */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let normA = 0;
  let normB = 0;
  for (let index = 0; index < a.length; index++) {
    const x = a[index] ?? 0;
    const y = b[index] ?? 0;
    dot += x * y;
    normA += x * x;
    normB += y * y;
  }
  return normA === 0 || normB === 0 ? 0 : dot / Math.sqrt(normA * normB);
}
