/** What the primary of `tailor run --workers` sends a worker to make it drain and exit. */
export const WORKER_SHUTDOWN_MESSAGE = "tailor:shutdown";
