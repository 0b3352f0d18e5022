export type MaybePromise<T> = T | Promise<T>;

/** Flattens an intersection for readable hover types. */
export type Simplify<T> = { [K in keyof T]: T[K] } & {};
