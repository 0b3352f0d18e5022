// `tailor/client`: the typed client, importable without the server.
export {
  type Client,
  type ClientMethod,
  type ClientOptions,
  createClient,
} from "./create-client.js";
export type {
  CallOptions,
  FetchFailure,
  FetchResult,
  FetchSuccess,
  HTTPErrorBody,
  HTTPValidationError,
  HttpMethod,
  ServerSentEventMessage,
} from "./infer.js";
export { readJsonLines, readServerSentEvents } from "./streams.js";
