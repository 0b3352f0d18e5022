import { z } from "zod";
import {
  App,
  Depends,
  dependency,
  Path,
  Query,
  type WebSocket,
  WebSocketDisconnect,
  WebSocketException,
} from "../../src/index.js";

// #region chat
/** Everyone connected to a room, to broadcast to. */
const rooms = new Map<string, Set<WebSocket>>();
const roomName = Path(z.string().min(1));

/** Joins the room for the socket's lifetime: the teardown runs after the socket closed. */
const membership = dependency({ room: roomName }, async function* joinRoom({ room }) {
  const members = rooms.get(room) ?? new Set<WebSocket>();
  rooms.set(room, members);
  try {
    yield members;
  } finally {
    if (members.size === 0) rooms.delete(room);
  }
});

export const app = new App({ title: "Chat" });

app.websocket(
  "/rooms/{room}",
  {
    params: {
      room: roomName, // the one schema the dependency reads too
      nick: Query(z.string().min(2).max(20)), // invalid or missing: closed with 1008
      members: Depends(membership),
    },
  },
  async (ws, { room, nick, members }) => {
    if (nick === "admin") throw new WebSocketException(1008, "reserved nickname");
    await ws.accept();
    members.add(ws);
    try {
      for await (const text of ws) {
        for (const member of members) await member.sendJson({ room, nick, text: String(text) });
      }
    } catch (error) {
      if (!(error instanceof WebSocketDisconnect)) throw error;
    } finally {
      members.delete(ws);
    }
  },
);
// #endregion chat
