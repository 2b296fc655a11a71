/** The exchange protocol as JSON Schema (draft 2020-12), made from the zod union that checks every message. */
import { z } from 'zod';
import { EXCHANGE_PROTOCOL, ExchangeAnswerSchema, ExchangeDeliverySchema, ExchangeMessageSchema } from '../../shared/api/exchange-messages.ts';

let cached: object | undefined;

export function exchangeJsonSchema(): object {
  cached ??= {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    $id: `urn:rongthuk:exchange:${EXCHANGE_PROTOCOL.split('/')[1]}`,
    title: `Rongthuk exchange protocol ${EXCHANGE_PROTOCOL}`,
    description: 'The payload of every message (signed as a compact JWS, EdDSA/Ed25519, typ rongthuk-exchange+jwt), the delivery body and the answer. See docs/exchange.md.',
    version: EXCHANGE_PROTOCOL,
    $defs: {
      message: z.toJSONSchema(ExchangeMessageSchema, { io: 'input', unrepresentable: 'any' }),
      delivery: z.toJSONSchema(ExchangeDeliverySchema, { io: 'input', unrepresentable: 'any' }),
      answer: z.toJSONSchema(ExchangeAnswerSchema, { io: 'output', unrepresentable: 'any' }),
    },
    $ref: '#/$defs/message',
  };
  return cached;
}
