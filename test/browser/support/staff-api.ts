/** The API as a signed-in user, for setting cases up in browser tests (the browser is for what is tested). */
import { TEST_PASSWORD } from '../../support/app.ts';
import type { z } from 'zod';
import type { LoginResponseSchema, PublicReceiptSchema, ReceiptSchema } from '../../../src/shared/api/index.ts';
import type { BrowserSuite } from './harness.ts';

type LoginResponse = z.output<typeof LoginResponseSchema>;
type PublicReceipt = z.output<typeof PublicReceiptSchema>;
/** A receipt with the case's id (the citizen's receipt has none: it is looked up). */
export type Filed = Pick<z.output<typeof ReceiptSchema>, 'id' | 'trackingCode' | 'accessKey'>;

export function staffApi(suite: BrowserSuite) {
  const tokens = new Map<string, string>();
  const token = async (username: string) => {
    const known = tokens.get(username);
    if (known) return known;
    const response = await suite.app().inject({ method: 'POST', url: '/api/v1/auth/login', payload: { username, password: TEST_PASSWORD } });
    const fresh = (response.json() as LoginResponse).token;
    tokens.set(username, fresh);
    return fresh;
  };
  return {
    /** A bearer token of `username` (cached). */
    token,
    /** Files a public complaint; its id, tracking code and access key. */
    async file(body: Record<string, unknown>): Promise<Filed> {
      const response = await suite.app().inject({ method: 'POST', url: '/api/v1/public/complaints', payload: body });
      if (response.statusCode !== 201) throw new Error(`filing failed: ${response.body}`);
      const receipt = response.json() as PublicReceipt;
      const [row] = await suite.db().query<{ id: string }>('SELECT id FROM cases WHERE tracking_code = $1', [receipt.trackingCode]);
      if (!row) throw new Error('filed case not found');
      return { id: row.id, ...receipt };
    },
    async act(username: string, caseId: string, action: string, body: Record<string, unknown> = {}): Promise<void> {
      const response = await suite.app().inject({ method: 'POST', url: `/api/v1/cases/${caseId}/actions/${action}`, headers: { authorization: `Bearer ${await token(username)}` }, payload: body });
      if (response.statusCode !== 200) throw new Error(`${action} failed: ${response.body}`);
    },
  };
}
