import { describe, expect, it } from 'vitest';
import { publishedSnapshotSchema, type PublishedSnapshot } from '$lib/model/published';
import { createRng } from '$lib/server/demo/random';
import {
	covarianceMatrix,
	cronbachAlpha,
	MIN_COMPLETE,
	oneFactor,
	reliabilityVerdict,
	reversesAsExpected,
	scaleReliability,
	sectionReliability,
	withReliability,
	type Matrix,
	type OneFactor
} from './reliability';
import type { Layout } from './layout';

/**
 * Four respondents, three items:
 *   r1: 1 2 2   (sum 5)
 *   r2: 2 2 3   (sum 7)
 *   r3: 3 4 3   (sum 10)
 *   r4: 4 4 4   (sum 12)
 * Item variances (n − 1): item 1 mean 2,5, squares 2,25+0,25+0,25+2,25 = 5 → 5/3; item 2 mean 3,
 * squares 1+1+1+1 = 4 → 4/3; item 3 mean 3, squares 1+0+0+1 = 2 → 2/3. Σ var_i = 11/3.
 * Sum: mean 8,5, squares 12,25+2,25+2,25+12,25 = 29 → 29/3.
 * alpha = 3/2 · (1 − (11/3)/(29/3)) = 3/2 · 18/29 = 27/29.
 * Item 1 against the rest (items 2 + 3 = 4, 5, 7, 8; mean 6): deviations −1,5 −0,5 0,5 1,5 and
 * −2 −1 1 2; cross products 3+0,5+0,5+3 = 7; squares 5 and 10; r = 7/√50.
 */
const HAND = [
	[1, 2, 2],
	[2, 2, 3],
	[3, 4, 3],
	[4, 4, 4]
];

const plain = (ids: string[], reversed: string[] = []) => ids.map((id) => ({ id, reversed: reversed.includes(id) }));

/** Σ = λλ' + diag(ψ): exactly one factor. */
function oneFactorMatrix(lambda: number[], psi: number[]): Matrix {
	return lambda.map((li, i) => lambda.map((lj, j) => li * lj + (i === j ? psi[i] : 0)));
}
const populationOmega = (lambda: number[], psi: number[]) => {
	const s = lambda.reduce((a, b) => a + b, 0);
	const u = psi.reduce((a, b) => a + b, 0);
	return (s * s) / (s * s + u);
};
const fitted = (x: OneFactor | string): OneFactor => {
	if (typeof x === 'string') throw new Error(`geen oplossing: ${x}`);
	return x;
};

describe('Cronbach’s alpha', () => {
	it('matches the hand computation (27/29)', () => {
		expect(cronbachAlpha(covarianceMatrix(HAND))).toBeCloseTo(27 / 29, 12);
	});

	it('is the same from whole answers, with n and item-rest r (7/√50) stated', () => {
		// The four respondents three times over: every variance scales alike, alpha and r stay.
		const rows = [...HAND, ...HAND, ...HAND];
		const r = sectionReliability({ sectionId: 's', items: plain(['a', 'b', 'c']), rows }, 5);
		expect(r.n).toBe(12);
		expect(r.alpha).toBeCloseTo(27 / 29, 12);
		expect(r.items[0].itemRest).toBeCloseTo(7 / Math.sqrt(50), 12);
		expect(r.items[0].rawRest).toBeNull();
	});

	it('recodes critical items first: the same answers worded the other way give the same alpha', () => {
		const flipped = [...HAND, ...HAND, ...HAND].map(([a, b, c]) => [a, b, 6 - c]);
		const r = sectionReliability({ sectionId: 's', items: plain(['a', 'b', 'c'], ['c']), rows: flipped }, 5);
		expect(r.alpha).toBeCloseTo(27 / 29, 12);
	});
});

describe('McDonald’s omega from a one-factor model', () => {
	const lambda = [1.2, 0.9, 0.8, 0.5, 0.3];
	const psi = [0.5, 0.6, 0.4, 0.9, 1.0];

	it('recovers the exact loadings and omega of a one-factor covariance matrix', () => {
		const f = fitted(oneFactor(oneFactorMatrix(lambda, psi)));
		// (1,2+0,9+0,8+0,5+0,3)² / ((3,7)² + 3,4) = 13,69 / 17,09
		expect(populationOmega(lambda, psi)).toBeCloseTo(13.69 / 17.09, 12);
		expect(Math.abs(f.omega - 13.69 / 17.09)).toBeLessThan(1e-6);
		f.loadings.forEach((l, i) => expect(Math.abs(l - lambda[i])).toBeLessThan(1e-6));
		f.uniquenesses.forEach((u, i) => expect(Math.abs(u - psi[i])).toBeLessThan(1e-6));
	});

	it('turns the loadings so that they add up positively, whatever the eigenvector’s sign', () => {
		const neg = lambda.map((l, i) => (i === 4 ? -l : l));
		const f = fitted(oneFactor(oneFactorMatrix(neg, psi)));
		expect(f.loadings[0]).toBeGreaterThan(0);
		expect(f.loadings[4]).toBeCloseTo(-0.3, 6);
		expect(f.omega).toBeCloseTo(populationOmega(neg, psi), 6);
	});

	it('equals alpha for equal loadings and lies above it for unequal ones', () => {
		const tau = oneFactorMatrix([0.7, 0.7, 0.7, 0.7], [0.5, 0.3, 0.6, 0.4]);
		expect(fitted(oneFactor(tau)).omega).toBeCloseTo(cronbachAlpha(tau)!, 6);
		const congeneric = oneFactorMatrix(lambda, psi);
		expect(fitted(oneFactor(congeneric)).omega).toBeGreaterThan(cronbachAlpha(congeneric)! + 0.01);
	});

	it('holds a loading at its item’s variance when the fit wants more (Heywood case): ψ = 0, omega stays ≤ 1', () => {
		// Exact three-item solution λ₁² = σ₁₂σ₁₃/σ₂₃ = 0,81/0,5 = 1,62 > var₁ = 1.
		const f = fitted(
			oneFactor([
				[1, 0.9, 0.9],
				[0.9, 1, 0.5],
				[0.9, 0.5, 1]
			])
		);
		expect(f.loadings[0]).toBeCloseTo(1, 9);
		expect(f.uniquenesses[0]).toBeCloseTo(0, 9);
		expect(f.uniquenesses.every((u) => u >= 0)).toBe(true);
		expect(f.omega).toBeLessThanOrEqual(1);
		// On the boundary itself (λ₁ = 1, ψ₁ = 0) the exact solution comes back.
		const edge = fitted(oneFactor(oneFactorMatrix([1, 0.6, 0.6], [0, 0.64, 0.64])));
		expect(Math.abs(edge.omega - 4.84 / 6.12)).toBeLessThan(1e-6);
	});

	it('is not identified below three items, and says so', () => {
		expect(oneFactor(oneFactorMatrix([0.8, 0.7], [0.3, 0.4]))).toBe('too-few-items');
		const rows = [...HAND, ...HAND, ...HAND].map(([a, b]) => [a, b]);
		const r = sectionReliability({ sectionId: 's', items: plain(['a', 'b']), rows }, 5);
		expect(r.alpha).not.toBeNull();
		expect(r.omega).toBeNull();
		expect(r.omegaGap).toBe('too-few-items');
		const one = sectionReliability({ sectionId: 's', items: plain(['a']), rows: rows.map(([a]) => [a]) }, 5);
		expect(one.alpha).toBeNull();
		expect(one.alphaGap).toBe('too-few-items');
	});

	it('lands near known loadings on simulated data (seed 14, n = 5000: omega within 0,015, loadings within 0,05)', () => {
		// Standardised items x_i = λ_i·f + e_i, var e_i = 1 − λ_i². Population omega = 3² / (9 + 3,1).
		// At n = 5000 the standard error of a loading is about 0,015 and of omega about 0,005.
		const l = [0.8, 0.7, 0.6, 0.5, 0.4];
		const u = l.map((x) => 1 - x * x);
		const rng = createRng(14).fork('reliability');
		const rows = Array.from({ length: 5000 }, () => {
			const f = rng.normal();
			return l.map((li, i) => li * f + rng.normal(0, Math.sqrt(u[i])));
		});
		const est = fitted(oneFactor(covarianceMatrix(rows)));
		expect(Math.abs(est.omega - 9 / 12.1)).toBeLessThan(0.015);
		est.loadings.forEach((x, i) => expect(Math.abs(x - l[i]), `lading ${i + 1}`).toBeLessThan(0.05));
	});
});

describe('critically worded items', () => {
	/** Four items on one latent level; `asWorded` lists the items respondents answered turned around. */
	function answers(asWorded: string[], n = 200) {
		const rng = createRng(7).fork(asWorded.join());
		const ids = ['a', 'b', 'c', 'd'];
		return Array.from({ length: n }, () => {
			const level = rng.normal(3, 0.9);
			return ids.map((id) => {
				const v = Math.min(5, Math.max(1, Math.round(level + rng.normal(0, 0.6))));
				return asWorded.includes(id) ? 6 - v : v;
			});
		});
	}

	it('a critical item that goes against the rest before recoding passes the check', () => {
		const r = sectionReliability(
			{ sectionId: 's', items: plain(['a', 'b', 'c', 'd'], ['c']), rows: answers(['c']) },
			5
		);
		const c = r.items[2];
		expect(c.rawRest).toBeLessThan(0);
		expect(c.itemRest).toBeGreaterThan(0);
		expect(reversesAsExpected(c)).toBe(true);
		expect(reversesAsExpected(r.items[0])).toBeNull();
	});

	it('a critical item that people answered like the others is flagged ("keert niet om zoals verwacht")', () => {
		// Item d is marked critical, but respondents read it as a positive statement.
		const rows = answers(['c']);
		const marked = sectionReliability({ sectionId: 's', items: plain(['a', 'b', 'c', 'd'], ['c', 'd']), rows }, 5);
		const d = marked.items[3];
		expect(d.rawRest).toBeGreaterThanOrEqual(0);
		expect(d.itemRest).toBeLessThan(0);
		expect(reversesAsExpected(d)).toBe(false);
		expect(reversesAsExpected(marked.items[2])).toBe(true);
		// And it drags the scale down against the same answers recoded right.
		const right = sectionReliability({ sectionId: 's', items: plain(['a', 'b', 'c', 'd'], ['c']), rows }, 5);
		expect(marked.alpha!).toBeLessThan(right.alpha! - 0.2);
	});
});

describe('missing answers: listwise on the section', () => {
	const complete = [...HAND, ...HAND, ...HAND];

	it('counts only respondents who answered every item on the scale', () => {
		const rows: (number | null)[][] = [...complete, [1, null, 2], [null, null, null], [3, 3, null]];
		const r = sectionReliability({ sectionId: 's', items: plain(['a', 'b', 'c']), rows }, 5);
		expect(r.n).toBe(12);
		expect(r.alpha).toBeCloseTo(27 / 29, 12);
	});

	it(`gives no number below ${MIN_COMPLETE} complete answers ("te weinig volledige antwoorden")`, () => {
		const few = complete.slice(0, MIN_COMPLETE - 1);
		const rows: (number | null)[][] = [...few, ...complete.map(([a, b]) => [a, b, null])];
		const r = sectionReliability({ sectionId: 's', items: plain(['a', 'b', 'c']), rows }, 5);
		expect(r.n).toBe(MIN_COMPLETE - 1);
		expect([r.alpha, r.omega, r.alphaGap, r.omegaGap]).toEqual([null, null, 'too-few-complete', 'too-few-complete']);
		expect(r.items.every((it) => it.itemRest === null)).toBe(true);
		const enough = sectionReliability(
			{ sectionId: 's', items: plain(['a', 'b', 'c']), rows: [...complete.slice(0, MIN_COMPLETE), ...rows] },
			5
		);
		expect(enough.n).toBe(2 * MIN_COMPLETE - 1);
		expect(enough.alpha).not.toBeNull();
	});

	it('treats "weet niet" (0) and skipped items as missing in whole responses', () => {
		const layout: Layout = {
			points: 5,
			items: ['a', 'b', 'c'].map((id) => ({ id, text: id, reversed: false, aboutCollaboration: true, section: 0 })),
			sections: [{ id: 's', title: 'S', shortTitle: 'S', perspective: null, items: [0, 1, 2] }],
			itemIndex: new Map(),
			sectionIndex: new Map()
		};
		const responses = [
			...complete.map(([a, b, c]) => ({ answers: { a, b, c } })),
			{ answers: { a: 0, b: 4, c: 4 } },
			{ answers: { a: 2, b: 2 } }
		];
		const [r] = scaleReliability(responses, layout);
		expect(r.n).toBe(12);
		expect(r.alpha).toBeCloseTo(27 / 29, 12);
	});
});

describe('in the published snapshot', () => {
	const layout: Layout = {
		points: 5,
		items: ['a', 'b', 'c'].map((id) => ({ id, text: id, reversed: false, aboutCollaboration: true, section: 0 })),
		sections: [{ id: 's', title: 'S', shortTitle: 'S', perspective: null, items: [0, 1, 2] }],
		itemIndex: new Map(),
		sectionIndex: new Map()
	};
	const responses = [...HAND, ...HAND, ...HAND].map(([a, b, c]) => ({ answers: { a, b, c } }));
	const snapshot = (released: boolean, opts: { k?: number; section?: boolean } = {}): PublishedSnapshot => ({
		version: 1,
		k: opts.k ?? 5,
		points: 5,
		sectionIds: ['s'],
		itemIds: [],
		cells: [
			{
				cell: { dimension: 'all', value: null, label: 'Hele netwerk' },
				n: released ? { released: true, n: 12 } : { released: false, reason: 'small' },
				sections: {
					s:
						(opts.section ?? true)
							? { released: true, n: 12, sum: 36, sumSq: 120, dontKnow: 0, itemsWithheld: 0 }
							: { released: false, reason: 'small' }
				},
				items: {}
			}
		]
	});

	it('comes only with a released whole-network n, and parses (as does a snapshot without it)', () => {
		expect(withReliability(snapshot(false), responses, layout).reliability).toBeUndefined();
		const withIt = withReliability(snapshot(true), responses, layout);
		expect(withIt.reliability?.[0].alpha).toBeCloseTo(27 / 29, 12);
		expect(publishedSnapshotSchema.parse(JSON.parse(JSON.stringify(withIt)))).toEqual(withIt);
		expect(publishedSnapshotSchema.safeParse(snapshot(true)).success).toBe(true);
		const stray = { ...withIt, reliability: [{ ...withIt.reliability![0], sectionId: 'x' }] };
		expect(publishedSnapshotSchema.safeParse(stray).success).toBe(false);
	});

	it('states nothing, not even n, for a section whose whole-network figures are withheld', () => {
		const [r] = withReliability(snapshot(true, { section: false }), responses, layout).reliability!;
		expect([r.n, r.alpha, r.omega, r.alphaGap]).toEqual([null, null, null, 'withheld']);
		expect(r.items.every((it) => it.itemRest === null && it.rawRest === null)).toBe(true);
	});

	it('needs k complete answers when k is above the minimum of ten', () => {
		// Twelve complete answers: enough at k = 12, too few at k = 13.
		expect(withReliability(snapshot(true, { k: 12 }), responses, layout).reliability![0].alpha).not.toBeNull();
		const [r] = withReliability(snapshot(true, { k: 13 }), responses, layout).reliability!;
		expect([r.n, r.alpha, r.alphaGap]).toEqual([12, null, 'too-few-complete']);
	});
});

describe('verdict', () => {
	it('goes by the lower coefficient, at .60 and .70', () => {
		expect(reliabilityVerdict(0.72, 0.8)).toBe('voldoende');
		expect(reliabilityVerdict(0.69, 0.75)).toBe('matig');
		expect(reliabilityVerdict(0.6, null)).toBe('matig');
		expect(reliabilityVerdict(0.59, 0.65)).toBe('te-laag');
		expect(reliabilityVerdict(null, null)).toBeNull();
	});
});
