/**
 * Rounds before they open: create one, change it while it is a draft, delete it. A draft has no
 * invitations and no answers (those come at opening, round-lifecycle.ts), so changing or
 * deleting it touches nobody.
 */
import type { DomainContext } from './context';
import * as audit from './audit';
import { attempt, Refusal, type Outcome } from './outcome';
import { idFromName } from './name-ids';
import type { NetworkFile } from './store/files';
import { RoundState } from './store/round-state';
import { builtInQuestionnaires } from '$lib/questionnaires';
import { questionnaireKey } from '$lib/model/questionnaire';
import { partnerTypeLabels, partnerTypes, roleLabels, roles } from '$lib/model/network';
import { isEveryone, type Round } from '$lib/model/round';
import type { RoundFormValues, RoundInput } from '$lib/model/round-forms';
import { toLocalInput } from '$lib/model/local-time';

export type Option = { id: string; name: string };
export type QuestionnaireOption = { key: string; label: string };

/** `/admin/rounds/nieuw` and `/admin/rounds/import` are pages, not rounds. */
export const RESERVED_ROUND_IDS = ['nieuw', 'import'];

const collator = new Intl.Collator('nl', { sensitivity: 'base' });
const byName = (a: Option, b: Option) => collator.compare(a.name, b.name);

/**
 * Every questionnaire version a round can use: the network's own and the built-in ones (the
 * network's wins where both have one id and version, as for the survey, survey/access.ts).
 */
export function questionnaireOptions(network: Readonly<NetworkFile>): QuestionnaireOption[] {
	const builtIn = new Set(builtInQuestionnaires.map(questionnaireKey));
	const seen = new Set<string>();
	const out: QuestionnaireOption[] = [];
	for (const q of [...network.questionnaires, ...builtInQuestionnaires]) {
		const key = questionnaireKey(q);
		if (seen.has(key)) continue;
		seen.add(key);
		out.push({ key, label: `${q.title}, versie ${q.version}${builtIn.has(key) ? ' (standaard)' : ''}` });
	}
	return out;
}

/** What the round form offers: questionnaires, partner types, partners (not archived), roles, bodies. */
export function formOptions(ctx: DomainContext) {
	const network = ctx.store.network();
	const used = new Set(network.partners.filter((p) => !p.archived).map((p) => p.type));
	return {
		questionnaires: questionnaireOptions(network),
		// Every type, the ones no partner has yet last: a selection may be made before the partners are in.
		partnerTypes: [...partnerTypes]
			.sort((a, b) => Number(used.has(b)) - Number(used.has(a)))
			.map((t) => ({ id: t, name: partnerTypeLabels[t] })),
		partners: network.partners
			.filter((p) => !p.archived)
			.map((p) => ({ id: p.id, name: p.name }))
			.sort(byName),
		roles: roles.map((r) => ({ id: r, name: roleLabels[r] })),
		bodies: network.bodies.map((b) => ({ id: b.id, name: b.name })).sort(byName)
	};
}

/** The network's checks on a valid form: the questionnaire, partners and bodies exist. */
function check(network: Readonly<NetworkFile>, input: RoundInput) {
	const key = questionnaireKey({ id: input.questionnaireId, version: input.questionnaireVersion });
	if (!questionnaireOptions(network).some((q) => q.key === key))
		throw new Refusal({ questionnaire: 'Deze vragenlijst bestaat niet (meer); kies een andere.' });
	const partners = new Set(network.partners.filter((p) => !p.archived).map((p) => p.id));
	if (input.selection.partnerIds.some((id) => !partners.has(id)))
		throw new Refusal({ partnerIds: 'Een van de gekozen partners bestaat niet (meer) of is gearchiveerd.' });
	const bodies = new Set(network.bodies.map((b) => b.id));
	if (input.selection.bodyIds.some((id) => !bodies.has(id)))
		throw new Refusal({ bodyIds: 'Een van de gekozen gremia bestaat niet (meer).' });
}

const fields = (input: RoundInput) => ({
	name: input.name,
	questionnaireId: input.questionnaireId,
	questionnaireVersion: input.questionnaireVersion,
	opensAt: input.opensAt,
	closesAt: input.closesAt,
	selection: {
		partnerTypes: [...new Set(input.selection.partnerTypes)],
		partnerIds: [...new Set(input.selection.partnerIds)],
		roles: [...new Set(input.selection.roles)],
		bodyIds: [...new Set(input.selection.bodyIds)]
	},
	welcomeText: input.welcomeText
});

/** A new draft; its id comes from the name ("Najaar 2026" → najaar-2026) and is part of its survey links. */
export async function createRound(ctx: DomainContext, input: RoundInput): Promise<Outcome<Round>> {
	return attempt(async () => {
		const round = await ctx.store.updateNetwork((d) => {
			check(d, input);
			const round: Round = {
				id: idFromName(input.name, new Set(d.rounds.map((r) => r.id)), RESERVED_ROUND_IDS),
				...fields(input),
				status: 'draft',
				createdAt: ctx.now().toISOString(),
				closedAt: null,
				minimisedAt: null
			};
			d.rounds.push(round);
			return structuredClone(round);
		});
		await audit.record(ctx, 'round.created', round.id, `Ronde ‘${round.name}’ aangemaakt als concept`);
		return round;
	});
}

const notADraft = () =>
	new Refusal({ form: 'Deze ronde is geen concept meer: alleen de sluitdatum kan nog later worden gezet.' });

/** Saves an edit of a draft; the id stays. */
export async function updateDraft(ctx: DomainContext, id: string, input: RoundInput): Promise<Outcome<Round>> {
	return attempt(async () => {
		const round = await ctx.store.updateNetwork((d) => {
			const round = d.rounds.find((r) => r.id === id);
			if (!round) throw new Refusal({ form: 'Deze ronde bestaat niet (meer).' });
			if (round.status !== 'draft') throw notADraft();
			check(d, input);
			Object.assign(round, fields(input));
			return structuredClone(round);
		});
		await audit.record(ctx, 'round.updated', id, `Concept ‘${round.name}’ gewijzigd`);
		return round;
	});
}

/**
 * Deletes a draft. A draft whose opening was cut off by a crash may already hold invitations
 * (they are written before the round is marked open); its file is emptied first, twice so that
 * the backup goes too, so that a later round with the same id starts clean.
 */
export async function deleteDraft(ctx: DomainContext, id: string): Promise<Outcome<Round>> {
	return attempt(async () => {
		const round = ctx.store.network().rounds.find((r) => r.id === id);
		if (!round) throw new Refusal({ form: 'Deze ronde bestaat niet (meer).' });
		if (round.status !== 'draft') throw new Refusal({ form: 'Alleen een concept kan worden verwijderd.' });
		const state = await ctx.store.round(id);
		if (state && (state.invitations.size > 0 || state.responses.size > 0)) {
			const empty = new RoundState(id).toFile();
			await ctx.store.replaceRound(id, empty);
			await ctx.store.replaceRound(id, empty);
		}
		const removed = await ctx.store.updateNetwork((d) => {
			const i = d.rounds.findIndex((r) => r.id === id);
			if (i < 0) throw new Refusal({ form: 'Deze ronde bestaat niet (meer).' });
			if (d.rounds[i].status !== 'draft') throw new Refusal({ form: 'Alleen een concept kan worden verwijderd.' });
			return d.rounds.splice(i, 1)[0];
		});
		await audit.record(ctx, 'round.deleted', id, `Concept ‘${removed.name}’ verwijderd`);
		return removed;
	});
}

export const findRound = (ctx: DomainContext, id: string): Round | null =>
	ctx.store.network().rounds.find((r) => r.id === id) ?? null;

/** The form as a stored round fills it. */
export function formValuesOf(round: Round): RoundFormValues {
	const s = round.selection;
	return {
		name: round.name,
		questionnaire: questionnaireKey({ id: round.questionnaireId, version: round.questionnaireVersion }),
		opensAt: toLocalInput(round.opensAt),
		closesAt: toLocalInput(round.closesAt),
		invite: isEveryone(s) ? 'all' : 'some',
		partnerTypes: [...(s?.partnerTypes ?? [])],
		partnerIds: [...(s?.partnerIds ?? [])],
		roles: [...(s?.roles ?? [])],
		bodyIds: [...(s?.bodyIds ?? [])],
		welcomeText: round.welcomeText ?? ''
	};
}

const DAY = 24 * 60 * 60 * 1000;

/**
 * "Nieuwe ronde zoals de vorige": the newest round's questionnaire, selection and welcome text,
 * opening tomorrow at the hour it opened and lasting as long. The name is left for the admin
 * (a copied name would only be changed). Null when there is no round yet.
 */
export function likePrevious(ctx: DomainContext): RoundFormValues | null {
	const newest = [...ctx.store.network().rounds].sort(
		(a, b) => b.createdAt.localeCompare(a.createdAt) || b.opensAt.localeCompare(a.opensAt)
	)[0];
	if (!newest) return null;
	const values = formValuesOf(newest);
	const hour = values.opensAt.slice(11);
	const tomorrow = toLocalInput(new Date(ctx.now().getTime() + DAY).toISOString()).slice(0, 10);
	const dayOf = (local: string) => Date.parse(`${local.slice(0, 10)}T00:00:00Z`);
	// Counted on the wall clock, in days, so that a change to or from summer time keeps the hours.
	const days = Math.max(0, Math.round((dayOf(values.closesAt) - dayOf(values.opensAt)) / DAY));
	const closeDay = new Date(dayOf(tomorrow) + days * DAY).toISOString().slice(0, 10);
	return { ...values, name: '', opensAt: `${tomorrow}T${hour}`, closesAt: `${closeDay}T${values.closesAt.slice(11)}` };
}
