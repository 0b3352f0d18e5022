/**
 * The service through OpenAI's official SDK: `npx tsx examples/inference/clients/openai-sdk.ts`
 * while `npm start` runs. Each function is one call the docs show.
 */

import { fileURLToPath } from "node:url";
import OpenAI from "openai";
import type { Stream } from "openai/streaming";

// #region connect
/** the SDK pointed at the service: the key travels as `Authorization: Bearer` */
export function connect(baseURL = "http://127.0.0.1:8000/v1", apiKey = "sk-dev-key-123") {
  return new OpenAI({ baseURL, apiKey });
}
// #endregion connect

// #region chat
export async function chat(client: OpenAI, question: string): Promise<string> {
  const completion = await client.chat.completions.create({
    model: "mistral-7b-instruct",
    messages: [
      { role: "system", content: "Answer in one sentence." },
      { role: "user", content: question },
    ],
    max_tokens: 32,
  });
  return completion.choices[0]?.message.content ?? "";
}
// #endregion chat

// #region stream
export async function streamChat(
  client: OpenAI,
  question: string,
  onToken: (token: string) => void,
) {
  const stream = await client.chat.completions.create({
    model: "mistral-7b-instruct",
    messages: [{ role: "user", content: question }],
    max_tokens: 32,
    stream: true,
    stream_options: { include_usage: true },
  });
  let usage: OpenAI.CompletionUsage | undefined;
  for await (const chunk of stream) {
    const token = chunk.choices[0]?.delta.content;
    if (token) onToken(token);
    usage = chunk.usage ?? usage;
  }
  return usage;
}
// #endregion stream

// #region completion
export async function complete(client: OpenAI, prompt: string): Promise<string> {
  const completion = await client.completions.create({
    model: "mistral-7b-instruct",
    prompt,
    max_tokens: 16,
  });
  return completion.choices[0]?.text ?? "";
}
// #endregion completion

// #region embeddings
/** the SDK asks for base64 and decodes it: each embedding arrives as numbers */
export async function embed(client: OpenAI, texts: string[]): Promise<number[][]> {
  const response = await client.embeddings.create({ model: "nomic-embed-text", input: texts });
  return response.data.map((item) => Array.from(item.embedding));
}
// #endregion embeddings

// #region models
export async function modelIds(client: OpenAI): Promise<string[]> {
  const ids: string[] = [];
  for await (const model of client.models.list()) ids.push(model.id);
  return ids;
}
// #endregion models

// #region errors
/** the SDK raises its own error classes from the service's `{"error": {...}}` bodies */
export async function describeFailure(client: OpenAI): Promise<string> {
  try {
    await client.chat.completions.create({
      model: "gpt-17",
      messages: [{ role: "user", content: "hi" }],
    });
    return "no error";
  } catch (error) {
    if (error instanceof OpenAI.NotFoundError) return `${error.status} ${error.code}`;
    throw error;
  }
}
// #endregion errors

// #region retrieval
/** routes OpenAI does not have go through the SDK's generic methods, with the same key and errors */
export async function ingestAndSearch(client: OpenAI, text: string, query: string) {
  await client.post("/documents", { body: { id: "notes", title: "Notes", text } });
  const found = await client.post<{ results: { text: string; score: number }[] }>("/search", {
    body: { query, top_k: 1 },
  });
  const listed = await client.get<{ data: { id: string; chunks: number }[] }>("/documents");
  await client.delete("/documents/notes");
  return { best: found.results[0], documents: listed.data };
}
// #endregion retrieval

// #region article-chat
/** the article's /v1/chat streams `{"index", "token"}` events: the SDK parses them too */
export async function articleChat(client: OpenAI, question: string): Promise<string> {
  const events = await client.post<Stream<{ index: number; token: string }>>("/chat", {
    body: { messages: [{ role: "user", content: question }], max_tokens: 8 },
    stream: true,
  });
  let answer = "";
  for await (const event of events) answer += event.token;
  return answer;
}
// #endregion article-chat

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const client = connect(process.env.INFERENCE_URL, process.env.INFERENCE_API_KEY);
  console.log("models:", await modelIds(client));
  console.log("chat:", await chat(client, "What is FastAPI?"));
  process.stdout.write("stream: ");
  await streamChat(client, "What is Tailor?", (token) => process.stdout.write(token));
  console.log("\ncompletion:", await complete(client, "FastAPI is"));
  console.log("embedding dimensions:", (await embed(client, ["hello"]))[0]?.length);
  console.log("unknown model:", await describeFailure(client));
  console.log("article chat:", await articleChat(client, "hello"));
  console.log(
    "retrieval:",
    await ingestAndSearch(client, "Tailor serves OpenAI clients.", "who serves?"),
  );
}
