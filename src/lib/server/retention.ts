import type { DomainContext } from './context';
import * as audit from './audit';
import { eraseRespondents } from './erasure';
import { listRows } from './respondents';
import { networkSchema } from '$lib/model/network';
import type { RetentionEntry, RetentionOverview } from '$lib/model/respondent-forms';

export type { RetentionEntry, RetentionOverview };

const DAY = 24 * 60 * 60 * 1000;

/** The same day `months` later, or the month's last day when it has no such day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(iso: string, months: number): Date {
	const d = new Date(iso);
	const target = new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + months, 1));
	const lastDay = new Date(Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0)).getUTCDate();
	target.setUTCDate(Math.min(d.getUTCDate(), lastDay));
	target.setUTCHours(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds(), d.getUTCMilliseconds());
	return target;
}

/**
 * When each person was last invited. `lastInvitedAt` says so, but the rounds' own invitations
 * count as well, so that a person is never erased early because a field was not kept up to date.
 */
async function lastContacts(ctx: DomainContext): Promise<Map<string, string>> {
	const network = ctx.store.network();
	const last = new Map<string, string>();
	const bump = (id: string, at: string | null) => {
		if (!at) return;
		const seen = last.get(id);
		if (!seen || Date.parse(at) > Date.parse(seen)) last.set(id, at);
	};
	for (const r of network.respondents) {
		bump(r.id, r.lastInvitedAt);
		if (!r.lastInvitedAt) bump(r.id, r.createdAt);
	}
	for (const round of network.rounds) {
		const state = await ctx.store.round(round.id);
		for (const inv of state?.invitations.values() ?? []) bump(inv.respondentId, inv.createdAt);
	}
	return last;
}

export async function overview(ctx: DomainContext): Promise<RetentionOverview> {
	const network = ctx.store.network();
	const months = network.network?.retentionMonths ?? networkSchema.shape.retentionMonths.parse(undefined);
	const now = ctx.now().getTime();
	const last = await lastContacts(ctx);
	const row = listRows(network);
	const due: RetentionEntry[] = [];
	const soon: RetentionEntry[] = [];
	let undated = 0;
	for (const r of network.respondents) {
		const lastContact = last.get(r.id);
		if (!lastContact) {
			undated++;
			continue;
		}
		const dueAt = addMonths(lastContact, months);
		const entry = { ...row(r), lastContact, dueAt: dueAt.toISOString() };
		if (dueAt.getTime() <= now) due.push(entry);
		else if (dueAt.getTime() <= now + 30 * DAY) soon.push(entry);
	}
	const byDue = (a: RetentionEntry, b: RetentionEntry) => a.dueAt.localeCompare(b.dueAt);
	return { months, due: due.sort(byDue), soon: soon.sort(byDue), undated };
}

/**
 * Erases everyone past the retention period. The admin's button calls it, and so should a daily
 * job (with a context whose actor is null: the audit line then names the server).
 */
export async function eraseDue(ctx: DomainContext): Promise<number> {
	const { due, months } = await overview(ctx);
	if (due.length === 0) return 0;
	const erased = await eraseRespondents(
		ctx,
		due.map((d) => d.id)
	);
	await audit.record(
		ctx,
		'respondents.retention-erased',
		null,
		`${erased} ${erased === 1 ? 'deelnemer' : 'deelnemers'} gewist: langer dan ${months} maanden niet uitgenodigd`
	);
	return erased;
}
