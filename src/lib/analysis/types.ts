/**
 * Shapes that go in and out of the analysis layer. Everything in DashboardData is plain JSON:
 * no NaN (absent values are null), no Map, no Date, so it survives `JSON.stringify`, devalue
 * and a PDF export alike.
 */
import type { Partner, PartnerType } from '$lib/model/network';
import type { PublishedCell, PublishedSnapshot } from '$lib/model/published';
import type { PerspectiveId, Questionnaire } from '$lib/model/questionnaire';
import type { AgreementBand, Certainty, LevelWord } from './bands';

export type { AgreementBand, Certainty, LevelWord };

export interface RoundMeta {
	id: string;
	name: string;
	/** Orders previous rounds for the trend; rounds without it keep their given order. */
	opensAt?: string;
}

/** An earlier round, as published at its close. */
export interface PublishedRoundInput {
	round: RoundMeta;
	snapshot: PublishedSnapshot;
	/** The version that round asked: its sections' statements decide what compares with now. */
	questionnaire: Questionnaire;
}

export interface DashboardInput {
	questionnaire: Questionnaire;
	round?: RoundMeta;
	/**
	 * The round's published snapshot; null while the round is open. Results are published once,
	 * at close (DESIGN.md §6), so a page read before and after one person submits cannot tell what
	 * that person answered; participation is still shown.
	 */
	snapshot: PublishedSnapshot | null;
	/** The published cell to show (`publishedCellKey`); the whole network when absent. */
	cell?: string;
	/** The reviewed comments per section; null until an admin has published them. */
	comments?: { sectionId: string; texts: string[] }[] | null;
	previousRounds?: PublishedRoundInput[];
	partners: Partner[];
	/** Live counts; for a closed round the per-type figures come from the snapshot instead. */
	participation: {
		invited: number;
		invitedByPartnerType: Partial<Record<PartnerType, number>>;
		started: number;
		submitted: number;
		submittedByPartnerType: Partial<Record<PartnerType, number | null>>;
	};
	/** Smallest group shown while no snapshot says otherwise; default 5, never below 3. */
	k?: number;
	/**
	 * Smallest group (and rest) for which a group difference is claimed, besides k; default
	 * `GROUP_CLAIM_MIN_N` (10). Below it the figures are shown but not tested.
	 */
	groupClaimMinN?: number;
}

/**
 * Why a number is withheld. `small`: fewer than k answers. `derivable`: large enough itself, but
 * together with other published numbers it would reveal a group below k (the audit at close
 * withheld it to protect another). `population`: the selection as a whole cannot be shown.
 */
export type SuppressionReason = 'small' | 'derivable' | 'population';
export interface Suppressed {
	suppressed: true;
	reason: SuppressionReason;
}
/** A withheld value carries no numbers at all, so a careless UI cannot leak them. */
export type Released<T> = ({ suppressed: false } & T) | Suppressed;

/** Mean with a two-sided 95% t-interval; only built for n ≥ 2. */
export interface Estimate {
	n: number;
	mean: number;
	sd: number;
	ciLow: number;
	ciHigh: number;
}

export type QuadrantId = 'sterk-gedeeld' | 'zwak-gedeeld' | 'positief-verdeeld' | 'zwak-verdeeld';
export interface Quadrant {
	id: QuadrantId;
	label: string;
	/** x: mean level on the 1..points scale (reversed items recoded). */
	level: number;
	/** y: rwg for an item, the mean item rwg for a section (the number behind its word). */
	agreement: number;
}

/** rwg cannot tell two camps from a spread; Leik's D can. */
export type SpreadPattern = 'eensgezind' | 'gepolariseerd' | 'verspreid';

export interface Sharedness {
	/**
	 * Mean single-item rwg over the section's shown items: how much the partners see each
	 * statement the same way. Drives `strength`, `word`, `pattern` and the texts.
	 */
	meanRwg: number | null;
	/**
	 * James, Demaree & Wolf's rwg(J), reported but not used for the word: it rises with the number
	 * of items (seven items of rwg .5 each give about .87).
	 */
	rwgJ: number | null;
	/** Mean Tastle–Wierman consensus over the section's items. */
	consensus: number | null;
	/** Mean Leik's D over the section's items. */
	leikD: number | null;
	/** Shown items that split the partners in two camps (see `twoCamps`). */
	polarisedItems: number;
	/** The point estimate's band (bands.ts). */
	band: AgreementBand | null;
	/** The word with its uncertainty: "sterk gedeeld", "matig tot sterk gedeeld", "nog onzeker". */
	word: string | null;
	certainty: Certainty | null;
	/** Bootstrap 95% interval of meanRwg, from the snapshot; null for snapshots without one. */
	interval: [number, number] | null;
	pattern: SpreadPattern | null;
	label: string;
	explanation: string;
}

export interface ItemFigures extends Estimate {
	/** Mean of the raw answers, as worded (for reversed items mean = points + 1 − rawMean). */
	rawMean: number;
	dontKnow: number;
	/** Raw answer counts: index 0 is answer 1. */
	distribution: number[];
	rwg: number | null;
	consensus: number | null;
	leikD: number | null;
	quadrant: Quadrant | null;
}

export interface ItemSummary {
	itemId: string;
	sectionId: string;
	text: string;
	reversed: boolean;
	/** About the collaboration as a whole; an own-organisation item has no quadrant and is no division. */
	aboutCollaboration: boolean;
	result: Released<ItemFigures>;
}

export interface SectionFigures extends Estimate {
	/** "Weet niet" answers over the section's items. */
	dontKnow: number;
	/**
	 * Answers pooled over the section's shown items, recoded so that 5 (points) is always the
	 * favourable end; index 0 is level 1. Withheld items are left out so their counts cannot be
	 * recovered by subtraction.
	 */
	distribution: number[];
	/** The point estimate's level word. */
	level: LevelWord;
	/** The level word with its uncertainty: "hoog", "midden tot hoog", "nog onzeker". */
	levelText: string;
	levelCertainty: Certainty;
	/** Bootstrap 95% interval of the level, from the snapshot; null for snapshots without one. */
	levelInterval: [number, number] | null;
	/** Why the level reads as it does, with its interval when there is one. */
	levelExplanation: string;
	sharedness: Sharedness;
	/** e.g. "Inhoud: hoog en sterk gedeeld". */
	sentence: string;
	quadrant: Quadrant | null;
}

export interface SectionSummary {
	sectionId: string;
	title: string;
	/** Short name for headlines: the perspective word when the section has one. */
	shortTitle: string;
	perspective: PerspectiveId | null;
	result: Released<SectionFigures>;
	/** Open comments, sorted (not in answer order), without any profile; empty when withheld. */
	comments: string[];
	commentsReleased: boolean;
}

export type GroupFamily = 'partnerType' | 'helix' | 'role' | 'centre' | 'body';

export interface GroupRef {
	family: GroupFamily;
	groupId: string;
	label: string;
	/** Plural noun phrase for generated sentences: "bestuurders", "deelnemers van gemeenten". */
	phrase: string;
}

/**
 * Why a difference was not tested: neither side varies (SE = 0, a t-test has nothing to go on),
 * or a group is below the minimum size for a group claim (`GROUP_CLAIM_MIN_N`).
 */
export type Untested = 'no-variance' | 'small-group';

/**
 * A test's outcome as a page may state it. `p` is the uncorrected two-sided Welch p-value (null:
 * not tested, see `untested`); `significant` is the claim after Benjamini–Hochberg over the family
 * of comparisons shown together, so it can be false at p = .03.
 */
export interface Tested {
	p: number | null;
	untested: Untested | null;
	significant: boolean;
}

export interface BreakdownCell {
	sectionId: string;
	/**
	 * `diff` is group − the rest of the network (everyone else), the same comparison as the test
	 * behind `significant`: a whole that contains the group dilutes its difference and cannot
	 * differ from it independently. Null when there is no rest (the group is everyone).
	 */
	result: Released<{ n: number; mean: number; diff: number | null; restMean: number | null } & Tested>;
}

export interface BreakdownRow extends GroupRef {
	/** Respondents in the group (within the selection). */
	result: Released<{ n: number }>;
	cells: BreakdownCell[];
}

export interface Heatmap {
	sections: { sectionId: string; shortTitle: string }[];
	/** Mean of the whole selection per section, the reference for `diff`. */
	reference: (number | null)[];
	families: { family: GroupFamily; label: string }[];
	rows: BreakdownRow[];
}

export interface GapFigures extends Tested {
	meanA: number;
	nA: number;
	meanB: number;
	nB: number;
	/** meanA − meanB with a Welch 95% interval (uncorrected, per comparison). */
	gap: number;
	ciLow: number;
	ciHigh: number;
}

export interface PerceptionGap {
	a: GroupRef;
	b: GroupRef;
	sections: { sectionId: string; shortTitle: string; result: Released<GapFigures> }[];
}

export interface Change extends Tested {
	previous: number;
	current: number;
	/** current − previous, Welch 95% interval (independent samples, uncorrected). */
	diff: number;
	ciLow: number;
	ciHigh: number;
	nPrevious: number;
	nCurrent: number;
}

export interface SectionChange {
	sectionId: string;
	shortTitle: string;
	/**
	 * `section`: both rounds asked the same statements, respondents' levels are compared;
	 * `shared-items`: the set changed, and the mean over the statements both asked is compared
	 * (their means averaged); null when nothing compares.
	 */
	basis: 'section' | 'shared-items' | null;
	/** Statements in the section now, in the earlier round, and in both. */
	items: { shared: number; current: number; previous: number };
	/** Null when the previous round lacks the section or either side is withheld. */
	change: Change | null;
}

/** One group's change per section since the previous round (role and partner type cells). */
export interface GroupChange extends GroupRef {
	sections: SectionChange[];
}

export interface ItemChange {
	itemId: string;
	sectionId: string;
	text: string;
	/** Critically worded: its means are recoded (higher is better), and the page says so. */
	reversed: boolean;
	change: Change | null;
}

export interface TrendPoint {
	roundId: string;
	/** That round asked the same statements in this section as the current round. */
	sameItems: boolean;
	result: Released<{ n: number; mean: number; ciLow: number; ciHigh: number }> | null;
}

export interface Trend {
	rounds: RoundMeta[];
	sections: { sectionId: string; shortTitle: string; points: TrendPoint[] }[];
}

export type AgendaReason = 'gepolariseerd' | 'verdeeld' | 'groepsverschil';

export interface AgendaItem {
	itemId: string;
	sectionId: string;
	text: string;
	/** Critically worded: `mean` and the group's levels are recoded (higher is better). */
	reversed: boolean;
	reason: AgendaReason;
	reasonText: string;
	/** Suggested opening question for the meeting, in Dutch. */
	question: string;
	n: number;
	mean: number;
	distribution: number[];
	dontKnow: number;
	consensus: number | null;
	leikD: number | null;
	rwg: number | null;
	/** The statement's agreement word from its rwg (bands.ts), as the quadrants read it. */
	agreementWord: string | null;
	/** `diff` = group − rest of the network; `p` uncorrected, and it passed the correction. */
	group: (GroupRef & { n: number; mean: number; restMean: number; restN: number; diff: number; p: number }) | null;
}

export interface Participation {
	invited: number;
	started: number;
	submitted: number;
	responseRate: number | null;
	/** Respondents in the current selection; null when withheld. */
	selection: number | null;
	byPartnerType: {
		type: PartnerType;
		label: string;
		invited: number;
		result: Released<{ submitted: number; rate: number | null }>;
	}[];
}

/** The lines every word on the page follows (bands.ts), on this questionnaire's scale. */
export interface Thresholds {
	/** "Hoog" from this level on, also the quadrants' level line; "laag" below `levelLow`. */
	levelHigh: number;
	levelLow: number;
	/** Upper edges of the agreement bands in rwg (.30, .50, .70, .90); each edge belongs to the band below. */
	agreementEdges: number[];
	/** Strong agreement starts above this: the quadrants' agreement line. */
	agreementStrongAbove: number;
	/** Two camps by shape: each side holds at least this share of the answers… */
	campShareMin: number;
	/** …and the category between them at most this fraction of the lower side's peak. */
	campValleyRatio: number;
	consensusDivided: number;
}

export interface DashboardData {
	k: number;
	/** The published cell this page shows: the whole network, or one value of one dimension. */
	cell: PublishedCell;
	filterActive: boolean;
	/** False when the selection itself may not be shown; then only participation is filled. */
	available: boolean;
	notice: string | null;
	round: RoundMeta | null;
	scale: { points: number; labels: string[]; dontKnowLabel: string };
	thresholds: Thresholds;
	participation: Participation;
	/**
	 * Where the open comments stand: shown (after the admin's review), waiting for that review, or
	 * not on this page because comments appear on the whole network's view only.
	 */
	comments: 'published' | 'awaiting-review' | 'whole-network-only';
	/** Published cells of this round that show nothing at all, and why; empty while it is open. */
	withheldCells: { dimension: string; label: string; reason: SuppressionReason }[];
	sections: SectionSummary[];
	items: ItemSummary[];
	heatmap: Heatmap;
	gaps: { bestuurlijkAmbtelijk: PerceptionGap | null; centreRest: PerceptionGap | null };
	comparison: {
		previousRound: RoundMeta | null;
		sections: SectionChange[];
		items: ItemChange[];
		/** Within the main groups; only on the whole network's view. */
		groups: GroupChange[];
	};
	trend: Trend;
	/** Only changes that survive the correction over the item changes; often none. */
	movers: { improvements: ItemChange[]; declines: ItemChange[] };
	agenda: AgendaItem[];
	/** The limits every claim on the page was held to, so the page can state them. */
	claims: ClaimRules;
	/**
	 * How well each section's items hang together, over the whole network (whatever cell the page
	 * shows); null for a round published before this was kept, or without a released whole network.
	 */
	reliability: ReliabilityView | null;
}

export type ReliabilityVerdict = 'voldoende' | 'matig' | 'te-laag';

export interface ItemReliabilityView {
	itemId: string;
	text: string;
	reversed: boolean;
	/** r of the recoded item with the sum of the section's other recoded items. */
	itemRest: number | null;
	/** Critical items: r of the raw answer with that rest. */
	rawRest: number | null;
	/** Critical items: false when the raw r is not negative ("keert niet om zoals verwacht"). */
	reversesAsExpected: boolean | null;
}

export interface SectionReliabilityView {
	sectionId: string;
	title: string;
	shortTitle: string;
	/** Respondents who answered every item of the section on the scale; null when withheld. */
	n: number | null;
	alpha: number | null;
	omega: number | null;
	/** Why alpha or omega is absent, in words; null when it is there. */
	alphaNote: string | null;
	omegaNote: string | null;
	/** On the lower of alpha and omega; null when neither exists. */
	verdict: ReliabilityVerdict | null;
	verdictText: string;
	items: ItemReliabilityView[];
}

export interface ReliabilityView {
	/** Fewer complete answers than this give no coefficient. */
	minComplete: number;
	/** From here "voldoende"; below `low` "te laag om te middelen"; between them "matig". */
	adequate: number;
	low: number;
	sections: SectionReliabilityView[];
}

export interface ClaimRules {
	/** False discovery rate of Benjamini–Hochberg per family of comparisons shown together. */
	fdr: number;
	/** Smallest group (and rest) a group-difference claim is made for, besides k. */
	groupMinN: number;
}
