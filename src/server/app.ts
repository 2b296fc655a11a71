/**
 * The composition root: the one place that names every capability. The platform (platform/)
 * offers hooks and knows nothing above it — buildHttpApp takes body parsers, hooks and
 * routes, createWorker takes job handlers and recurring jobs, openAppContext takes the seed of
 * reference data — and this file fills them in. The roles (`rongthuk serve` in cli.ts,
 * `rongthuk worker` in worker-cli.ts), the tests and the benchmarks build the application
 * from here, so they all run the same routes and jobs.
 *
 * A new capability adds its registrar to ROUTES, its jobs to jobHandlers() (and, when they
 * recur, to SWEEPS), here and nowhere else.
 */
import type { FastifyInstance } from 'fastify';
import { registerAuthRoutes } from './agencies/auth-routes.ts';
import { registerAgencyRoutes } from './agencies/routes.ts';
import { registerAgencyChannelRoutes } from './agencies/channel-routes.ts';
import { registerSessionHook } from './agencies/sessions.ts';
import { registerUserRoutes } from './agencies/user-routes.ts';
import { registerAttachmentRoutes } from './attachments/routes.ts';
import { registerUploads, type UploadLimits } from './attachments/uploads.ts';
import { registerAuditRoutes } from './audit/routes.ts';
import { registerDashboardRoutes } from './dashboard/routes.ts';
import { registerBulkCaseRoutes } from './cases/bulk-routes.ts';
import { registerHeldEmailRoutes } from './channels/email/held-routes.ts';
import { emailPollSweep } from './channels/email/poll-mailboxes.ts';
import { registerChatAccountRoutes } from './channels/chat-account-routes.ts';
import { registerFacebookWebhookRoutes } from './channels/facebook/facebook-webhook.ts';
import { lineIdleSweep } from './channels/line/line-idle-sweep.ts';
import { registerLineWebhookRoutes } from './channels/line/line-webhook.ts';
import { confirmationExpiredHandler, confirmationSweep } from './cases/confirmation-jobs.ts';
import { registerPublicComplaintRoutes } from './cases/public-routes.ts';
import { registerCaseRoutes } from './cases/routes.ts';
import { registerSavedFilterRoutes } from './cases/saved-filter-routes.ts';
import { notificationJobHandlers } from './notifications/jobs.ts';
import { registerPartnerRoutes } from './exchange/partner-routes.ts';
import { loadOrCreateInstanceKey } from './exchange/instance-key.ts';
import { registerExchangeRoutes } from './exchange/routes.ts';
import { deliveryHandler } from './exchange/delivery.ts';
import { recountRollupsIfNeeded } from './dashboard/rollups.ts';
import { surgeWatch } from './dashboard/surge-watch.ts';
import { fileExportSweep } from './exchange/file-export.ts';
import { registerFileExchangeRoutes } from './exchange/file-routes.ts';
import type { Config } from './platform/config.ts';
import { registerNotificationRoutes } from './notifications/routes.ts';
import { registerOpen311AppRoutes } from './open311/app-routes.ts';
import { registerOpen311Routes } from './open311/routes.ts';
import { auditCheckpoint } from './platform/audit-checkpoint-job.ts';
import { openAppContext, type OpenInstallation } from './platform/bootstrap.ts';
import { CLEANUP_EVERY_SECONDS, cleanupJobsHandler } from './platform/cleanup-job.ts';
import { registerCsvBodies } from './platform/csv-body.ts';
import type { AppContext } from './platform/context.ts';
import { buildHttpApp, type HttpAppOptions, type HttpPlugin } from './platform/http.ts';
import { createWorker, type JobHandler, type RecurringJob, type Worker, type WorkerOptions } from './platform/jobs.ts';
import { registerSettingsRoutes } from './platform/settings-routes.ts';
import { registerReferenceRoutes } from './reference/routes.ts';
import { registerPublicReportRoutes } from './reports/public-routes.ts';
import { registerReportRoutes } from './reports/routes.ts';
import { seedReferenceData } from './seed/reference-data.ts';
import { registerHolidayRoutes } from './sla/holiday-routes.ts';
import { registerSlaPolicyRoutes } from './sla/policy-routes.ts';
import { slaSweep, slaTimerHandler } from './sla/sweep-jobs.ts';
import { registerTriageRoutes } from './triage/routes.ts';

/** Every route of the API, in the order the OpenAPI document lists them. */
const ROUTES: HttpPlugin[] = [
  registerAuthRoutes,
  registerAgencyRoutes,
  registerAgencyChannelRoutes,
  registerHeldEmailRoutes,
  registerPublicComplaintRoutes,
  registerCaseRoutes,
  registerAttachmentRoutes,
  registerNotificationRoutes,
  registerSlaPolicyRoutes,
  registerHolidayRoutes,
  registerTriageRoutes,
  registerSettingsRoutes,
  registerReferenceRoutes,
  registerUserRoutes,
  registerSavedFilterRoutes,
  registerBulkCaseRoutes,
  registerAuditRoutes,
  registerExchangeRoutes,
  registerPartnerRoutes,
  registerFileExchangeRoutes,
  registerDashboardRoutes,
  registerReportRoutes,
  registerPublicReportRoutes,
  registerOpen311AppRoutes,
  registerOpen311Routes,
  registerChatAccountRoutes,
  registerLineWebhookRoutes,
  registerFacebookWebhookRoutes,
];

export interface BuildAppOptions extends HttpAppOptions {
  /** Upload bounds other than the defaults (tests make them small). */
  uploadLimits?: UploadLimits;
}

/** The application's HTTP app: the platform's, with the uploads, the sign-in hook and every capability's routes. */
export async function buildApp(ctx: AppContext, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const { uploadLimits, ...httpOptions } = options;
  return buildHttpApp(
    ctx,
    {
      bodyParsers: [(app) => registerUploads(app, ctx.config, uploadLimits), registerCsvBodies],
      // Names the signed-in user (request.authUser) for every route.
      hooks: [registerSessionHook],
      routes: ROUTES,
    },
    httpOptions,
  );
}

/** The sweeps: every five minutes each, the file partners' export every hour, the agencies' mailboxes every minute. */
const SWEEPS = [auditCheckpoint, slaSweep, confirmationSweep, fileExportSweep, surgeWatch, emailPollSweep, lineIdleSweep];

/** Every job handler of the application: a job of a type no worker knows goes to dead at once. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- handlers of different payload types
export function jobHandlers(config: Config): JobHandler<any>[] {
  return [cleanupJobsHandler, ...SWEEPS.map((sweep) => sweep.handler), slaTimerHandler, confirmationExpiredHandler, ...notificationJobHandlers(), deliveryHandler(config)];
}

/** The jobs every worker enqueues once per period. */
export function recurringJobs(): RecurringJob[] {
  return [{ type: cleanupJobsHandler.type, everySeconds: CLEANUP_EVERY_SECONDS }, ...SWEEPS.map((sweep) => sweep.recurring)];
}

/**
 * A worker with the application's handlers and recurring jobs (for `serve` and `worker`):
 * every process can run every job.
 */
export function createAppWorker(ctx: AppContext, options: Omit<WorkerOptions, 'recurring'> = {}): Worker {
  return createWorker(ctx, jobHandlers(ctx.config), { ...options, recurring: recurringJobs() });
}

/**
 * Opens an installation, migrating it and adding the reference data it lacks (areas, categories,
 * holidays), with the exchange's signing key (created on first start): a bad RONGTHUK_EXCHANGE_KEY
 * stops the start rather than the first message.
 */

export const openInstallation: OpenInstallation = async (config, options = {}) => {
  const ctx = await openAppContext(config, { ...options, seed: seedReferenceData });
  try {
    // The dashboard's rollups, emptied by a migration, are counted again before serving: at the
    // start that applied it, or the next one if that was interrupted (one row says which), and
    // by `rongthuk migrate` whatever it says (the look for uncounted cases reads every case).
    const counted = await recountRollupsIfNeeded(ctx.db, options.role === 'migrate');
    if (counted > 0) options.log?.(`Counted ${counted} cases into the dashboard's rollups`);
    return { ...ctx, signingKey: await loadOrCreateInstanceKey(config) };
  } catch (error) {
    await ctx.db.close();
    throw error;
  }
};
