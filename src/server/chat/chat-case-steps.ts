/**
 * The citizen's information and rating from a chat, each one transaction around the same steps
 * the tracking page's use cases take (recordCitizenMessage, recordFeedback) on the case the chat
 * account linked to the person, locked until it commits.
 */
import type { Channel } from '../../shared/case-model.ts';
import type { StoredFile } from '../attachments/stored-files.ts';
import { recordCitizenMessage } from '../cases/commands/add-citizen-message.ts';
import { recordFeedback } from '../cases/commands/give-feedback.ts';
import { loadCase } from '../cases/queries.ts';
import type { AppContext } from '../platform/context.ts';
import type { Queryable } from '../platform/database.ts';

async function lockedCase(tx: Queryable, caseId: string) {
  const record = await loadCase(tx, { id: caseId }, true);
  if (!record) throw new Error(`case ${caseId} linked to a chat does not exist`);
  return record;
}

export async function addCitizenMessageInChat(ctx: AppContext, options: { caseId: string; message: string; files: readonly StoredFile[]; channel: Channel }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const record = await lockedCase(tx, options.caseId);
    await recordCitizenMessage(tx, ctx, record, { message: options.message, files: options.files, now, channel: options.channel });
  });
}

export async function rateInChat(ctx: AppContext, options: { caseId: string; rating: number; reopen: boolean }): Promise<void> {
  const now = ctx.now();
  await ctx.db.transaction(async (tx) => {
    const record = await lockedCase(tx, options.caseId);
    await recordFeedback(tx, ctx, record, { rating: options.rating, reopen: options.reopen, now });
  });
}
