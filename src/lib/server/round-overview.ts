/**
 * What the admin's round page (/admin/rounds/[id]/beheer) shows: the round's settings, what it
 * can do next, and while it is open who was invited and who answered, per partner and partner
 * type, and by name who has not answered yet. Participation only: nothing here reads an answer,
 * so the names never stand beside what anyone said (DESIGN.md §6).
 */
import type { DomainContext } from './context';
import { findQuestionnaire } from './survey/access';
import { describeSelection, selectionMembers } from './invitations';
import { roundK } from '$lib/analysis/privacy';
import { partnerTypeLabels, roleLabels, type PartnerType } from '$lib/model/network';
import { roundPhase, roundPhaseLabels, type RoundPhase } from '$lib/model/round-phase';

/** `declined`: said "ik doe deze keer niet mee" and did not send after all. */
export type Counts = { invited: number; started: number; submitted: number; declined: number };
export type ParticipationRow = Counts & { id: string; name: string };
export type NotAnswered = {
	invitationId: string;
	name: string;
	partner: string;
	role: string;
	started: boolean;
	declined: boolean;
};

export type RoundOverview = {
	round: {
		id: string;
		name: string;
		phase: RoundPhase;
		phaseLabel: string;
		opensAt: string;
		closesAt: string;
		closedAt: string | null;
		welcomeText: string;
	};
	questionnaire: string;
	/** How many people the rule covers now; null for a round without a stored rule. */
	selection: { description: string; members: number | null };
	/** The round's k: frozen at opening, or the network's k that opening will freeze. */
	k: { value: number; frozen: boolean };
	/** While open (or closing): per partner type and per partner, and the totals. */
	participation: { total: Counts; byType: ParticipationRow[]; byPartner: ParticipationRow[] } | null;
	notAnswered: NotAnswered[] | null;
};

const collator = new Intl.Collator('nl', { sensitivity: 'base' });

export async function roundOverview(ctx: DomainContext, id: string): Promise<RoundOverview | null> {
	const network = ctx.store.network();
	const round = network.rounds.find((r) => r.id === id);
	if (!round) return null;
	const phase = roundPhase(round, ctx.now());
	const questionnaire = findQuestionnaire(ctx.store, round);
	const overview: RoundOverview = {
		round: {
			id: round.id,
			name: round.name,
			phase,
			phaseLabel: roundPhaseLabels[phase],
			opensAt: round.opensAt,
			closesAt: round.closesAt,
			closedAt: round.closedAt,
			welcomeText: round.welcomeText ?? ''
		},
		questionnaire: questionnaire
			? `${questionnaire.title}, versie ${questionnaire.version}`
			: `${round.questionnaireId}, versie ${round.questionnaireVersion} (ontbreekt)`,
		selection: {
			description: describeSelection(network, round.selection),
			members: round.selection ? selectionMembers(network, round.selection).length : null
		},
		k: { value: roundK(round, network.network?.kAnonymity), frozen: round.k !== undefined },
		participation: null,
		notAnswered: null
	};
	if (phase !== 'open' && phase !== 'closing') return overview;

	const state = await ctx.store.round(id);
	const people = new Map(network.respondents.map((r) => [r.id, r]));
	const partners = new Map(network.partners.map((p) => [p.id, p]));
	const total: Counts = { invited: 0, started: 0, submitted: 0, declined: 0 };
	const byType = new Map<PartnerType | '', ParticipationRow>();
	const byPartner = new Map<string, ParticipationRow>();
	const notAnswered: NotAnswered[] = [];
	const row = (map: Map<string, ParticipationRow>, key: string, name: string) => {
		let r = map.get(key);
		if (!r) map.set(key, (r = { id: key, name, invited: 0, started: 0, submitted: 0, declined: 0 }));
		return r;
	};
	for (const inv of state?.invitations.values() ?? []) {
		const person = people.get(inv.respondentId);
		const partner = person && partners.get(person.partnerId);
		const response = inv.responseId ? state?.responses.get(inv.responseId) : undefined;
		const started = response !== undefined;
		const submitted = response?.status === 'submitted';
		const declined = inv.declinedAt !== null && !submitted;
		for (const r of [
			total,
			row(byType, partner?.type ?? '', partner ? partnerTypeLabels[partner.type] : 'Onbekend'),
			row(byPartner, partner?.id ?? '', partner?.name ?? 'Onbekende partner')
		]) {
			r.invited++;
			if (started) r.started++;
			if (submitted) r.submitted++;
			if (declined) r.declined++;
		}
		if (!submitted)
			notAnswered.push({
				invitationId: inv.id,
				name: person?.name || 'Deelnemer zonder naam',
				partner: partner?.name ?? 'Onbekende partner',
				role: person ? roleLabels[person.role] : '',
				started,
				declined
			});
	}
	const byNameRow = (a: ParticipationRow, b: ParticipationRow) => collator.compare(a.name, b.name);
	overview.participation = {
		total,
		byType: [...byType.values()].sort(byNameRow),
		byPartner: [...byPartner.values()].sort(byNameRow)
	};
	overview.notAnswered = notAnswered.sort(
		(a, b) => collator.compare(a.partner, b.partner) || collator.compare(a.name, b.name)
	);
	return overview;
}
