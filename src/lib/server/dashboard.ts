/**
 * The regiobureau's dashboard for one round: reads the round's published snapshot, its earlier
 * rounds' snapshots and the network from the store, turns the URL into one published cell, and
 * hands plain data to the pure analysis. What the audit at close withheld is not in the snapshot.
 */
import { error, redirect } from '@sveltejs/kit';
import { viewerContext } from './guard';
import { buildDashboard } from '$lib/analysis/dashboard';
import type { PublishedRoundInput } from '$lib/analysis/types';
import { parseSelection, selectionGroups } from '$lib/analysis/filter-query';
import { roundK } from '$lib/analysis/privacy';
import type { RoundDashboard } from '$lib/analysis/round-dashboard';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { Round } from '$lib/model/round';
import { roundPhaseLabel } from '$lib/model/round-phase';
import { countParticipation } from './participation';
import { publishedComments } from './comments';
import * as questionnaires from './questionnaires';
import type { Store } from './store';
import type { NetworkFile } from './store/files';
import { StoreReadError } from './store/errors';
import { damagedFile, previousRoundsOf } from './rounds';

function questionnaireOf(network: Readonly<NetworkFile>, round: Round): Questionnaire {
	const q = questionnaires.forRound(network, round);
	if (!q)
		throw new Error(
			`Vragenlijst ${round.questionnaireId}@${round.questionnaireVersion} van ronde ${round.id} ontbreekt`
		);
	return q;
}

function unreadable(store: Store, round: Round, e: StoreReadError): never {
	error(500, {
		message: 'Lezen lukte niet',
		detail:
			`Het bestand van meetronde “${round.name}” (${damagedFile(store, e)}) kon niet worden gelezen: het is ` +
			`beschadigd of onleesbaar. Er is niets gewijzigd. Laat de beheerder van de server het terugzetten uit een ` +
			`back-up; de andere meetrondes werken gewoon.`
	});
}

/**
 * The dashboard of one round for the URL's selection, or null when there is no such round. A
 * closed round is read from its published snapshot alone (never its responses); an open round
 * shows participation only. A selection that is not one published cell answers 403.
 */
export async function loadRoundDashboard(store: Store, roundId: string, url: URL): Promise<RoundDashboard | null> {
	const network = store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round) return null;
	const questionnaire = questionnaireOf(network, round);
	const published =
		round.status === 'closed' ? await store.publishedSnapshot(round.id).catch(rethrowUnless(store, round)) : null;

	const selection = parseSelection(url.searchParams, published ? published.snapshot.cells.map((c) => c.cell) : null);
	if (selection.kind === 'refused')
		error(403, { message: 'Deze selectie wordt niet getoond', detail: selection.reason });
	if (selection.kind === 'redirect') redirect(303, `${url.pathname}${selection.query}`);

	const participation =
		published?.participation ??
		countParticipation(network, await store.round(round.id).catch(rethrowUnless(store, round)));

	// A damaged earlier round costs one trend point, not the page.
	const notices: string[] = [];
	const previous = await Promise.all(
		previousRoundsOf(network, round).map(async (r): Promise<PublishedRoundInput | null> => {
			try {
				const file = await store.publishedSnapshot(r.id);
				return file
					? {
							round: { id: r.id, name: r.name, opensAt: r.opensAt },
							snapshot: file.snapshot,
							questionnaire: questionnaireOf(network, r)
						}
					: null;
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

	const data = buildDashboard({
		questionnaire,
		round: { id: round.id, name: round.name, opensAt: round.opensAt },
		snapshot: published?.snapshot ?? null,
		cell: selection.state.key,
		comments: published ? await publishedComments(store, round.id) : null,
		previousRounds: previous.filter((p): p is PublishedRoundInput => p !== null),
		partners: network.partners,
		participation: { submittedByPartnerType: {}, ...participation },
		k: roundK(round, network.network?.kAnonymity)
	});

	return {
		networkName: network.network?.name ?? 'Alliantiemonitor',
		round: {
			id: round.id,
			name: round.name,
			status: round.status,
			// As the survey sees it at this moment: past its closing time an open round takes no answers.
			statusLabel: roundPhaseLabel(round, new Date()),
			opensAt: round.opensAt,
			closesAt: round.closesAt
		},
		questionnaire: { id: questionnaire.id, title: questionnaire.title, version: questionnaire.version },
		// A cell that shows nothing is listed with its reason on the page, not offered as a choice.
		selection: published
			? selectionGroups(published.snapshot.cells.filter((c) => c.n.released).map((c) => c.cell))
			: [],
		filter: selection.state,
		notices,
		data
	};
}

const rethrowUnless =
	(store: Store, round: Round) =>
	(e: unknown): never => {
		if (e instanceof StoreReadError) unreadable(store, round, e);
		throw e;
	};

/**
 * The load of every dashboard page (dashboard, report, agenda): checks the session itself, as
 * every admin load must, then builds the round's dashboard for the URL's filters.
 */
export async function dashboardPageData(event: { locals: App.Locals; params: { id: string }; url: URL }) {
	const ctx = await viewerContext(event);
	const dashboard = await loadRoundDashboard(ctx.store, event.params.id, event.url);
	if (!dashboard) error(404, { message: 'Deze meetronde bestaat niet.' });
	return { dashboard };
}
