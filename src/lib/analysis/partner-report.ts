/**
 * A partner's own report, from the round's published snapshot alone: the partner's cell beside
 * the whole network's and its partner type's, its most divided statements, and what changed for
 * it since the previous round. Only a partner whose cell the audit at close released gets one
 * (DESIGN.md §6: each partner with at least k respondents, and not withheld to protect another);
 * of the others only their number is told. Every figure comes out of `buildDashboard`, so the
 * partner's report says exactly what its filtered dashboard says, with the same tests and
 * corrections.
 */
import { partnerTypeLabels, type Partner } from '$lib/model/network';
import { publishedCellKey, type PublishedSnapshot } from '$lib/model/published';
import type { Questionnaire } from '$lib/model/questionnaire';
import { buildDashboard } from './dashboard';
import type {
	AgendaItem,
	DashboardData,
	DashboardInput,
	PublishedRoundInput,
	Released,
	RoundMeta,
	SectionChange,
	ItemChange
} from './types';

export interface PublishedPartner {
	id: string;
	name: string;
	typeLabel: string;
	/** Respondents in the partner's published cell. */
	n: number;
	contactName: string;
	contactEmail: string;
}

export interface PartnerListing {
	partners: PublishedPartner[];
	/** Partners of the network without a published cell of their own (fewer than k, or withheld). */
	withoutReport: number;
}

/** The partners whose cell the snapshot released, in the network's order; never one below k. */
export function publishedPartners(snapshot: PublishedSnapshot, partners: readonly Partner[]): PartnerListing {
	const released = new Map<string, number>();
	for (const c of snapshot.cells)
		if (c.cell.dimension === 'partner' && c.cell.value && c.n.released && c.n.n >= snapshot.k)
			released.set(c.cell.value, c.n.n);
	const list = partners.flatMap((p) => {
		const n = released.get(p.id);
		return n === undefined
			? []
			: [
					{
						id: p.id,
						name: p.name,
						typeLabel: partnerTypeLabels[p.type],
						n,
						contactName: p.contactName,
						contactEmail: p.contactEmail
					}
				];
	});
	return { partners: list, withoutReport: partners.filter((p) => !p.archived && !released.has(p.id)).length };
}

type Figures = Released<{
	n: number;
	mean: number;
	sentence: string;
	sharedLabel: string;
	meanRwg: number | null;
}>;

export interface PartnerSection {
	sectionId: string;
	title: string;
	shortTitle: string;
	partner: Figures;
	partnerType: Figures;
	network: Figures;
	/** The partner's change since its cell in the previous round; null when none compares. */
	change: SectionChange | null;
}

export interface PartnerReport {
	networkName: string;
	round: RoundMeta;
	questionnaireTitle: string;
	partner: PublishedPartner & { typeId: string };
	k: number;
	scale: DashboardData['scale'];
	thresholds: DashboardData['thresholds'];
	claims: DashboardData['claims'];
	sections: PartnerSection[];
	/** The partner's most divided statements (its cell's item tallies), most divided first. */
	divided: AgendaItem[];
	previous: {
		round: RoundMeta;
		/** The partner's cell was released in that round too. */
		published: boolean;
		/** Statements that changed clearly for the partner (after the correction). */
		improvements: ItemChange[];
		declines: ItemChange[];
	} | null;
}

export interface PartnerReportInput {
	networkName: string;
	questionnaire: Questionnaire;
	round: RoundMeta;
	snapshot: PublishedSnapshot;
	/** The round before, as published; null when there is none. */
	previousRound: PublishedRoundInput | null;
	partners: Partner[];
	participation: DashboardInput['participation'];
}

function figuresOf(data: DashboardData, sectionId: string): Figures {
	if (!data.available) return { suppressed: true, reason: 'population' };
	const s = data.sections.find((x) => x.sectionId === sectionId);
	if (!s || s.result.suppressed) return s?.result.suppressed ? s.result : { suppressed: true, reason: 'small' };
	const r = s.result;
	return {
		suppressed: false,
		n: r.n,
		mean: r.mean,
		sentence: r.sentence,
		sharedLabel: r.sharedness.label,
		meanRwg: r.sharedness.meanRwg
	};
}

/** Null when the partner has no released cell in this round: no report exists for it. */
export function buildPartnerReport(input: PartnerReportInput, partnerId: string): PartnerReport | null {
	const listed = publishedPartners(input.snapshot, input.partners).partners.find((p) => p.id === partnerId);
	const partner = input.partners.find((p) => p.id === partnerId);
	if (!listed || !partner) return null;
	const base = {
		questionnaire: input.questionnaire,
		round: input.round,
		snapshot: input.snapshot,
		partners: input.partners,
		participation: input.participation
	};
	const own = buildDashboard({
		...base,
		cell: publishedCellKey({ dimension: 'partner', value: partnerId }),
		previousRounds: input.previousRound ? [input.previousRound] : []
	});
	if (!own.available) return null;
	const type = buildDashboard({ ...base, cell: publishedCellKey({ dimension: 'partnerType', value: partner.type }) });
	const network = buildDashboard({ ...base, cell: 'all' });

	const previousCell = input.previousRound?.snapshot.cells.find(
		(c) => c.cell.dimension === 'partner' && c.cell.value === partnerId
	);
	return {
		networkName: input.networkName,
		round: input.round,
		questionnaireTitle: input.questionnaire.title,
		partner: { ...listed, typeId: partner.type },
		k: own.k,
		scale: own.scale,
		thresholds: own.thresholds,
		claims: own.claims,
		sections: own.sections.map((s) => ({
			sectionId: s.sectionId,
			title: s.title,
			shortTitle: s.shortTitle,
			partner: figuresOf(own, s.sectionId),
			partnerType: figuresOf(type, s.sectionId),
			network: figuresOf(network, s.sectionId),
			change: own.comparison.sections.find((c) => c.sectionId === s.sectionId && c.change !== null) ?? null
		})),
		divided: own.agenda,
		previous: input.previousRound
			? {
					round: input.previousRound.round,
					published: !!previousCell?.n.released,
					improvements: own.movers.improvements,
					declines: own.movers.declines
				}
			: null
	};
}
