/**
 * The alliance team's dashboard for one round: reads the round, its earlier rounds and the
 * network from the store, turns the URL's filter into a DashboardFilter, and hands plain data to
 * the pure analysis. Privacy (k) is enforced there; this module only supplies k from the network.
 */
import { z } from 'zod';
import { error } from '@sveltejs/kit';
import { requireUser } from './auth/guard';
import { getStore } from './store';
import { buildDashboard } from '$lib/analysis/dashboard';
import type { DashboardData, DashboardFilter, RoundInput } from '$lib/analysis/types';
import {
	helices,
	helixLabels,
	partnerTypeLabels,
	partnerTypes,
	roleLabels,
	roles,
	type PartnerType
} from '$lib/model/network';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { Response } from '$lib/model/response';
import { roundStatusLabels, type Round, type RoundStatus } from '$lib/model/round';
import { findBuiltIn } from '$lib/questionnaires';
import type { Store } from './store';
import type { NetworkFile } from './store/files';
import { StoreReadError } from './store/errors';
import { damagedFile } from './rounds';

/** URL parameter names of the filter form; the values are the model's ids. */
export const filterDimensions = ['partnerType', 'helix', 'role', 'body'] as const;
export type FilterDimension = (typeof filterDimensions)[number];

export const filterLabels: Record<FilterDimension, string> = {
	partnerType: 'Type partner',
	helix: 'Helix',
	role: 'Rol',
	body: 'Gremium'
};

export interface FilterOption {
	value: string;
	label: string;
}

export interface FilterState {
	/** Recognised values per dimension, in the order of the options. */
	selected: Record<FilterDimension, string[]>;
	/** Dutch notices for values that were ignored. */
	notices: string[];
	/** The recognised filter as a query string ("?role=ambtelijk"), or "" without a filter. */
	query: string;
	/** "Rol: Ambtelijk · Helix: Overheid", or null without a filter. */
	description: string | null;
}

export interface RoundDashboard {
	networkName: string;
	round: {
		id: string;
		name: string;
		status: RoundStatus;
		statusLabel: string;
		opensAt: string;
		closesAt: string;
	};
	questionnaire: { id: string; title: string; version: number };
	options: Record<FilterDimension, FilterOption[]>;
	filter: FilterState;
	/** Dutch notices about data left out (an earlier round whose file cannot be read). */
	notices: string[];
	data: DashboardData;
}

/** More values than a dimension has options is never a real selection; cap the work. */
const MAX_VALUES = 50;
const shown = (v: string) => (v.length > 40 ? `${v.slice(0, 37)}…` : v);

/** The options the filter form offers: only what occurs in this network (roles always). */
export function filterOptions(network: Readonly<NetworkFile>): Record<FilterDimension, FilterOption[]> {
	const types = new Set(network.partners.map((p) => p.type));
	const hs = new Set(network.partners.map((p) => p.helix));
	return {
		partnerType: partnerTypes.filter((t) => types.has(t)).map((t) => ({ value: t, label: partnerTypeLabels[t] })),
		helix: helices.filter((h) => hs.has(h)).map((h) => ({ value: h, label: helixLabels[h] })),
		role: roles.map((r) => ({ value: r, label: roleLabels[r] })),
		body: [...network.bodies]
			.sort((a, b) => a.name.localeCompare(b.name, 'nl'))
			.map((b) => ({ value: b.id, label: b.name }))
	};
}

/**
 * Reads the filter from the URL. A link may be old, typed by hand or tampered with, so an
 * unknown value is dropped with a notice rather than failing the page; an empty value is the
 * form's "Alle" choice and says nothing.
 */
export function parseFilter(
	params: URLSearchParams,
	options: Record<FilterDimension, FilterOption[]>
): { filter: DashboardFilter; state: FilterState } {
	const schemas: Record<FilterDimension, z.ZodType<string>> = {
		partnerType: z.enum(partnerTypes),
		helix: z.enum(helices),
		role: z.enum(roles),
		body: z.string().refine((v) => options.body.some((o) => o.value === v))
	};
	const selected = {} as Record<FilterDimension, string[]>;
	const notices: string[] = [];
	for (const dim of filterDimensions) {
		const raw = params
			.getAll(dim)
			.map((v) => v.trim())
			.filter((v) => v !== '');
		const values = new Set<string>();
		const unknown: string[] = [];
		for (const v of raw.slice(0, MAX_VALUES)) {
			const parsed = schemas[dim].safeParse(v);
			if (parsed.success) values.add(parsed.data);
			else unknown.push(v);
		}
		const unknownCount = unknown.length + Math.max(0, raw.length - MAX_VALUES);
		if (unknownCount > 0)
			notices.push(
				`Onbekende waarde${unknownCount > 1 ? 'n' : ''} voor ‘${filterLabels[dim]}’ genegeerd: ${unknown
					.slice(0, 3)
					.map((v) => `“${shown(v)}”`)
					.join(', ')}${unknownCount > 3 ? ` en nog ${unknownCount - 3}` : ''}.`
			);
		// Partner types outside this network are valid ids but offered nowhere; keep them last.
		const order = (v: string) => {
			const i = options[dim].findIndex((o) => o.value === v);
			return i < 0 ? Number.MAX_SAFE_INTEGER : i;
		};
		selected[dim] = [...values].sort((a, b) => order(a) - order(b));
	}

	const search = new URLSearchParams();
	for (const dim of filterDimensions) for (const v of selected[dim]) search.append(dim, v);
	const labelOf = (dim: FilterDimension, v: string) =>
		options[dim].find((o) => o.value === v)?.label ?? (dim === 'partnerType' ? partnerTypeLabels[v as PartnerType] : v);
	const parts = filterDimensions
		.filter((dim) => selected[dim].length > 0)
		.map((dim) => `${filterLabels[dim]}: ${selected[dim].map((v) => labelOf(dim, v)).join(' of ')}`);

	const filter: DashboardFilter = {};
	if (selected.partnerType.length) filter.partnerTypes = selected.partnerType as DashboardFilter['partnerTypes'];
	if (selected.helix.length) filter.helices = selected.helix as DashboardFilter['helices'];
	if (selected.role.length) filter.roles = selected.role as DashboardFilter['roles'];
	if (selected.body.length) filter.bodyIds = selected.body;

	const query = search.toString();
	return {
		filter,
		state: {
			selected,
			notices,
			query: query ? `?${query}` : '',
			description: parts.length > 0 ? parts.join(' · ') : null
		}
	};
}

function questionnaireOf(network: Readonly<NetworkFile>, round: Round): Questionnaire {
	const q =
		network.questionnaires.find((x) => x.id === round.questionnaireId && x.version === round.questionnaireVersion) ??
		findBuiltIn(round.questionnaireId, round.questionnaireVersion);
	if (!q)
		throw new Error(
			`Vragenlijst ${round.questionnaireId}@${round.questionnaireVersion} van ronde ${round.id} ontbreekt`
		);
	return q;
}

async function submittedResponses(store: Store, roundId: string): Promise<Response[]> {
	const state = await store.round(roundId);
	if (!state) return [];
	const out: Response[] = [];
	for (const r of state.responses.values()) if (r.status === 'submitted') out.push(r);
	return out;
}

/**
 * Earlier rounds of the same questionnaire (any version: items are matched by id), oldest first.
 * A draft round has no answers worth a trend point.
 */
export function previousRoundsOf(network: Readonly<NetworkFile>, round: Round): Round[] {
	return network.rounds
		.filter(
			(r) =>
				r.id !== round.id &&
				r.questionnaireId === round.questionnaireId &&
				r.status !== 'draft' &&
				r.opensAt < round.opensAt
		)
		.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
}

/** The dashboard of one round for the given URL parameters, or null when there is no such round. */
export async function loadRoundDashboard(
	store: Store,
	roundId: string,
	params: URLSearchParams
): Promise<RoundDashboard | null> {
	const network = store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round) return null;
	const questionnaire = questionnaireOf(network, round);
	const options = filterOptions(network);
	const { filter, state: filterState } = parseFilter(params, options);

	const state = await store.round(round.id).catch((e) => {
		if (!(e instanceof StoreReadError)) throw e;
		error(500, {
			message: 'Lezen lukte niet',
			detail:
				`Het bestand van meetronde “${round.name}” (${damagedFile(store, e)}) kon niet worden gelezen: het is ` +
				`beschadigd of onleesbaar. Er is niets gewijzigd. Laat de beheerder van de server het terugzetten uit een ` +
				`back-up; de andere meetrondes werken gewoon.`
		});
	});
	const responses: Response[] = [];
	let started = 0;
	if (state) {
		started = state.responses.size;
		for (const r of state.responses.values()) if (r.status === 'submitted') responses.push(r);
	}

	const typeOfRespondent = new Map<string, PartnerType>();
	const typeOfPartner = new Map(network.partners.map((p) => [p.id, p.type]));
	for (const r of network.respondents) {
		const t = typeOfPartner.get(r.partnerId);
		if (t) typeOfRespondent.set(r.id, t);
	}
	const invitedByPartnerType: Partial<Record<PartnerType, number>> = {};
	for (const inv of state?.invitations.values() ?? []) {
		const t = typeOfRespondent.get(inv.respondentId);
		if (t) invitedByPartnerType[t] = (invitedByPartnerType[t] ?? 0) + 1;
	}

	// A damaged earlier round costs one trend point, not the page.
	const notices: string[] = [];
	const previous = await Promise.all(
		previousRoundsOf(network, round).map(async (r): Promise<RoundInput | null> => {
			try {
				return {
					round: { id: r.id, name: r.name, opensAt: r.opensAt },
					questionnaire: questionnaireOf(network, r),
					responses: await submittedResponses(store, r.id)
				};
			} catch (e) {
				if (!(e instanceof StoreReadError)) throw e;
				notices.push(
					`Meetronde “${r.name}” ontbreekt in de ontwikkeling over rondes heen: het bestand ` +
						`${damagedFile(store, e)} kon niet worden gelezen.`
				);
				return null;
			}
		})
	);
	const previousRounds = previous.filter((p): p is RoundInput => p !== null);

	const data = buildDashboard({
		questionnaire,
		responses,
		round: { id: round.id, name: round.name, opensAt: round.opensAt },
		previousRounds,
		partners: network.partners,
		bodies: network.bodies,
		invitedCount: state?.invitations.size ?? 0,
		invitedByPartnerType,
		startedCount: started,
		k: network.network?.kAnonymity,
		filter
	});

	return {
		networkName: network.network?.name ?? 'Alliantiemonitor',
		round: {
			id: round.id,
			name: round.name,
			status: round.status,
			statusLabel: roundStatusLabels[round.status],
			opensAt: round.opensAt,
			closesAt: round.closesAt
		},
		questionnaire: { id: questionnaire.id, title: questionnaire.title, version: questionnaire.version },
		options,
		filter: filterState,
		notices,
		data
	};
}

/**
 * The load of every dashboard page (dashboard, report, agenda): checks the session itself, as
 * every admin load must, then builds the round's dashboard for the URL's filters.
 */
export async function dashboardPageData(event: { locals: App.Locals; params: { id: string }; url: URL }) {
	requireUser(event.locals, 'viewer');
	const dashboard = await loadRoundDashboard(await getStore(), event.params.id, event.url.searchParams);
	if (!dashboard) error(404, { message: 'Deze meetronde bestaat niet.' });
	return { dashboard, filterLabels };
}
