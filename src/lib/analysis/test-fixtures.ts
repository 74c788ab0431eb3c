import { mulberry32 } from '$lib/server/demo/random';
/**
 * Small builders for the analysis specs: a questionnaire along the five perspectives, a network
 * with one centre municipality, and responses. Kept out of the specs so that each spec reads as
 * the behaviour it checks.
 */
import { partnerSchema, type Body, type Partner, type PartnerType, type Role } from '$lib/model/network';
import type { PublishedSnapshot } from '$lib/model/published';
import type { PerspectiveId, Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
import { layoutOf } from './layout';
import { auditPublishedSet, publishedCells, releasedTallies } from './published-set';
import { withReliability } from './reliability';
import type { DashboardInput } from './types';

const perspectives: PerspectiveId[] = ['inhoud', 'proces', 'relatie', 'belangen', 'governance'];

/** Items are named `<perspective>-<n>`; `reversed` lists item ids worded critically. */
export function makeQuestionnaire(
	itemsPerSection = 3,
	opts: {
		reversed?: string[];
		/** Items about the respondent's own organisation; the rest are about the collaboration. */
		ownOrganisation?: string[];
		version?: number;
		points?: number;
		extraItems?: Record<string, string[]>;
	} = {}
): Questionnaire {
	const points = opts.points ?? 5;
	return {
		id: 'test-scan',
		version: opts.version ?? 1,
		title: 'Testscan',
		description: '',
		minutes: 10,
		scale: {
			points,
			labels: Array.from({ length: points }, (_, i) => `Label ${i + 1}`),
			dontKnowLabel: 'Weet niet / n.v.t.'
		},
		sections: perspectives.map((p) => ({
			id: p,
			title: `Sectie ${p}`,
			question: `Vraag over ${p}?`,
			intro: '',
			perspective: p,
			commentLabel: 'Toelichting',
			items: [
				...Array.from({ length: itemsPerSection }, (_, i) => `${p}-${i + 1}`),
				...(opts.extraItems?.[p] ?? [])
			].map((id) => ({
				id,
				text: `Stelling ${id} over de samenwerking.`,
				reversed: opts.reversed?.includes(id) ?? false,
				subject: opts.ownOrganisation?.includes(id) ? ('eigen-organisatie' as const) : ('samenwerking' as const)
			}))
		}))
	};
}

export const partners: Partner[] = [
	{ id: 'zwolle', name: 'Zwolle', type: 'gemeente', helix: 'overheid', isCentre: true },
	{ id: 'kampen', name: 'Kampen', type: 'gemeente', helix: 'overheid', isCentre: false },
	{ id: 'deventer', name: 'Deventer', type: 'gemeente', helix: 'overheid', isCentre: false },
	{ id: 'overijssel', name: 'Provincie Overijssel', type: 'provincie', helix: 'overheid', isCentre: false },
	{ id: 'windesheim', name: 'Windesheim', type: 'onderwijs', helix: 'onderwijs', isCentre: false },
	{ id: 'vno', name: 'VNO-NCW', type: 'ondernemers', helix: 'ondernemers', isCentre: false },
	{ id: 'wdodelta', name: 'WDODelta', type: 'waterschap', helix: 'overheid', isCentre: false }
].map((p) => partnerSchema.parse(p));

export const bodies: Body[] = [
	{ id: 'pho-economie', name: 'PHO Economie', kind: 'bestuurlijk', counterpartId: 'ao-economie' },
	{ id: 'ao-economie', name: 'AO Economie', kind: 'ambtelijk', counterpartId: 'pho-economie' }
];

const stamp = '2026-10-01T10:00:00.000Z';
let seq = 0;

export function makeResponse(
	profile: { partnerId: string; role: Role; bodyIds?: string[] },
	answers: Record<string, number>,
	comments: Record<string, string> = {},
	status: SurveyResponse['status'] = 'submitted'
): SurveyResponse {
	seq++;
	return {
		id: `r-${seq}`,
		roundId: 'ronde',
		profile: { partnerId: profile.partnerId, role: profile.role, bodyIds: profile.bodyIds ?? [] },
		answers,
		comments,
		status,
		step: 0,
		createdAt: stamp,
		updatedAt: stamp,
		submittedAt: status === 'submitted' ? stamp : null
	};
}

/** Every item of the questionnaire answered with the same value. */
export function answerAll(q: Questionnaire, value: number | ((itemId: string) => number)): Record<string, number> {
	const out: Record<string, number> = {};
	for (const s of q.sections) for (const it of s.items) out[it.id] = typeof value === 'number' ? value : value(it.id);
	return out;
}

/** Deterministic pseudo-random numbers so failures reproduce: the demo's own generator. */
export const seeded = mulberry32;

/** What closing publishes for these responses: the audited snapshot over the network's cells. */
export function publishedSnapshotOf(
	responses: readonly SurveyResponse[],
	q: Questionnaire,
	opts: { k?: number; partners?: readonly Partner[]; bodies?: readonly Body[] } = {}
): PublishedSnapshot {
	const ps = opts.partners ?? partners;
	const k = opts.k ?? 5;
	const submitted = responses.filter((r) => r.status === 'submitted');
	const cells = publishedCells(
		ps,
		opts.bodies ?? bodies,
		submitted.map((r) => r.profile),
		k
	);
	const layout = layoutOf(q);
	return withReliability(releasedTallies(auditPublishedSet(submitted, layout, cells, ps, k)), submitted, layout);
}

/** A dashboard input for a closed round with these responses, as the server would build it. */
export function closedRoundInput(
	responses: readonly SurveyResponse[],
	q: Questionnaire,
	over: Partial<DashboardInput> = {},
	network: { partners?: readonly Partner[]; bodies?: readonly Body[] } = {}
): DashboardInput {
	const k = over.k ?? 5;
	const ps = network.partners ?? partners;
	const submitted = responses.filter((r) => r.status === 'submitted');
	const typeOf = new Map(ps.map((p) => [p.id, p.type]));
	const byType: Partial<Record<PartnerType, number>> = {};
	for (const r of submitted) {
		const t = typeOf.get(r.profile.partnerId);
		if (t) byType[t] = (byType[t] ?? 0) + 1;
	}
	return {
		questionnaire: q,
		snapshot: publishedSnapshotOf(responses, q, { k, partners: ps, bodies: network.bodies }),
		partners: [...ps],
		participation: {
			invited: 100,
			invitedByPartnerType: {},
			started: responses.length,
			submitted: submitted.length,
			submittedByPartnerType: byType
		},
		k,
		...over
	};
}
