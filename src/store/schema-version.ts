/** The version of the store's file formats (schema.ts), in a module of its own so the start-up threads need no zod. */
export const SCHEMA_VERSION = 1;
