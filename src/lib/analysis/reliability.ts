/**
 * Is a section fit to be averaged into one level? Per section: Cronbach's alpha, McDonald's omega
 * total from a one-factor model, each item's correlation with the rest of its section, and
 * whether each critically worded item goes against the rest before it is recoded. Computed once,
 * at close, from the submitted responses of the whole network (closing.ts), and published with
 * the tallies.
 *
 * Missing data: listwise deletion on the section's items. Only respondents who answered every
 * item of the section on the scale count ("weet niet" and skipped are missing). Alpha and omega
 * then come from one covariance matrix of one set of people, which is always positive
 * semi-definite, so alpha stays ≤ 1 and the factor model is fitted to a proper covariance
 * matrix; pairwise-complete covariances mix different people per cell and can give an
 * indefinite matrix, an alpha above 1 or a factor solution that does not exist. The price is a
 * smaller n, which is stated with every figure; below `MIN_COMPLETE` complete answers no
 * coefficient is given at all.
 *
 * Both coefficients describe the same score, the plain sum of the recoded answers, so both work
 * on the covariance matrix (not the correlations) of the recoded items.
 */
import type { PublishedSnapshot } from '$lib/model/published';
import type { ItemReliability, ReliabilityGap, SectionReliability } from '$lib/model/reliability';
import type { Layout } from './layout';
import { recode } from './stats';
import type { ReliabilityVerdict } from './types';

/** Fewer complete answers than this: "te weinig volledige antwoorden", no coefficient. */
export const MIN_COMPLETE = 10;

/**
 * Nunnally (1978, Psychometric Theory, 2nd ed.) asks .70 of a scale used in research; .60 is the
 * usual floor for a young, exploratory scale. Below it the items disagree too much for their
 * average to mean one thing.
 */
export const RELIABILITY_ADEQUATE = 0.7;
export const RELIABILITY_LOW = 0.6;

export type Matrix = number[][];

/** Sample covariances (n − 1) of the columns of `rows`; every row complete. */
export function covarianceMatrix(rows: readonly (readonly number[])[]): Matrix {
	const n = rows.length;
	const J = n > 0 ? rows[0].length : 0;
	const mean = new Array<number>(J).fill(0);
	for (const r of rows) for (let i = 0; i < J; i++) mean[i] += r[i] / n;
	const cov: Matrix = Array.from({ length: J }, () => new Array<number>(J).fill(0));
	for (const r of rows)
		for (let i = 0; i < J; i++)
			for (let j = i; j < J; j++) cov[i][j] += ((r[i] - mean[i]) * (r[j] - mean[j])) / (n - 1);
	for (let i = 0; i < J; i++) for (let j = 0; j < i; j++) cov[i][j] = cov[j][i];
	return cov;
}

/** J/(J−1)·(1 − Σ var_i / var(sum)); null for fewer than two items or a sum without spread. */
export function cronbachAlpha(cov: Matrix): number | null {
	const J = cov.length;
	if (J < 2) return null;
	let trace = 0;
	let total = 0;
	for (let i = 0; i < J; i++) {
		trace += cov[i][i];
		for (let j = 0; j < J; j++) total += cov[i][j];
	}
	if (!(total > 0)) return null;
	// At most 1 in exact arithmetic (var(sum) ≤ J·Σ var_i); the clamp only absorbs rounding.
	return Math.min(1, (J / (J - 1)) * (1 - trace / total));
}

/** Eigenvalues and eigenvectors (columns of `vectors`) of a symmetric matrix, by cyclic Jacobi rotations. */
export function symmetricEigen(m: Matrix): { values: number[]; vectors: Matrix } {
	const n = m.length;
	const a = m.map((r) => [...r]);
	const v: Matrix = Array.from({ length: n }, (_, i) => Array.from({ length: n }, (_, j) => (i === j ? 1 : 0)));
	let scale = 0;
	for (const r of a) for (const x of r) scale += x * x;
	for (let sweep = 0; sweep < 100; sweep++) {
		let off = 0;
		for (let p = 0; p < n; p++) for (let q = p + 1; q < n; q++) off += a[p][q] * a[p][q];
		if (off <= 1e-30 * scale || off === 0) break;
		for (let p = 0; p < n; p++)
			for (let q = p + 1; q < n; q++) {
				if (a[p][q] === 0) continue;
				const theta = (a[q][q] - a[p][p]) / (2 * a[p][q]);
				const t = Number.isFinite(theta * theta)
					? (theta >= 0 ? 1 : -1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1))
					: 1 / (2 * theta);
				const c = 1 / Math.sqrt(t * t + 1);
				const s = t * c;
				for (let k = 0; k < n; k++) {
					const akp = a[k][p];
					const akq = a[k][q];
					a[k][p] = c * akp - s * akq;
					a[k][q] = s * akp + c * akq;
				}
				for (let k = 0; k < n; k++) {
					const apk = a[p][k];
					const aqk = a[q][k];
					a[p][k] = c * apk - s * aqk;
					a[q][k] = s * apk + c * aqk;
				}
				for (let k = 0; k < n; k++) {
					const vkp = v[k][p];
					const vkq = v[k][q];
					v[k][p] = c * vkp - s * vkq;
					v[k][q] = s * vkp + c * vkq;
				}
			}
	}
	return { values: a.map((r, i) => r[i]), vectors: v };
}

export interface OneFactor {
	/** Loadings in the items' own units (covariance metric), signed so that their sum is positive. */
	loadings: number[];
	/** Unique variances ψ_i = var_i − λ_i², never negative. */
	uniquenesses: number[];
	/** (Σλ)² / ((Σλ)² + Σψ). */
	omega: number;
}

const PAF_MAX_ITERATIONS = 5000;

/**
 * One-factor model by iterated principal-axis factoring: put the communalities on the diagonal,
 * take the first principal axis of that matrix as the loadings, recompute the communalities from
 * them, until they no longer change. Its fixed point reproduces every covariance exactly when the
 * matrix is exactly one-factor, so a one-factor population matrix gives back its own loadings.
 * A communality that would exceed the item's variance (a Heywood case) is held at it (ψ = 0).
 * Not identified with fewer than three items: two items bring four unknowns (two loadings, two
 * unique variances) and only three variances and covariances.
 */
export function oneFactor(cov: Matrix): OneFactor | ReliabilityGap {
	const J = cov.length;
	if (J < 3) return 'too-few-items';
	const variance = cov.map((r, i) => r[i]);
	const maxVar = Math.max(...variance);
	if (!(maxVar > 0)) return 'no-variance';
	// Start: each item's variance times its strongest correlation with another item.
	let h = variance.map((vi, i) => {
		let best = 0;
		for (let j = 0; j < J; j++)
			if (j !== i && vi > 0 && variance[j] > 0)
				best = Math.max(best, Math.abs(cov[i][j]) / Math.sqrt(vi * variance[j]));
		return vi * best;
	});
	for (let iter = 0; iter < PAF_MAX_ITERATIONS; iter++) {
		const reduced = cov.map((r, i) => r.map((x, j) => (i === j ? h[i] : x)));
		const { values, vectors } = symmetricEigen(reduced);
		let top = 0;
		for (let k = 1; k < J; k++) if (values[k] > values[top]) top = k;
		const root = Math.sqrt(Math.max(0, values[top]));
		const axis = vectors.map((r) => r[top] * root);
		const next = axis.map((l, i) => Math.min(l * l, variance[i]));
		const change = Math.max(...next.map((x, i) => Math.abs(x - h[i])));
		h = next;
		if (change <= 1e-13 * maxVar) {
			// A loading held at its item's variance (Heywood) keeps its sign, at √var.
			const sign = axis.reduce((s, l) => s + l, 0) < 0 ? -1 : 1;
			const loadings = axis.map((l, i) => sign * Math.sign(l) * Math.sqrt(h[i]));
			const sum = loadings.reduce((s, l) => s + l, 0);
			const uniquenesses = variance.map((vi, i) => Math.max(0, vi - h[i]));
			const common = sum * sum;
			const unique = uniquenesses.reduce((s, u) => s + u, 0);
			if (!(common + unique > 0)) return 'no-variance';
			return { loadings, uniquenesses, omega: common / (common + unique) };
		}
	}
	return 'not-converged';
}

/** Pearson r; null when either side has no spread. */
export function pearson(x: readonly number[], y: readonly number[]): number | null {
	const n = x.length;
	if (n < 2) return null;
	let mx = 0;
	let my = 0;
	for (let i = 0; i < n; i++) {
		mx += x[i] / n;
		my += y[i] / n;
	}
	let sxy = 0;
	let sxx = 0;
	let syy = 0;
	for (let i = 0; i < n; i++) {
		sxy += (x[i] - mx) * (y[i] - my);
		sxx += (x[i] - mx) ** 2;
		syy += (y[i] - my) ** 2;
	}
	if (!(sxx > 0) || !(syy > 0)) return null;
	return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}

export interface SectionAnswers {
	sectionId: string;
	items: { id: string; reversed: boolean }[];
	/** Respondents × items: raw answers 1..points as given; null for "weet niet" or skipped. */
	rows: readonly (readonly (number | null)[])[];
}

/** The section's figures over its complete answers (listwise; see the top of this file). */
export function sectionReliability(
	section: SectionAnswers,
	points: number,
	minComplete = MIN_COMPLETE
): SectionReliability {
	const J = section.items.length;
	const raw = section.rows.filter((r): r is number[] => r.length === J && r.every((v) => v !== null));
	const n = raw.length;
	const absent = (gap: ReliabilityGap): SectionReliability => ({
		sectionId: section.sectionId,
		n,
		alpha: null,
		alphaGap: gap,
		omega: null,
		omegaGap: gap,
		items: section.items.map((it) => ({ itemId: it.id, reversed: it.reversed, itemRest: null, rawRest: null }))
	});
	if (n < minComplete) return absent('too-few-complete');

	const recoded = raw.map((r) => r.map((v, i) => recode(v, points, section.items[i].reversed)));
	const cov = covarianceMatrix(recoded);
	const alpha = J < 2 ? null : cronbachAlpha(cov);
	const factor = oneFactor(cov);
	const totals = recoded.map((r) => r.reduce((s, v) => s + v, 0));
	const items = section.items.map((it, i): ItemReliability => {
		const rest = recoded.map((r, p) => totals[p] - r[i]);
		return {
			itemId: it.id,
			reversed: it.reversed,
			itemRest:
				J < 2
					? null
					: pearson(
							recoded.map((r) => r[i]),
							rest
						),
			// As worded, a critical item should go against the (recoded) rest. Recoding is linear, so
			// this is minus itemRest; it is stored as the check is stated, before recoding.
			rawRest:
				it.reversed && J >= 2
					? pearson(
							raw.map((r) => r[i]),
							rest
						)
					: null
		};
	});
	return {
		sectionId: section.sectionId,
		n,
		alpha,
		alphaGap: alpha !== null ? null : J < 2 ? 'too-few-items' : 'no-variance',
		omega: typeof factor === 'string' ? null : factor.omega,
		omegaGap: typeof factor === 'string' ? factor : null,
		items
	};
}

/** Every section of the layout, from whole responses (answers outside 1..points are missing). */
export function scaleReliability(
	responses: readonly { answers: Readonly<Record<string, number>> }[],
	layout: Layout,
	minComplete = MIN_COMPLETE
): SectionReliability[] {
	const onScale = (v: number | undefined): number | null =>
		typeof v === 'number' && Number.isInteger(v) && v >= 1 && v <= layout.points ? v : null;
	return layout.sections.map((sec) => {
		const items = sec.items.map((i) => layout.items[i]);
		return sectionReliability(
			{
				sectionId: sec.id,
				items: items.map((it) => ({ id: it.id, reversed: it.reversed })),
				rows: responses.map((r) => items.map((it) => onScale(r.answers[it.id])))
			},
			layout.points,
			minComplete
		);
	});
}

/**
 * The snapshot with the whole network's reliability, when the whole network's n is released;
 * unchanged otherwise. Whole network only: per-group covariances and item-rest correlations are
 * figures the published set's audit does not model, so no cell gets them. Within it, a section
 * whose own figures the audit withheld gets no figures here either (not even its n), and every
 * coefficient needs at least k complete answers besides `MIN_COMPLETE`.
 */
export function withReliability(
	snapshot: PublishedSnapshot,
	responses: readonly { answers: Readonly<Record<string, number>> }[],
	layout: Layout
): PublishedSnapshot {
	const whole = snapshot.cells.find((c) => c.cell.dimension === 'all');
	if (!whole?.n.released) return snapshot;
	const reliability = scaleReliability(responses, layout, Math.max(MIN_COMPLETE, snapshot.k)).map((r) =>
		whole.sections[r.sectionId]?.released
			? r
			: {
					...r,
					n: null,
					alpha: null,
					alphaGap: 'withheld' as const,
					omega: null,
					omegaGap: 'withheld' as const,
					items: r.items.map((it) => ({ ...it, itemRest: null, rawRest: null }))
				}
	);
	return { ...snapshot, reliability };
}

/**
 * Judged on the lower of the two coefficients, so that neither paints too kind a picture; null
 * when neither could be computed.
 */
export function reliabilityVerdict(alpha: number | null, omega: number | null): ReliabilityVerdict | null {
	const known = [alpha, omega].filter((x): x is number => x !== null);
	if (known.length === 0) return null;
	const low = Math.min(...known);
	return low >= RELIABILITY_ADEQUATE ? 'voldoende' : low >= RELIABILITY_LOW ? 'matig' : 'te-laag';
}

/**
 * A critical item should go against the rest of its section as worded: false ("keert niet om
 * zoals verwacht") when its raw correlation with the rest is zero or positive; null for an item
 * that is not critical or could not be checked.
 */
export const reversesAsExpected = (item: ItemReliability): boolean | null =>
	!item.reversed || item.rawRest === null ? null : item.rawRest < 0;
