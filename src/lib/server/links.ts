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

export type LinkRow = { name: string; email: string; partner: string; link: string };

/**
 * Every invited person's link of an open round, for a mail merge when the app does not send the
 * mail itself (DESIGN.md §5, `links.csv`): name, e-mail, partner and link, in the order of the
 * round page. `notSubmitted` leaves out those who already sent (for a reminder). These are live
 * credentials, so the audit log records who took how many; an invitation whose stored hash was
 * made under another key is left out (its link would not open), and so is one of a person erased
 * since. `origin` is the address the links start with.
 */
export async function allLinks(
	ctx: DomainContext,
	roundId: string,
	origin: string,
	opts: { notSubmitted: boolean },
	key: Buffer = linkKey()
): Promise<{ rows: LinkRow[]; stale: number }> {
	const network = ctx.store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round) throw new StoreError(`Onbekende ronde ${roundId}.`);
	if (round.status !== 'open' || isRoundClosed(round, ctx.now()))
		throw new LinkUnavailable('Links zijn er alleen zolang de ronde open is.');
	const state = await ctx.store.round(roundId);
	const people = new Map(network.respondents.map((r) => [r.id, r]));
	const partners = new Map(network.partners.map((p) => [p.id, p.name]));
	const rows: LinkRow[] = [];
	let stale = 0;
	for (const inv of state?.invitations.values() ?? []) {
		const person = people.get(inv.respondentId);
		if (!person) continue;
		if (opts.notSubmitted && inv.responseId && state?.responses.get(inv.responseId)?.status === 'submitted') continue;
		const { token, tokenHash } = surveyToken(key, roundId, inv.id);
		if (tokenHash !== inv.tokenHash) {
			stale++;
			continue;
		}
		rows.push({
			name: person.name,
			email: person.email,
			partner: partners.get(person.partnerId) ?? '',
			link: `${origin}/s/${token}`
		});
	}
	const order = new Intl.Collator('nl');
	rows.sort((a, b) => order.compare(a.partner, b.partner) || order.compare(a.name, b.name));
	await audit.record(
		ctx,
		'links.exported',
		null,
		`ronde ${roundId}: ${rows.length} links${opts.notSubmitted ? ' van wie nog niet verzond' : ''}`
	);
	return { rows, stale };
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
