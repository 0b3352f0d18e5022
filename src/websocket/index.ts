export { WebSocket, type WebSocketLimits, type WebSocketState } from "./connection.js";
export {
  declareWebSocket,
  inheritWebSocket,
  type WebSocketDeclaration,
  type WebSocketDefaults,
  type WebSocketHandler,
  type WebSocketRouteOptions,
} from "./declaration.js";
export { WebSocketDisconnect, WebSocketException } from "./errors.js";
export { type WebSocketHost, type WebSocketRecord, WebSocketRoutes } from "./routes.js";
