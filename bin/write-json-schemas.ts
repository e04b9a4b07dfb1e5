// Writes the JSON Schema of every event and WebSocket message for frontend developers.
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildJsonSchemas, serializeJsonSchema } from '#shared/contracts/json-schema.ts';

export const JSON_SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), '..', 'shared', 'json-schema');

rmSync(JSON_SCHEMA_DIR, { recursive: true, force: true });
const documents = buildJsonSchemas();
for (const [file, document] of documents) {
  const path = join(JSON_SCHEMA_DIR, file);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, serializeJsonSchema(document));
}
console.log(`wrote ${documents.size} JSON Schemas to ${JSON_SCHEMA_DIR}`);
