/**
 * The alliance team's dashboard for one round: reads the round, its earlier rounds and the
 * network from the store, turns the URL's filter into a DashboardFilter, and hands plain data to
 * the pure analysis. Privacy (k) is enforced there; this module only supplies k from the network.
 */
import { error } from '@sveltejs/kit';
import { viewerContext } from './guard';
import { buildDashboard } from '$lib/analysis/dashboard';
import type { RoundInput } from '$lib/analysis/types';
import { filterLabels, filterOptions, parseFilter } from '$lib/analysis/filter-query';
import type { RoundDashboard } from '$lib/analysis/round-dashboard';
import type { PartnerType } from '$lib/model/network';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
import { roundStatusLabels, type Round } from '$lib/model/round';
import { findBuiltIn } from '$lib/questionnaires';
import type { Store } from './store';
import type { NetworkFile } from './store/files';
import { StoreReadError } from './store/errors';
import { damagedFile, previousRoundsOf } from './rounds';

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

async function submittedResponses(store: Store, roundId: string): Promise<SurveyResponse[]> {
	const state = await store.round(roundId);
	if (!state) return [];
	const out: SurveyResponse[] = [];
	for (const r of state.responses.values()) if (r.status === 'submitted') out.push(r);
	return out;
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
	const responses: SurveyResponse[] = [];
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
		filter,
		resultsPublished: round.status === 'closed'
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
	const ctx = await viewerContext(event);
	const dashboard = await loadRoundDashboard(ctx.store, event.params.id, event.url.searchParams);
	if (!dashboard) error(404, { message: 'Deze meetronde bestaat niet.' });
	return { dashboard, filterLabels };
}
