/**
 * Issue 14, "twee kampen is calibrated": how often single-peaked statements are flagged as two
 * camps (false alarms), before and after, and how often real camps still are (power).
 *
 * Exact where cheap: for five points every outcome of n answers (C(n + 4, 4), 635,376 at n = 60)
 * is enumerated once and the false-alarm probability of each distribution is the multinomial sum
 * over the flagged outcomes. By seeded simulation where the issue asks for it and for seven points.
 */
import { describe, expect, it } from 'vitest';
import { leikDFromCounts, rwgFromCounts } from './agreement-tallies';
import { campsVerdict, hasValley, twoCamps } from './sharedness';
import { seeded } from './test-fixtures';
import { CAMPS_MIN_N, campsCriticalValue, campsStatistic } from './two-camps';

/** The methodologist's measurement of the rule at commit c6b52ae (issue 14), item 58% agree / 20% disagree. */
const BASELINE_C6B52AE: Record<number, number> = { 5: 0.14, 8: 0.28, 10: 0.17, 20: 0.11 };

/**
 * The 58/20 item, reconstructed: single-peaked with 58% at 4–5, 20% at 1–2 and 22% at 3 (the
 * brief's [.20, .02, .05, .15, .58] is not single-peaked: answer 1 outnumbers 2 and 3). Among
 * the single-peaked distributions on a 1% grid with those shares, this one reproduces the four
 * baseline figures most closely under the old rule (exactly 14.6, 28.0, 16.3, 10.8%).
 */
const ITEM_58_20 = [0.06, 0.14, 0.22, 0.4, 0.18];

/** The old rule of c6b52ae, kept here only as the reference the baseline was measured on. */
function oldTwoCamps(counts: readonly number[]): boolean {
	const rwg = rwgFromCounts(counts, 0, counts.length);
	if (!Number.isFinite(rwg) || rwg >= 0.5) return false;
	return leikDFromCounts(counts, 0, counts.length) >= 0.7 || hasValley(counts);
}

/** The app's rule on raw counts, as the dashboard calls it. */
function newTwoCamps(counts: readonly number[]): boolean {
	const rwg = rwgFromCounts(counts, 0, counts.length);
	const leikD = leikDFromCounts(counts, 0, counts.length);
	return twoCamps({
		rwg: Number.isFinite(rwg) ? rwg : null,
		leikD: Number.isFinite(leikD) ? leikD : null,
		distribution: counts
	});
}

/** Every vector of A counts summing to n. */
function outcomes(n: number, A: number): number[][] {
	const out: number[][] = [];
	const c = new Array<number>(A).fill(0);
	const rec = (i: number, rest: number) => {
		if (i === A - 1) {
			c[i] = rest;
			out.push(c.slice());
			return;
		}
		for (let v = rest; v >= 0; v--) {
			c[i] = v;
			rec(i + 1, rest - v);
		}
	};
	rec(0, n);
	return out;
}

const logFactorial: number[] = [0];
for (let i = 1; i <= 200; i++) logFactorial[i] = logFactorial[i - 1] + Math.log(i);

/** The flagged outcomes of a rule at n, ready to be weighed by any distribution. */
function flaggedAt(n: number, A: number, rule: (c: readonly number[]) => boolean) {
	const flagged = outcomes(n, A).filter(rule);
	const base = flagged.map((c) => c.reduce((s, x) => s - logFactorial[x], logFactorial[n]));
	return (p: readonly number[]): number => {
		const lp = p.map((x) => (x > 0 ? Math.log(x) : -1e300));
		let total = 0;
		for (let i = 0; i < flagged.length; i++) {
			let l = base[i];
			for (let j = 0; j < A; j++) l += flagged[i][j] * lp[j];
			total += Math.exp(l);
		}
		return total;
	};
}

/**
 * Issue 14's family: single-peaked (frequencies never rise again away from one mode, ties
 * allowed), the mode holding at least 40%, on a grid of `1 / steps`. It includes the least
 * favourable members: a 40% mode with the rest spread flat over the other answers.
 */
function singlePeakedFamily(A: number, steps: number): number[][] {
	const fam: number[][] = [];
	for (const c of outcomes(steps, A)) {
		const p = c.map((x) => x / steps);
		let m = 0;
		for (let j = 1; j < A; j++) if (p[j] > p[m]) m = j;
		if (p[m] < 0.4 - 1e-9) continue;
		let ok = true;
		for (let j = m; j < A - 1; j++) if (p[j + 1] > p[j] + 1e-9) ok = false;
		for (let j = m; j > 0; j--) if (p[j - 1] > p[j] + 1e-9) ok = false;
		if (ok) fam.push(p);
	}
	return fam;
}

/** Mode of `share` at position m, the rest flat over the other answers (or over one side). */
function flatShoulders(A: number): number[][] {
	const fam: number[][] = [];
	for (const share of [0.4, 0.45, 0.5, 0.6, 0.7, 0.8])
		for (let m = 0; m < A; m++) {
			const p = new Array<number>(A).fill((1 - share) / (A - 1));
			p[m] = share;
			fam.push(p);
			if (m > 0 && m < A - 1) {
				const right = new Array<number>(A).fill(0);
				const left = new Array<number>(A).fill(0);
				right[m] = left[m] = share;
				for (let j = m + 1; j < A; j++) right[j] = (1 - share) / (A - 1 - m);
				for (let j = 0; j < m; j++) left[j] = (1 - share) / m;
				fam.push(right, left);
			}
		}
	return fam;
}

/** The n = 60 enumeration (635,376 outcomes) takes a second or two; done once for the file. */
let at60: ((p: readonly number[]) => number) | null = null;
const newAt60 = () => (at60 ??= flaggedAt(60, 5, newTwoCamps));

function worst(rate: (p: readonly number[]) => number, fam: readonly number[][]) {
	let r = 0;
	let at: readonly number[] = fam[0];
	for (const p of fam) {
		const x = rate(p);
		if (x > r) {
			r = x;
			at = p;
		}
	}
	return { rate: r, at };
}

/** Real two camps, five points (index 0 is answer 1). */
const CAMPS = {
	/** 50% at 1, 50% at 5. */
	ends: [0.5, 0, 0, 0, 0.5],
	/** 45% at 1–2 and 45% at 4–5, mostly at the ends, 10% in the middle. */
	outer: [0.4, 0.05, 0.1, 0.05, 0.4],
	/** The same 45/10/45, spread evenly over 1–2 and 4–5. */
	spread: [0.2, 0.25, 0.1, 0.25, 0.2],
	/** Camps at 2 and at 4. */
	inner: [0.05, 0.4, 0.1, 0.4, 0.05],
	/** Unequal camps: 30% disagree, 60% agree. */
	unequal: [0.1, 0.2, 0.1, 0.35, 0.25]
};

function multinomial(rnd: () => number, p: readonly number[], n: number): number[] {
	const c = new Array<number>(p.length).fill(0);
	for (let i = 0; i < n; i++) {
		let u = rnd();
		let j = 0;
		while (j < p.length - 1 && u >= p[j]) u -= p[j++];
		c[j]++;
	}
	return c;
}

function simulated(
	rule: (c: readonly number[]) => boolean,
	p: readonly number[],
	n: number,
	samples: number,
	seed: number
) {
	const rnd = seeded(seed);
	let hits = 0;
	for (let s = 0; s < samples; s++) if (rule(multinomial(rnd, p, n))) hits++;
	return hits / samples;
}

describe('two camps on single-peaked items: the baseline of c6b52ae', () => {
	it('reproduces the measured false alarms of the old rule exactly (58/20 item)', () => {
		for (const n of [5, 8, 10, 20]) {
			const rate = flaggedAt(n, 5, oldTwoCamps)(ITEM_58_20);
			expect(Math.abs(rate - BASELINE_C6B52AE[n]), `n = ${n}: ${rate}`).toBeLessThan(0.01);
			expect(rate).toBeGreaterThan(0.05);
		}
	});

	it('reproduces them by seeded simulation, 20,000 samples each', () => {
		for (const n of [5, 8, 10, 20]) {
			const rate = simulated(oldTwoCamps, ITEM_58_20, n, 20_000, 1400 + n);
			// 20,000 samples: standard error at most 0.35 percentage points.
			expect(Math.abs(rate - BASELINE_C6B52AE[n]), `n = ${n}: ${rate}`).toBeLessThan(0.015);
		}
	});

	it('was far worse for the least favourable single-peaked items: 40% at one end, the rest flat', () => {
		const worstOld = worst(flaggedAt(20, 5, oldTwoCamps), singlePeakedFamily(5, 20));
		expect(worstOld.rate).toBeGreaterThan(0.4);
	});
});

describe('two camps on single-peaked items: calibrated', () => {
	const family = singlePeakedFamily(5, 20); // 1,638 distributions on a 5% grid

	it('flags at most 5% of samples at n = 5, 8, 10 and 20 for every item in the family (exact)', () => {
		const seen: Record<number, number> = {};
		for (const n of [5, 8, 10, 20]) {
			const w = worst(flaggedAt(n, 5, newTwoCamps), family);
			seen[n] = w.rate;
			expect(w.rate, `n = ${n}, worst at ${w.at.join('·')}`).toBeLessThanOrEqual(0.05);
		}
		// Exact worst cases: 0, 0.63, 1.62, 4.11% (old rule 43.6, 70.9, 64.1, 63.8%); the worst item
		// is always a mode at one end with the rest flat (40% or 60% there). Nothing below six answers.
		expect(seen[5]).toBe(0);
		expect(seen[20]).toBeGreaterThan(0.03);
	});

	it('flags at most 5% at n = 60 (exact, 10% grid and flat-shouldered items)', () => {
		const rate = newAt60();
		const fam = [...singlePeakedFamily(5, 10), ...flatShoulders(5), ITEM_58_20];
		const w = worst(rate, fam);
		// Exact: worst 3.97% at 15·15·15·15·40 (old rule 45.7%); the 58/20 item 0.02% (old 1.3%).
		expect(w.rate, `worst at ${w.at.join('·')}`).toBeLessThanOrEqual(0.05);
		expect(rate(ITEM_58_20)).toBeLessThan(0.001);
	});

	it('flags the 58/20 item in at most 5% of 20,000 seeded samples at n = 5, 8, 10, 20 and 60', () => {
		for (const n of [5, 8, 10, 20, 60]) {
			expect(simulated(newTwoCamps, ITEM_58_20, n, 20_000, 1400 + n), `n = ${n}`).toBeLessThanOrEqual(0.05);
			expect(
				simulated(newTwoCamps, [0.4, 0.15, 0.15, 0.15, 0.15], n, 20_000, 1500 + n),
				`n = ${n}`
			).toBeLessThanOrEqual(0.05);
		}
	});

	it('holds on seven points too (seeded simulation, flat-shouldered items, 4,000 samples each)', () => {
		// Worst seen: 0.1% at n = 8, 2.6% at 20, 3.6% at 60, all 40% at an end with the rest flat
		// (old rule: 83, 85, 74%).
		for (const n of [8, 20, 60])
			for (const p of flatShoulders(7).filter((_, i) => i % 2 === 0))
				expect(simulated(newTwoCamps, p, n, 4_000, 1700 + n), `n = ${n}, ${p.join('·')}`).toBeLessThanOrEqual(0.05);
	});
});

describe('two camps: power', () => {
	it('still finds real camps at n = 60 (exact)', () => {
		// Exact: ends 100%, outer 99.6%, spread 45.3%, inner 62.3%, unequal 14.8% (old rule: 100,
		// 100, 80.8, 92.5, 62.5%, bought with up to 46% false alarms).
		const rate = newAt60();
		expect(rate(CAMPS.ends)).toBeGreaterThan(0.99);
		expect(rate(CAMPS.outer)).toBeGreaterThan(0.99);
		expect(rate(CAMPS.spread)).toBeGreaterThan(0.4);
		expect(rate(CAMPS.inner)).toBeGreaterThan(0.55);
		// 30% against 60% with 10% between: a 40% peak at 4 with a flat tail lies close by.
		expect(rate(CAMPS.unequal)).toBeGreaterThan(0.1);
	});

	it('finds clear camps at n = 20, but not camps that a single peak could still explain (exact)', () => {
		// Exact: ends 98.8%, outer 66.9%, spread 7.5%, inner 10.3%, unequal 3.9%.
		const rate = flaggedAt(20, 5, newTwoCamps);
		expect(rate(CAMPS.ends)).toBeGreaterThan(0.95);
		expect(rate(CAMPS.outer)).toBeGreaterThan(0.6);
		// Twenty answers from 20·25·10·25·20 are hard to tell from a peak of 40% at 2 with the rest
		// flat: even the best test against that one item would find them in only 58% of samples.
		expect(rate(CAMPS.spread)).toBeGreaterThan(0.05);
		expect(rate(CAMPS.inner)).toBeGreaterThan(0.08);
	});

	it('finds camps on seven points (seeded simulation)', () => {
		// 42% at 1–2, 42% at 6–7: 28% of samples at n = 20, 92% at n = 60.
		const camps7 = [0.3, 0.12, 0.05, 0.06, 0.05, 0.12, 0.3];
		expect(simulated(newTwoCamps, camps7, 60, 4_000, 77)).toBeGreaterThan(0.6);
	});
});

describe('two camps: the smallest n', () => {
	it(`gives no verdict below ${CAMPS_MIN_N} answers and can flag a clean 3 against 3`, () => {
		const verdict = (c: number[]) => campsVerdict({ rwg: rwgFromCounts(c, 0, 5), leikD: null, distribution: c });
		expect(verdict([2, 0, 0, 0, 3])).toBe('te-weinig-antwoorden');
		expect(verdict([3, 0, 0, 0, 3])).toBe('twee-kampen');
		expect(verdict([3, 1, 0, 0, 2])).toBe('geen-twee-kampen');
		for (const n of [3, 4, 5])
			expect(outcomes(n, 5).filter((c) => campsStatistic(c) >= campsCriticalValue(5))).toEqual([]);
	});

	it('scores a perfect split by 2 n₁ ln 4 and a single peak by 0', () => {
		expect(campsStatistic([3, 0, 0, 0, 3])).toBeCloseTo(6 * Math.log(4), 10);
		expect(campsStatistic([1, 2, 5, 2, 1])).toBe(0);
		expect(campsStatistic([8, 4, 4, 4, 0])).toBe(0);
		// A flat spread fits no single peak of 40%, so it scores; the valley shape still says no.
		expect(campsStatistic([4, 4, 4, 4, 4])).toBeGreaterThan(0);
		expect(twoCamps({ rwg: 0, leikD: 0.6, distribution: [4, 4, 4, 4, 4] })).toBe(false);
	});
});
