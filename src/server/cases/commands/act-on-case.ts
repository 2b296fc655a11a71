/**
 * A staff action on a case by its name (POST /api/v1/cases/{id}/actions/{action}, bulk
 * actions, the demo seed): dispatched to the action's own command. What every action shares
 * (scope, policy, state machine, event, audit, notices) is in case-action.ts.
 */
import { CASE_ACTION_LABELS_TH, takesFiles, type CaseAction, type CaseStatus } from '../../../shared/case-model.ts';
import type { AppContext } from '../../platform/context.ts';
import { invalidInput } from '../../platform/errors.ts';
import type { ActionBodies } from '../../../shared/api/case-actions.ts';
import { acceptCase } from './accept-case.ts';
import { addNote } from './add-note.ts';
import { assignCase } from './assign-case.ts';
import type { CaseCommandWithFiles } from './case-action.ts';
import { closeCase } from './close-case.ts';
import { extendDeadline } from './extend-deadline.ts';
import { followUpCase } from './follow-up-case.ts';
import { forwardCase } from './forward-case.ts';
import { mergeCase } from './merge-case.ts';
import { recordContact } from './record-contact.ts';
import { rejectCase } from './reject-case.ts';
import { reopenCase } from './reopen-case.ts';
import { replyToComplainant } from './reply-to-complainant.ts';
import { requestInformation } from './request-information.ts';
import { resolveCase } from './resolve-case.ts';
import { returnCase } from './return-case.ts';
import { screenCase } from './screen-case.ts';

export interface ActOnCaseOptions<A extends CaseAction> extends CaseCommandWithFiles<ActionBodies[A]> {
  action: A;
}

/** The command of an action; only a note, a reply and a request for information use the files. */
export type CaseCommand<A extends CaseAction> = (ctx: AppContext, options: CaseCommandWithFiles<ActionBodies[A]>) => Promise<{ status: CaseStatus }>;

/** Each staff action's command. */
export const CASE_COMMANDS: { [A in CaseAction]: CaseCommand<A> } = {
  screen: screenCase,
  assign: assignCase,
  accept: acceptCase,
  return: returnCase,
  forward: forwardCase,
  note: addNote,
  reply: replyToComplainant,
  'request-info': requestInformation,
  resolve: resolveCase,
  close: closeCase,
  reopen: reopenCase,
  reject: rejectCase,
  merge: mergeCase,
  contact: recordContact,
  extend: extendDeadline,
  'follow-up': followUpCase,
};

export async function actOnCase<A extends CaseAction>(ctx: AppContext, options: ActOnCaseOptions<A>): Promise<{ status: CaseStatus }> {
  const { action, files = [] } = options;
  if (files.length > 0 && !takesFiles(action)) {
    throw invalidInput([{ field: 'files', message: `${action} takes no files`, messageTh: `การ${CASE_ACTION_LABELS_TH[action]}แนบไฟล์ไม่ได้` }]);
  }
  const command: CaseCommand<A> = CASE_COMMANDS[action];
  return command(ctx, options);
}
