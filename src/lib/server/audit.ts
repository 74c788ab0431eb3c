import type { DomainContext } from './context';
import type { AuditEntry } from '$lib/model/audit';

/**
 * The audit log: who did what when. Domain functions record their own changes, so a route
 * cannot forget to. Entries name records by id and people by account, never a respondent's name.
 */
export async function record(ctx: DomainContext, action: string, subject: string | null = null, detail = '') {
	const actor = ctx.actor ? { id: ctx.actor.id, email: ctx.actor.email } : null;
	await ctx.store.appendAudit([{ at: ctx.now().toISOString(), actor, action, subject, detail }]);
}

export type AuditPage = { entries: AuditEntry[]; total: number };

/** Newest first, a page at a time. */
export async function list(ctx: DomainContext, { offset = 0, limit = 50 } = {}): Promise<AuditPage> {
	const all = await ctx.store.readAudit();
	const entries: AuditEntry[] = [];
	for (let i = all.length - 1 - offset; i >= 0 && entries.length < limit; i--) entries.push(all[i]);
	return { entries, total: all.length };
}
