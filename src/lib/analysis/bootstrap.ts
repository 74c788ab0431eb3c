/**
 * Bootstrap 95% intervals for the two numbers behind a section's words (bands.ts): its level (the
 * mean of respondents' section levels, critical items recoded) and its mean item rwg (the mean of
 * the single-item rwg over the items the cell shows, "weet niet" left out). Computed once, at
 * close, from whole responses: each resample draws the cell's respondents with replacement, so a
 * person's answers stay together and the dependence between a section's items is kept. The
 * interval is the 2.5th and 97.5th percentile of the resampled statistic (percentile bootstrap,
 * Efron & Tibshirani 1993).
 *
 * Reproducible: the draws come from a generator seeded with the round's id and the cell's key,
 * and each cell's respondents are put in a canonical order (by their answers) first, so a close
 * run twice on the same responses stores the same intervals, whatever order the store kept.
 *
 * Privacy: an interval is a function of the cell's responses only, like the cell's mean, and is
 * computed only for cells and sections the audit released (published-set.ts), over the items the
 * audit released in that cell: a withheld item's spread cannot leak through it. Both ends are
 * rounded to two decimals before they are stored, the precision the page reads its words at.
 */
import type { Partner } from '$lib/model/network';
import { publishedCellKey, type PublishedSnapshot } from '$lib/model/published';
import type { SurveyResponse } from '$lib/model/response';
import { rwgFromCounts } from './agreement-tallies';
import { cellMembership, type PublishedAudit } from './published-set';
import type { Layout } from './layout';

/**
 * Resamples for a cell of n respondents: 1,000 up to 200 respondents, then 200,000 / n, and at
 * least 100. The Monte Carlo error of a 2.5% percentile is about 2.7 · SE / √B (SE the statistic's
 * standard error, ≈ sd / √n), so with n · B ≥ 200,000 it stays below 0.006 · sd: under half of
 * the last printed digit for a level (sd ≤ 1) and for a mean rwg. Large cells have narrow
 * intervals and need fewer resamples for the same absolute precision; this keeps the close of a
 * round of 10,000 respondents over some 80 cells affordable.
 */
export const RESAMPLES = 1000;
const MIN_RESAMPLES = 100;
const RESPONSES_TIMES_RESAMPLES = 200_000;
export const resamplesFor = (n: number): number =>
	Math.min(RESAMPLES, Math.max(MIN_RESAMPLES, Math.round(RESPONSES_TIMES_RESAMPLES / n)));

export interface SectionBootstrap {
	level: [number, number];
	meanRwg: [number, number] | null;
}

/** 32-bit string hash (FNV-1a) to seed the generator from the round's id and a cell's key. */
function hash(s: string): number {
	let h = 0x811c9dc5;
	for (let i = 0; i < s.length; i++) {
		h ^= s.charCodeAt(i);
		h = Math.imul(h, 0x01000193);
	}
	return h >>> 0;
}

/** mulberry32: a small seeded generator; its 2³² period is far beyond one close's draws. */
export function seededRandom(seed: string): () => number {
	let a = hash(seed);
	return () => {
		a = (a + 0x6d2b79f5) | 0;
		let t = Math.imul(a ^ (a >>> 15), 1 | a);
		t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
}

/** Percentile by linear interpolation between order statistics (type 7). */
function quantile(sorted: Float64Array, p: number): number {
	const h = (sorted.length - 1) * p;
	const lo = Math.floor(h);
	const hi = Math.min(sorted.length - 1, lo + 1);
	return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

const round2 = (x: number): number => Math.round(x * 100) / 100;

function percentileInterval(values: Float64Array, count: number): [number, number] {
	const sorted = values.slice(0, count).sort();
	return [round2(quantile(sorted, 0.025)), round2(quantile(sorted, 0.975))];
}

/**
 * The respondents of one cell as plain rows: `answers` (respondents × items, 0 for "weet niet" or
 * skipped, else the raw answer 1..points) and `levels` (respondents × sections, NaN without a
 * level). What a bootstrap of that cell needs, and nothing about who answered.
 */
export interface BootstrapRows {
	n: number;
	answers: Uint8Array;
	levels: Float64Array;
}

/**
 * Intervals for one cell: `sections` lists the section indexes to compute, `items[s]` the item
 * indexes whose rwg enters section s's mean. A section with no item rwg in any resample, or with
 * fewer than half the resamples giving one, gets a null meanRwg.
 */
export function bootstrapCell(
	rows: BootstrapRows,
	layout: Layout,
	sections: readonly number[],
	items: readonly (readonly number[])[],
	random: () => number,
	resamples = resamplesFor(rows.n)
): Map<number, SectionBootstrap> {
	const A = layout.points;
	const I = layout.items.length;
	const S = layout.sections.length;
	const { n, answers, levels } = rows;
	const K = sections.length;
	const used = sections.flatMap((s) => items[s]);
	const U = used.length;
	// Each respondent's answers as offsets into the resample's counts (no value: a spare slot at the
	// end that no statistic reads), and their levels in the computed sections with 1 or 0 for
	// having one, so the loop over draws only adds, without a branch.
	const sink = U * A;
	const codes = new Int32Array(n * U);
	const lv = new Float64Array(n * K);
	const hasLevel = new Int32Array(n * K);
	for (let r = 0; r < n; r++) {
		for (let u = 0; u < U; u++) {
			const v = answers[r * I + used[u]];
			codes[r * U + u] = v > 0 ? u * A + v - 1 : sink;
		}
		for (let k = 0; k < K; k++) {
			const l = levels[r * S + sections[k]];
			if (l === l) {
				lv[r * K + k] = l;
				hasLevel[r * K + k] = 1;
			}
		}
	}
	const counts = new Int32Array(sink + 1);
	const levelSum = new Float64Array(K);
	const levelN = new Int32Array(K);
	const levelDraws = sections.map(() => new Float64Array(resamples));
	const rwgDraws = sections.map(() => new Float64Array(resamples));
	const levelCount = new Int32Array(K);
	const rwgCount = new Int32Array(K);
	// How often each respondent is drawn: a resample as multiplicities, so each drawn respondent's
	// answers are added once, times their weight.
	const weight = new Int32Array(n);

	for (let b = 0; b < resamples; b++) {
		weight.fill(0);
		for (let j = 0; j < n; j++) weight[Math.floor(random() * n)]++;
		counts.fill(0);
		levelSum.fill(0);
		levelN.fill(0);
		addWeighted(codes, U, lv, hasLevel, K, weight, counts, levelSum, levelN);
		let u = 0;
		for (let k = 0; k < K; k++) {
			if (levelN[k] > 0) levelDraws[k][levelCount[k]++] = levelSum[k] / levelN[k];
			let sum = 0;
			let m = 0;
			for (let q = 0; q < items[sections[k]].length; q++, u++) {
				const rwg = rwgFromCounts(counts, u * A, A);
				if (!Number.isNaN(rwg)) {
					sum += rwg;
					m++;
				}
			}
			if (m > 0) rwgDraws[k][rwgCount[k]++] = sum / m;
		}
	}

	const out = new Map<number, SectionBootstrap>();
	sections.forEach((s, k) => {
		if (levelCount[k] === 0) return;
		out.set(s, {
			level: percentileInterval(levelDraws[k], levelCount[k]),
			meanRwg: rwgCount[k] * 2 >= resamples ? percentileInterval(rwgDraws[k], rwgCount[k]) : null
		});
	});
	return out;
}

/** One resample's counts and level sums: each drawn respondent's answers times their weight. */
function addWeighted(
	codes: Int32Array,
	U: number,
	lv: Float64Array,
	hasLevel: Int32Array,
	K: number,
	weight: Int32Array,
	counts: Int32Array,
	levelSum: Float64Array,
	levelN: Int32Array
): void {
	const n = weight.length;
	for (let r = 0; r < n; r++) {
		const w = weight[r];
		if (w === 0) continue;
		const c0 = r * U;
		for (let u = 0; u < U; u++) counts[codes[c0 + u]] += w;
		const l0 = r * K;
		for (let k = 0; k < K; k++) {
			levelSum[k] += w * lv[l0 + k];
			levelN[k] += w * hasLevel[l0 + k];
		}
	}
}

/** Rows for all submitted responses, in a canonical order (by answers), with their cells. */
function rowsOf(
	responses: readonly SurveyResponse[],
	layout: Layout,
	membership: (p: SurveyResponse['profile']) => number[]
): { answers: Uint8Array; levels: Float64Array; cells: number[][] } {
	const A = layout.points;
	const I = layout.items.length;
	const S = layout.sections.length;
	const submitted = responses.filter((r) => r.status === 'submitted');
	const raw = submitted.map((r) => {
		const row = new Uint8Array(I);
		layout.items.forEach((it, i) => {
			const v = r.answers[it.id];
			row[i] = typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= A ? v : 0;
		});
		return { row, cells: membership(r.profile) };
	});
	raw.sort((x, y) => {
		for (let i = 0; i < I; i++) if (x.row[i] !== y.row[i]) return x.row[i] - y.row[i];
		return 0;
	});
	const answers = new Uint8Array(raw.length * I);
	const levels = new Float64Array(raw.length * S).fill(NaN);
	raw.forEach(({ row }, r) => {
		answers.set(row, r * I);
		// The section level as published-set.ts tallies it: the mean of the recoded answers.
		for (let s = 0; s < S; s++) {
			let sum = 0;
			let m = 0;
			for (const i of layout.sections[s].items) {
				const v = row[i];
				if (v === 0) continue;
				sum += layout.items[i].reversed ? A + 1 - v : v;
				m++;
			}
			if (m > 0) levels[r * S + s] = sum / m;
		}
	});
	return { answers, levels, cells: raw.map((x) => x.cells) };
}

/**
 * The snapshot with a bootstrap interval on every released section of every released cell.
 * `seed` is the round's id: the same close gives the same intervals.
 */
export function withBootstrap(
	snapshot: PublishedSnapshot,
	audit: PublishedAudit,
	responses: readonly SurveyResponse[],
	partners: readonly Partner[],
	seed: string
): PublishedSnapshot {
	const { layout, cells } = audit.table;
	const I = layout.items.length;
	const S = layout.sections.length;
	const all = rowsOf(responses, layout, cellMembership(cells, partners));
	const members: number[][] = cells.map(() => []);
	all.cells.forEach((cs, r) => {
		for (const c of cs) members[c].push(r);
	});

	const out: PublishedSnapshot = {
		...snapshot,
		cells: snapshot.cells.map((c) => ({ ...c, sections: { ...c.sections } }))
	};
	cells.forEach((cell, c) => {
		if (audit.headcount[c] !== null) return;
		const sections = layout.sections.flatMap((_, s) => (audit.sections[s][c] === null ? [s] : []));
		if (sections.length === 0) return;
		// Agreement over the items about the collaboration only, as the dashboard's mean rwg.
		const items = layout.sections.map((sec) =>
			sec.items.filter((i) => audit.items[i][c] === null && layout.items[i].aboutCollaboration)
		);
		const idx = members[c];
		const rows: BootstrapRows = {
			n: idx.length,
			answers: new Uint8Array(idx.length * I),
			levels: new Float64Array(idx.length * S)
		};
		idx.forEach((r, j) => {
			rows.answers.set(all.answers.subarray(r * I, (r + 1) * I), j * I);
			rows.levels.set(all.levels.subarray(r * S, (r + 1) * S), j * S);
		});
		const random = seededRandom(`${seed}\u0000${publishedCellKey(cell)}`);
		const result = bootstrapCell(rows, layout, sections, items, random);
		const target = out.cells[c];
		for (const [s, b] of result) {
			const id = layout.sections[s].id;
			const sec = target.sections[id];
			if (sec?.released) target.sections[id] = { ...sec, bootstrap: b };
		}
	});
	return out;
}
