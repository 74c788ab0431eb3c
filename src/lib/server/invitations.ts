/**
 * Who a round invites (its selection rule, model/round.ts) and the invitations themselves: made
 * for every member when the round opens, and for everyone who joins the selection while it is
 * open (a new person, one activated again, one whose partner, role or bodies changed). Making
 * them is idempotent: a person has at most one invitation per round, however often this runs.
 * A person who leaves the selection keeps the invitation: links given out keep working until
 * the round closes.
 */
import { randomBytes } from 'node:crypto';
import type { DomainContext } from './context';
import * as audit from './audit';
import { linkKey } from './link-key';
import { surveyToken } from './tokens';
import type { NetworkFile, RoundOp } from './store/files';
import type { RoundState } from './store/round-state';
import { partnerTypeLabels, roleLabels, type Respondent } from '$lib/model/network';
import { isEveryone, type Selection } from '$lib/model/round';
import { roundPhase } from '$lib/model/round-phase';

/** A predicate for the selection, with the network's partners looked up once. */
export function selectionTest(network: Readonly<NetworkFile>, selection: Selection | undefined) {
	const partners = new Map(network.partners.map((p) => [p.id, p]));
	const s = selection;
	const byOrganisation = s && s.partnerTypes.length + s.partnerIds.length > 0;
	return (r: Respondent): boolean => {
		const partner = partners.get(r.partnerId);
		if (!r.active || !partner || partner.archived) return false;
		if (!s) return true;
		if (byOrganisation && !s.partnerTypes.includes(partner.type) && !s.partnerIds.includes(partner.id)) return false;
		if (s.roles.length > 0 && !s.roles.includes(r.role)) return false;
		if (s.bodyIds.length > 0 && !r.bodyIds.some((b) => s.bodyIds.includes(b))) return false;
		return true;
	};
}

/** The people the selection covers now. */
export function selectionMembers(network: Readonly<NetworkFile>, selection: Selection | undefined): Respondent[] {
	return network.respondents.filter(selectionTest(network, selection));
}

const joinOr = (items: string[]) =>
	items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} of ${items[items.length - 1]}`;

/** The rule in one Dutch sentence: "Actieve deelnemers van type gemeente of Windesheim, met de rol bestuurlijk". */
export function describeSelection(network: Readonly<NetworkFile>, selection: Selection | undefined): string {
	if (!selection)
		return 'Geen selectieregel vastgelegd: deze ronde houdt de uitnodigingen die ze bij het aanmaken kreeg';
	if (isEveryone(selection)) return 'Iedereen die actief is';
	const s = selection;
	const partnerName = new Map(network.partners.map((p) => [p.id, p.name]));
	const bodyName = new Map(network.bodies.map((b) => [b.id, b.name]));
	const parts: string[] = [];
	const organisations = [
		...s.partnerTypes.map((t) => `type ${partnerTypeLabels[t].toLowerCase()}`),
		...s.partnerIds.map((id) => partnerName.get(id) ?? `${id} (verwijderd)`)
	];
	if (organisations.length) parts.push(`van ${joinOr(organisations)}`);
	if (s.roles.length) parts.push(`met de rol ${joinOr(s.roles.map((r) => roleLabels[r].toLowerCase()))}`);
	if (s.bodyIds.length) parts.push(`in ${joinOr(s.bodyIds.map((id) => bodyName.get(id) ?? `${id} (verwijderd)`))}`);
	return `Actieve deelnemers ${parts.join(', ')}`;
}

function newInvitationId(state: RoundState, taken: Set<string>): string {
	// Random, so an invitation id says nothing about who or when.
	let id: string;
	do id = `i-${randomBytes(8).toString('hex')}`;
	while (state.invitations.has(id) || taken.has(id));
	taken.add(id);
	return id;
}

/**
 * Invites every member of the round's selection who has no invitation yet; returns how many
 * were invited. Each invitation's link is the HMAC of its id under the link key (tokens.ts), so
 * the admin can obtain it again later; only its hash is stored.
 */
export async function inviteMembers(ctx: DomainContext, roundId: string, key: Buffer = linkKey()): Promise<number> {
	const network = ctx.store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round || round.status === 'closed') return 0;
	const members = selectionMembers(network, round.selection);
	const at = ctx.now().toISOString();
	const invited = await ctx.store.transactRound(roundId, (s) => {
		// Decided inside the round's transaction: two runs at once never invite one person twice.
		const have = new Set([...s.invitations.values()].map((i) => i.respondentId));
		const ids = new Set<string>();
		const ops: RoundOp[] = [];
		for (const person of members) {
			if (have.has(person.id)) continue;
			have.add(person.id);
			const id = newInvitationId(s, ids);
			const { tokenHash } = surveyToken(key, roundId, id);
			ops.push({
				t: 'invitation',
				v: { id, roundId, respondentId: person.id, tokenHash, createdAt: at, responseId: null, declinedAt: null }
			});
		}
		return { ops, result: ops.map((op) => (op.t === 'invitation' ? op.v.respondentId : '')) };
	});
	if (invited.length > 0) {
		const who = new Set(invited);
		// The retention period counts from the last invitation (retention.ts).
		await ctx.store.updateNetwork((d) => {
			for (const r of d.respondents) if (who.has(r.id)) r.lastInvitedAt = at;
		});
	}
	return invited.length;
}

/**
 * After people changed: invites whoever joined the selection of a round that is open now.
 * Returns how many invitations were made.
 */
export async function inviteJoiners(ctx: DomainContext): Promise<number> {
	let total = 0;
	for (const round of ctx.store.network().rounds) {
		// A round without a stored rule (the demo's, rounds seeded by tests or made before rules
		// were kept) has the invitations it was given: there is no rule to tell who else belongs.
		if (!round.selection || roundPhase(round, ctx.now()) !== 'open') continue;
		const n = await inviteMembers(ctx, round.id);
		if (n > 0)
			await audit.record(
				ctx,
				'round.invited',
				round.id,
				`${n} ${n === 1 ? 'uitnodiging' : 'uitnodigingen'} erbij: in de selectie gekomen terwijl de ronde open is`
			);
		total += n;
	}
	return total;
}

/**
 * For the modules that change people (respondents.ts, respondents-import.ts), after their write:
 * the change is saved whatever happens here, so a failure is logged, not thrown, and the open
 * job (round-lifecycle.ts, every minute) makes the missing invitations.
 */
export async function inviteJoinersAfterChange(ctx: DomainContext): Promise<void> {
	try {
		await inviteJoiners(ctx);
	} catch (e) {
		console.error(
			'[uitnodigen] uitnodigingen voor nieuwe deelnemers in de selectie mislukten; over een minuut opnieuw:',
			e
		);
	}
}
