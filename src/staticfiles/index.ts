export { FileResponse, type FileResponseInit } from "./file-response.js";
export { type FileInfo, fileEtag, lastModified } from "./file-stat.js";
export { guessMediaType } from "./media-types.js";
export { type ByteRange, parseRange } from "./ranges.js";
export { safeSegments } from "./safe-path.js";
export { StaticFiles, type StaticFilesOptions } from "./static-files.js";
