/**
 * "Ik doe deze keer niet mee" (issue 13), from the link in an invitation or reminder: the person
 * gets no more reminders for this round and counts as declined, unless they send after all. Not
 * in the audit log: after close nothing may tell who took part and who did not (closing.ts cuts
 * the decline with the links).
 */
import type { Store } from '../store';
import type { SurveyContext } from './access';

export type DeclineState = 'open' | 'declined' | 'submitted';

export async function declineState(store: Store, ctx: SurveyContext): Promise<DeclineState> {
	const s = await store.round(ctx.round.id);
	const inv = s?.invitations.get(ctx.invitation.id);
	if (inv?.responseId && s?.responses.get(inv.responseId)?.status === 'submitted') return 'submitted';
	return inv?.declinedAt ? 'declined' : 'open';
}

export async function decline(store: Store, ctx: SurveyContext, now = new Date()): Promise<DeclineState> {
	return store.transactRound(ctx.round.id, (s) => {
		const inv = s.invitations.get(ctx.invitation.id);
		if (!inv) return { ops: [], result: 'open' as DeclineState };
		if (inv.responseId && s.responses.get(inv.responseId)?.status === 'submitted')
			return { ops: [], result: 'submitted' as DeclineState };
		if (inv.declinedAt) return { ops: [], result: 'declined' as DeclineState };
		return {
			ops: [{ t: 'invitation', v: { ...inv, declinedAt: now.toISOString() } }],
			result: 'declined' as DeclineState
		};
	});
}
