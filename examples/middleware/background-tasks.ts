import { z } from "zod";
import { App, Query } from "../../src/index.js";

export const sent: string[] = [];

// #region background
async function writeNotification(email: string, message: string): Promise<void> {
  await new Promise((resolve) => setTimeout(resolve, 10)); // an SMTP call, say
  sent.push(`notification for ${email}: ${message}`);
}

export const app = new App();

app.post(
  "/send-notification/{email}",
  { params: { email: z.string(), q: Query(z.string().optional()) } },
  ({ email, q }, ctx) => {
    ctx.background.add(writeNotification, email, "some notification");
    if (q !== undefined) ctx.background.add(writeNotification, email, `found query: ${q}`);
    return { message: "Notification sent in the background" };
  },
);
// #endregion background
