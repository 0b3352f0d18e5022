/** Splits a document into overlapping chunks of whole sentences, small enough to embed well. */

export interface ChunkOptions {
  /** a chunk's largest size in characters (a longer sentence is cut at whitespace) */
  maxChars: number;
  /** sentences of a chunk repeated at the start of the next, so no idea is cut in two */
  overlapSentences: number;
}

export const DEFAULT_CHUNKING: ChunkOptions = { maxChars: 800, overlapSentences: 1 };

/** "A. B? C" -> ["A.", "B?", "C"]; paragraph breaks end a sentence too */
export function splitSentences(text: string): string[] {
  return text
    .split(/(?<=[.!?])\s+|\n\s*\n/)
    .map((sentence) => sentence.replace(/\s+/g, " ").trim())
    .filter((sentence) => sentence !== "");
}

/** a sentence longer than `maxChars` -> pieces cut at whitespace */
function cut(sentence: string, maxChars: number): string[] {
  if (sentence.length <= maxChars) return [sentence];
  const pieces: string[] = [];
  let rest = sentence;
  while (rest.length > maxChars) {
    const space = rest.lastIndexOf(" ", maxChars);
    const end = space > 0 ? space : maxChars;
    pieces.push(rest.slice(0, end));
    rest = rest.slice(end).trimStart();
  }
  if (rest !== "") pieces.push(rest);
  return pieces;
}

// #region chunk
/** Packs sentences into chunks of at most `maxChars`, each starting with the last sentences of the one before. */
export function chunkText(text: string, options: ChunkOptions = DEFAULT_CHUNKING): string[] {
  const sentences = splitSentences(text).flatMap((sentence) => cut(sentence, options.maxChars));
  const chunks: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const sentence of sentences) {
    if (current.length > 0 && size + 1 + sentence.length > options.maxChars) {
      chunks.push(current.join(" "));
      current = options.overlapSentences > 0 ? current.slice(-options.overlapSentences) : [];
      size = current.reduce((total, kept) => total + kept.length + 1, 0);
      // an overlap that leaves no room for the next sentence is dropped
      if (size + sentence.length > options.maxChars) {
        current = [];
        size = 0;
      }
    }
    current.push(sentence);
    size += sentence.length + 1;
  }
  if (current.length > 0) chunks.push(current.join(" "));
  return chunks;
}
// #endregion chunk
