/**
 * The API contract: the zod schemas of every request and response of the HTTP API, one file
 * per capability. The server's routes declare them; the web app's client and forms, and the
 * tests, take their types (z.input for what is sent, z.output for what comes back) and checks
 * from here. Pure: nothing of the server or the browser.
 */
export * from './agencies.ts';
export * from './attachments.ts';
export * from './audit.ts';
export * from './auth.ts';
export * from './case-actions.ts';
export * from './dashboard.ts';
export * from './cases.ts';
export * from './complaints.ts';
export * from './errors.ts';
export * from './exchange.ts';
export * from './fields.ts';
export * from './notifications.ts';
export * from './reference.ts';
export * from './reports.ts';
export * from './saved-filters.ts';
export * from './settings.ts';
export * from './sla.ts';
export * from './triage.ts';
export * from './users.ts';
export * from './channels.ts';
export * from './email-intake.ts';
export * from './open311.ts';
