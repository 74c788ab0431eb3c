/**
 * One pass over a round's responses into flat typed arrays. Everything the dashboard shows is a
 * sum over respondents, so tallies replace arrays of answers: 10,000 × 30 answers become a few
 * thousand counters, and no response object is copied.
 *
 * Statistics are numbered per respondent so that privacy checks can treat them alike:
 * 0 = the respondent is there (headcount), 1 + s = has a level for section s (answered at least
 * one item of it), 1 + S + i = answered item i on the scale ("weet niet" does not count).
 */
import type { PerspectiveId, Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
import type { Moments } from './stats';
import type { AtomTable } from './disclosure';

export interface LayoutItem {
	id: string;
	text: string;
	reversed: boolean;
	section: number;
}

export interface LayoutSection {
	id: string;
	title: string;
	shortTitle: string;
	perspective: PerspectiveId | null;
	items: number[];
}

export interface Layout {
	points: number;
	items: LayoutItem[];
	sections: LayoutSection[];
	itemIndex: Map<string, number>;
	sectionIndex: Map<string, number>;
	/** Number of statistics per respondent: 1 + sections + items. */
	stride: number;
}

const perspectiveNames: Record<PerspectiveId, string> = {
	inhoud: 'Inhoud',
	proces: 'Proces',
	relatie: 'Relatie',
	belangen: 'Belangen',
	governance: 'Governance'
};

export function layoutOf(q: Questionnaire): Layout {
	const items: LayoutItem[] = [];
	const sections: LayoutSection[] = [];
	const itemIndex = new Map<string, number>();
	const sectionIndex = new Map<string, number>();
	q.sections.forEach((s, si) => {
		const idx: number[] = [];
		for (const it of s.items) {
			itemIndex.set(it.id, items.length);
			idx.push(items.length);
			items.push({ id: it.id, text: it.text, reversed: it.reversed ?? false, section: si });
		}
		sectionIndex.set(s.id, si);
		sections.push({
			id: s.id,
			title: s.title,
			shortTitle: s.perspective ? perspectiveNames[s.perspective] : s.title,
			perspective: s.perspective ?? null,
			items: idx
		});
	});
	return {
		points: q.scale.points,
		items,
		sections,
		itemIndex,
		sectionIndex,
		stride: 1 + sections.length + items.length
	};
}

export const sectionStat = (s: number): number => 1 + s;
export const itemStat = (layout: Layout, i: number): number => 1 + layout.sections.length + i;

/** Who counts where; built by the caller from partners, filter and groups. */
export interface Classifier {
	inSelection(r: SurveyResponse): boolean;
	/** Neighbouring selections (filter differencing): is r inside neighbour j? */
	neighbours: ((r: SurveyResponse) => boolean)[];
	groupCount: number;
	/** Sorted candidate-group indices of r. */
	groupsOf(r: SurveyResponse): number[];
}

export interface RoundTally {
	layout: Layout;
	/** Respondents in the selection. */
	respondents: number;
	/** items × (points + 1); column 0 counts "weet niet", column j answer j. Raw, not recoded. */
	itemCounts: Int32Array;
	/** items × 3: n, sum, sum of squares of the recoded answers. */
	itemMoments: Float64Array;
	/** sections × 3 over respondents' section levels. */
	sectionMoments: Float64Array;
	/** Per statistic: how many in the selection have it. */
	popN: Int32Array;
	/** Per section: open comments of the selection, in no particular order. */
	comments: string[][];
	neighbourCount: number;
	/** neighbours × stride: counts of the difference between selection and neighbour. */
	neighbourN: Int32Array;
	groupCount: number;
	/** groups × stride. */
	groupN: Int32Array;
	/** groups × sections × 3. */
	groupSection: Float64Array;
	/** groups × items: sum of recoded answers (the count is in groupN). */
	groupItem: Float64Array;
	/** neighbours × groups × stride: group ∩ difference set. */
	neighbourGroupN: Int32Array;
	atoms: AtomTable;
}

const MISSING = 255;
const NO_GROUPS: number[] = [];

function grow<T extends Int32Array | Float64Array>(arr: T, length: number): T {
	const next = new (arr.constructor as new (n: number) => T)(length);
	next.set(arr);
	return next;
}

export function tabulateRound(responses: readonly SurveyResponse[], layout: Layout, cls: Classifier): RoundTally {
	const { points, items, sections, stride } = layout;
	const I = items.length;
	const S = sections.length;
	const G = cls.groupCount;
	const J = cls.neighbours.length;
	const width = points + 1;

	const itemCounts = new Int32Array(I * width);
	const itemMoments = new Float64Array(I * 3);
	const sectionMoments = new Float64Array(S * 3);
	const popN = new Int32Array(stride);
	const comments: string[][] = sections.map(() => []);
	const neighbourN = new Int32Array(J * stride);
	const groupN = new Int32Array(G * stride);
	const groupSection = new Float64Array(G * S * 3);
	const groupItem = new Float64Array(G * I);
	const neighbourGroupN = new Int32Array(J * G * stride);
	const atomIndex = new Map<number, number[]>();
	const atomGroups: number[][] = [];
	let atomCap = 64;
	let atomCounts = new Int32Array(atomCap * stride);
	let atomItem = new Float64Array(atomCap * I);
	let atomSection = new Float64Array(atomCap * S * 2);

	// Reused per respondent: no allocation in the hot loop beyond what groupsOf returns.
	const codes = new Uint8Array(I);
	const levels = new Float64Array(S);
	const levelN = new Int32Array(S);
	const stats = new Int32Array(stride);
	const answeredItem = new Int32Array(I);
	const answeredValue = new Float64Array(I);
	const diffs = new Int32Array(J);
	const reversed = Uint8Array.from(items, (it) => (it.reversed ? 1 : 0));
	const sectionOfItem = Int32Array.from(items, (it) => it.section);
	let respondents = 0;

	for (const r of responses) {
		if (r.status !== 'submitted') continue;
		const inSel = cls.inSelection(r);
		let nd = 0;
		for (let j = 0; j < J; j++) if (cls.neighbours[j](r) !== inSel) diffs[nd++] = j;
		if (!inSel && nd === 0) continue;

		const answers = r.answers;
		let na = 0;
		for (let i = 0; i < I; i++) {
			const v = answers[items[i].id];
			const c = typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= points ? v : MISSING;
			codes[i] = c;
			if (c !== MISSING && c !== 0) {
				answeredItem[na] = i;
				answeredValue[na++] = reversed[i] ? points + 1 - c : c;
			}
		}
		for (let s = 0; s < S; s++) {
			levels[s] = 0;
			levelN[s] = 0;
		}
		for (let q = 0; q < na; q++) {
			const s = sectionOfItem[answeredItem[q]];
			levels[s] += answeredValue[q];
			levelN[s]++;
		}
		let ns = 0;
		stats[ns++] = 0;
		for (let s = 0; s < S; s++) {
			if (levelN[s] > 0) {
				levels[s] /= levelN[s];
				stats[ns++] = 1 + s;
			} else levels[s] = NaN;
		}
		for (let q = 0; q < na; q++) stats[ns++] = 1 + S + answeredItem[q];
		const groups = G > 0 ? cls.groupsOf(r) : NO_GROUPS;

		if (inSel) {
			respondents++;
			for (let q = 0; q < ns; q++) popN[stats[q]]++;
			for (let i = 0; i < I; i++) if (codes[i] !== MISSING) itemCounts[i * width + codes[i]]++;
			for (let q = 0; q < na; q++) {
				const at = answeredItem[q] * 3;
				const x = answeredValue[q];
				itemMoments[at] += 1;
				itemMoments[at + 1] += x;
				itemMoments[at + 2] += x * x;
			}
			for (let s = 0; s < S; s++) {
				const l = levels[s];
				if (l !== l) continue;
				sectionMoments[s * 3] += 1;
				sectionMoments[s * 3 + 1] += l;
				sectionMoments[s * 3 + 2] += l * l;
			}
			const rc = r.comments;
			if (rc)
				for (let s = 0; s < S; s++) {
					const text = rc[sections[s].id];
					if (typeof text === 'string') {
						const t = text.trim();
						if (t) comments[s].push(t);
					}
				}
			// Respondents with the same groups share an atom; group figures are summed from the
			// atoms afterwards, so each answer is added once rather than once per group.
			let h = groups.length;
			for (let m = 0; m < groups.length; m++) h = (Math.imul(h, 0x01000193) ^ groups[m]) | 0;
			let bucket = atomIndex.get(h);
			let a = -1;
			if (bucket === undefined) {
				bucket = [];
				atomIndex.set(h, bucket);
			} else
				for (let b = 0; b < bucket.length; b++) {
					const other = atomGroups[bucket[b]];
					if (other.length !== groups.length) continue;
					let same = true;
					for (let m = 0; m < groups.length && same; m++) same = other[m] === groups[m];
					if (same) {
						a = bucket[b];
						break;
					}
				}
			if (a < 0) {
				a = atomGroups.length;
				bucket.push(a);
				atomGroups.push(groups);
				if (a === atomCap) {
					atomCap *= 2;
					atomCounts = grow(atomCounts, atomCap * stride);
					atomItem = grow(atomItem, atomCap * I);
					atomSection = grow(atomSection, atomCap * S * 2);
				}
			}
			const base = a * stride;
			for (let q = 0; q < ns; q++) atomCounts[base + stats[q]]++;
			const ai = a * I;
			for (let q = 0; q < na; q++) atomItem[ai + answeredItem[q]] += answeredValue[q];
			const as = a * S * 2;
			for (let s = 0; s < S; s++) {
				const l = levels[s];
				if (l !== l) continue;
				atomSection[as + s * 2] += l;
				atomSection[as + s * 2 + 1] += l * l;
			}
		}

		for (let d = 0; d < nd; d++) {
			const j = diffs[d];
			const jn = j * stride;
			for (let q = 0; q < ns; q++) neighbourN[jn + stats[q]]++;
			for (let m = 0; m < groups.length; m++) {
				const base = (j * G + groups[m]) * stride;
				for (let q = 0; q < ns; q++) neighbourGroupN[base + stats[q]]++;
			}
		}
	}

	for (let a = 0; a < atomGroups.length; a++) {
		const gs = atomGroups[a];
		for (let m = 0; m < gs.length; m++) {
			const g = gs[m];
			for (let t = 0; t < stride; t++) groupN[g * stride + t] += atomCounts[a * stride + t];
			for (let i = 0; i < I; i++) groupItem[g * I + i] += atomItem[a * I + i];
			for (let s = 0; s < S; s++) {
				const at = (g * S + s) * 3;
				groupSection[at] += atomCounts[a * stride + 1 + s];
				groupSection[at + 1] += atomSection[(a * S + s) * 2];
				groupSection[at + 2] += atomSection[(a * S + s) * 2 + 1];
			}
		}
	}

	return {
		layout,
		respondents,
		itemCounts,
		itemMoments,
		sectionMoments,
		popN,
		comments,
		neighbourCount: J,
		neighbourN,
		groupCount: G,
		groupN,
		groupSection,
		groupItem,
		neighbourGroupN,
		atoms: {
			groups: atomGroups,
			counts: atomCounts.subarray(0, atomGroups.length * stride),
			stride
		}
	};
}

const momentsAt = (arr: Float64Array, at: number): Moments => ({
	n: arr[at],
	sum: arr[at + 1],
	sumSq: arr[at + 2]
});

export const sectionMomentsOf = (t: RoundTally, s: number): Moments => momentsAt(t.sectionMoments, s * 3);
export const itemMomentsOf = (t: RoundTally, i: number): Moments => momentsAt(t.itemMoments, i * 3);
export const groupSectionMomentsOf = (t: RoundTally, g: number, s: number): Moments =>
	momentsAt(t.groupSection, (g * t.layout.sections.length + s) * 3);
/** A group's mean level on one item; the agenda needs no more than that. */
export function groupItemMean(t: RoundTally, g: number, i: number): { n: number; mean: number } {
	const n = t.groupN[g * t.layout.stride + itemStat(t.layout, i)];
	return { n, mean: n > 0 ? t.groupItem[g * t.layout.items.length + i] / n : NaN };
}
