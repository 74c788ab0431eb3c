/**
 * A round's invitation and reminder texts (model/mail-texts.ts): saved per round while it is not
 * closed, and previewed as one real invitee would receive them, with the link masked: a preview
 * must not hand out a working link (obtaining one is audited, links.ts).
 */
import type { DomainContext } from '../context';
import * as audit from '../audit';
import { attempt, Refusal, type Outcome } from '../outcome';
import { renderFor, type Rendered } from './render';
import type { MailKind } from '$lib/model/outbox';
import type { RoundMail } from '$lib/model/mail-texts';
import type { Round } from '$lib/model/round';
import { selectionMembers } from '../invitations';

export async function saveMailTexts(ctx: DomainContext, roundId: string, mail: RoundMail): Promise<Outcome<null>> {
	return attempt(async () => {
		await ctx.store.updateNetwork((d) => {
			const r = d.rounds.find((x) => x.id === roundId);
			if (!r) throw new Refusal({ form: 'Deze ronde bestaat niet (meer).' });
			if (r.status === 'closed') throw new Refusal({ form: 'Deze ronde is gesloten: er gaat geen e-mail meer uit.' });
			r.mail = mail;
		});
		await audit.record(ctx, 'mail.texts-changed', roundId);
		return null;
	});
}

export type PreviewPerson = { id: string; label: string };

/**
 * Who the preview can show: the round's invitees, or while it is a draft the people its
 * selection covers now; the first 200, in name order.
 */
export async function previewPeople(ctx: DomainContext, round: Round): Promise<PreviewPerson[]> {
	const network = ctx.store.network();
	const partners = new Map(network.partners.map((p) => [p.id, p.name]));
	const state = await ctx.store.round(round.id);
	const invited = new Set([...(state?.invitations.values() ?? [])].map((i) => i.respondentId));
	const people =
		invited.size > 0
			? network.respondents.filter((r) => invited.has(r.id))
			: selectionMembers(network, round.selection);
	return people
		.map((r) => ({ id: r.id, label: `${r.name || r.email} (${partners.get(r.partnerId) ?? 'geen partner'})` }))
		.sort((a, b) => a.label.localeCompare(b.label, 'nl'))
		.slice(0, 200);
}

export const MASKED_LINK = '/s/(persoonlijke-link)';

export function previewMail(
	ctx: DomainContext,
	round: Round,
	mail: RoundMail,
	kind: MailKind,
	respondentId: string | null,
	origin: string
): (Rendered & { to: string }) | null {
	const network = ctx.store.network();
	const person = network.respondents.find((r) => r.id === respondentId);
	if (!person) return null;
	const survey = `${origin}${MASKED_LINK}`;
	return {
		to: person.email,
		...renderFor(network, round, kind, person, { survey, decline: `${survey}/niet-meedoen` }, mail)
	};
}
