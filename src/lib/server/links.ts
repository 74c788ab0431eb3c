/**
 * Survey links the admin can hand out again (issue 12): an invited person's link follows from the
 * link key and the invitation, so it can be shown at any time while the round is open. A link
 * opens that person's saved answers, so every time one is obtained the audit log says who
 * obtained whose link, and when.
 */
import type { DomainContext } from './context';
import * as audit from './audit';
import { linkKey } from './link-key';
import { surveyToken } from './tokens';
import { StoreError } from './store/errors';
import { isRoundClosed } from './survey/access';

export class LinkUnavailable extends Error {}

/** The survey path (`/s/<token>`) of one invitation of an open round, recorded in the audit log. */
export async function obtainLink(
	ctx: DomainContext,
	roundId: string,
	invitationId: string,
	key: Buffer = linkKey()
): Promise<{ path: string; respondentId: string }> {
	const round = ctx.store.network().rounds.find((r) => r.id === roundId);
	if (!round) throw new StoreError(`Onbekende ronde ${roundId}.`);
	if (round.status !== 'open' || isRoundClosed(round, ctx.now()))
		throw new LinkUnavailable('Links zijn er alleen zolang de ronde open is.');
	const invitation = (await ctx.store.round(roundId))?.invitations.get(invitationId);
	if (!invitation) throw new LinkUnavailable('Deze uitnodiging bestaat niet (meer).');
	const { token, tokenHash } = surveyToken(key, roundId, invitationId);
	// Made under another key (LINK_KEY changed without re-deriving): this link would not open.
	if (tokenHash !== invitation.tokenHash)
		throw new LinkUnavailable(
			'De link van deze uitnodiging is met een andere sleutel gemaakt; na het wisselen van de sleutel moeten de links opnieuw worden afgeleid (zie README, “Enquêtelinks”).'
		);
	await audit.record(ctx, 'link.obtained', invitation.respondentId, `ronde ${roundId}`);
	return { path: `/s/${token}`, respondentId: invitation.respondentId };
}

/**
 * After the link key changed: every invitation's stored hash is derived again from the new key,
 * so all earlier links stop working (on purpose) and the new ones open. Returns how many.
 */
export async function rederiveLinks(ctx: DomainContext, key: Buffer): Promise<number> {
	let count = 0;
	for (const round of ctx.store.network().rounds) {
		count += await ctx.store.transactRound(round.id, (s) => {
			const ops = [...s.invitations.values()].map((inv) => ({
				t: 'invitation' as const,
				v: { ...inv, tokenHash: surveyToken(key, round.id, inv.id).tokenHash }
			}));
			return { ops, result: ops.length };
		});
	}
	await audit.record(ctx, 'link.key-rotated', null, `${count} links opnieuw afgeleid`);
	return count;
}
