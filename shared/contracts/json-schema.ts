import * as z from 'zod/mini';
import { EVENT_SCHEMAS } from './events.ts';
import { ClientAction, CONTROL_MESSAGE_SCHEMAS, PARTY_MESSAGE_SCHEMAS } from './messages.ts';

export type JsonSchemaDocument = Record<string, unknown>;

function literalOf(schema: { shape: { type: z.ZodMiniLiteral<string> } }): string {
  return String(schema.shape.type.def.values[0]);
}

/** One JSON Schema per event and message, keyed by the file name that frontend developers get. */
export function buildJsonSchemas(): Map<string, JsonSchemaDocument> {
  const documents = new Map<string, JsonSchemaDocument>();
  const add = (file: string, title: string, schema: z.ZodMiniType) => {
    documents.set(file, { title, ...z.toJSONSchema(schema, { io: 'output', unrepresentable: 'any' }) });
  };
  for (const schema of EVENT_SCHEMAS) add(`events/${literalOf(schema)}.json`, literalOf(schema), schema);
  for (const schema of [...PARTY_MESSAGE_SCHEMAS, ...CONTROL_MESSAGE_SCHEMAS]) {
    add(`messages/${literalOf(schema)}.json`, literalOf(schema), schema);
  }
  add('messages/client-action.json', 'client action', ClientAction);
  return documents;
}

export function serializeJsonSchema(document: JsonSchemaDocument): string {
  return `${JSON.stringify(document, null, 2)}\n`;
}
