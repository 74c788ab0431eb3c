import type { DomainContext } from './context';
import * as audit from './audit';
import type { RoundOp } from './store/files';
import { RespondentNotFoundError } from './respondents';
import { minimiseResponses } from './closing';

/**
 * The AVG's right to erasure. A person leaves the network file (name, e-mail, bodies) and every
 * round loses their invitations. In a round that has not closed, their response goes too, draft
 * or submitted: they asked to be forgotten and nothing was published yet. A closed round's link
 * between invitation and response was cut at close, so its answers stay as anonymous data; but
 * when fewer than k invitees are left to hide among, minimising again keeps only the statuses
 * (closing.ts).
 *
 * Nothing may linger on disk: the store keeps the previous network file as `.bak`, so the network
 * is written twice; rounds hold ids only, but their journals and backups are folded and
 * rewritten too, so that not even the old invitation remains.
 */
export async function eraseRespondents(ctx: DomainContext, ids: readonly string[]): Promise<number> {
	const erase = new Set(ids);
	if (erase.size === 0) return 0;
	// Closed rounds that invited them: marked in the same write that removes the people, so that
	// a crash before they are minimised again leaves them to the close job.
	const closedWithThem = new Set<string>();
	for (const round of ctx.store.network().rounds) {
		if (round.status !== 'closed') continue;
		const state = await ctx.store.round(round.id);
		if ([...(state?.invitations.values() ?? [])].some((i) => erase.has(i.respondentId))) closedWithThem.add(round.id);
	}
	const erased = await ctx.store.updateNetwork((d) => {
		const before = d.respondents.length;
		d.respondents = d.respondents.filter((r) => !erase.has(r.id));
		for (const r of d.rounds) if (closedWithThem.has(r.id)) r.minimisedAt = null;
		return before - d.respondents.length;
	});
	// Overwrites network.json.bak, which still held the people just removed.
	await ctx.store.updateNetwork(() => undefined);

	for (const round of ctx.store.network().rounds) {
		const state = await ctx.store.round(round.id);
		if (!state) continue;
		const touched = await ctx.store.transactRound(round.id, (s) => {
			const ops: RoundOp[] = [];
			for (const inv of s.invitations.values()) {
				if (!erase.has(inv.respondentId)) continue;
				if (round.status !== 'closed' && inv.responseId && s.responses.has(inv.responseId))
					ops.push({ t: 'delete-response', id: inv.responseId });
				ops.push({ t: 'delete-invitation', id: inv.id });
			}
			return { ops, result: ops.length > 0 };
		});
		if (touched) {
			// Twice: the first folds the journal into the snapshot, the second replaces the
			// snapshot's .bak, which still held the invitations.
			await ctx.store.compactRound(round.id);
			await ctx.store.compactRound(round.id);
		}
	}
	for (const id of closedWithThem) await minimiseResponses(ctx, id);
	return erased;
}

/** Erases one person on their request. The audit line names the id only. */
export async function eraseOnRequest(ctx: DomainContext, id: string): Promise<void> {
	if (!ctx.store.network().respondents.some((r) => r.id === id)) throw new RespondentNotFoundError(id);
	await eraseRespondents(ctx, [id]);
	await audit.record(ctx, 'respondent.erased', id, 'Gewist op verzoek (AVG)');
}
