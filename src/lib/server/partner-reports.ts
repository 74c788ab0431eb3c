/**
 * Partner reports of a closed round: reads the round's published snapshot and the one before it
 * from the store and hands them to the pure `partner-report` module. Nothing here reads
 * responses; a partner without a released cell of its own has no report.
 */
import { error } from '@sveltejs/kit';
import {
	buildPartnerReport,
	publishedPartners,
	type PartnerListing,
	type PartnerReport,
	type PartnerReportInput
} from '$lib/analysis/partner-report';
import type { DomainContext } from './context';
import { countParticipation } from './participation';
import * as questionnaires from './questionnaires';
import { previousRoundsOf } from './rounds';
import { StoreReadError } from './store/errors';

function unreadable(e: unknown): never {
	if (!(e instanceof StoreReadError)) throw e;
	error(500, {
		message: 'Lezen lukte niet',
		detail:
			'Een bestand van deze meetronde kon niet worden gelezen: het is beschadigd of onleesbaar. Er is niets ' +
			'gewijzigd. Laat de beheerder van de server het terugzetten uit een back-up.'
	});
}

/** Everything the partner reports of one round are made from; 404/409 when there is none. */
export async function reportInput(ctx: DomainContext, roundId: string): Promise<PartnerReportInput> {
	const network = ctx.store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round) error(404, { message: 'Deze meetronde bestaat niet.' });
	const published = round.status === 'closed' ? await ctx.store.publishedSnapshot(round.id).catch(unreadable) : null;
	if (!published)
		error(409, {
			message: 'Nog geen uitkomsten',
			detail:
				'Partnerrapporten zijn er voor gesloten meetrondes: ze lezen de cijfers die bij het sluiten zijn gepubliceerd.'
		});
	const questionnaire = questionnaires.forRound(network, round);
	if (!questionnaire) throw new Error(`Vragenlijst van ronde ${round.id} ontbreekt`);
	// Snapshots written before participation was frozen with them count it from the round's file.
	const participation =
		published.participation ?? countParticipation(network, await ctx.store.round(round.id).catch(unreadable));
	const before = previousRoundsOf(network, round).at(-1) ?? null;
	// A damaged earlier round costs the comparison, not the report.
	const previous = before ? await ctx.store.publishedSnapshot(before.id).catch(() => null) : null;
	const previousQuestionnaire = before ? questionnaires.forRound(network, before) : null;
	return {
		networkName: network.network?.name ?? 'Alliantiemonitor',
		questionnaire,
		round: { id: round.id, name: round.name, opensAt: round.opensAt },
		snapshot: published.snapshot,
		previousRound:
			before && previous && previousQuestionnaire
				? {
						round: { id: before.id, name: before.name, opensAt: before.opensAt },
						snapshot: previous.snapshot,
						questionnaire: previousQuestionnaire
					}
				: null,
		partners: network.partners,
		participation: { submittedByPartnerType: {}, ...participation }
	};
}

export async function listing(
	ctx: DomainContext,
	roundId: string
): Promise<PartnerListing & { roundName: string; k: number }> {
	const input = await reportInput(ctx, roundId);
	return { ...publishedPartners(input.snapshot, input.partners), roundName: input.round.name, k: input.snapshot.k };
}

export async function report(ctx: DomainContext, roundId: string, partnerId: string): Promise<PartnerReport> {
	const r = buildPartnerReport(await reportInput(ctx, roundId), partnerId);
	if (!r)
		error(404, { message: 'Voor deze partner is in deze meetronde geen rapport: er is geen eigen cel gepubliceerd.' });
	return r;
}

/** Every published partner's report, in the network's order. */
export async function allReports(ctx: DomainContext, roundId: string): Promise<PartnerReport[]> {
	const input = await reportInput(ctx, roundId);
	return publishedPartners(input.snapshot, input.partners).partners.flatMap(
		(p) => buildPartnerReport(input, p.id) ?? []
	);
}
