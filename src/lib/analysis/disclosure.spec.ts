import { describe, expect, it } from 'vitest';
import { findDisclosure, suppressUntilSafe, type AtomTable } from './disclosure';

/** Atoms as [groups, size] pairs; one statistic (headcount). */
const table = (atoms: [number[], number][]): AtomTable => ({
	groups: atoms.map(([g]) => g),
	counts: Int32Array.from(atoms.map(([, n]) => n)),
	stride: 1
});

describe('findDisclosure', () => {
	it('finds a small complement: selection minus a shown group', () => {
		// Group 0 has 10, three respondents are outside it: selection − group 0 = those 3.
		const leak = findDisclosure(
			table([
				[[0], 10],
				[[], 3]
			]),
			0,
			[true],
			5
		);
		expect(leak).toEqual({ size: 3, groups: [0] });
	});

	it('finds the suppressed rest of a breakdown', () => {
		// Types 0, 1 shown (10 each), type 2 (2 people) hidden: selection − 0 − 1 = type 2.
		const t = table([
			[[0], 10],
			[[1], 10],
			[[2], 2]
		]);
		const leak = findDisclosure(t, 0, [true, true, false], 5);
		expect(leak?.size).toBe(2);
		expect(leak?.groups.sort()).toEqual([0, 1]);
	});

	it('finds a difference across families: a role minus two disjoint bodies inside it', () => {
		// Role 0 has 20: 8 in body 1, 9 in body 2, 3 in neither. 20 others elsewhere.
		const t = table([
			[[0, 1], 8],
			[[0, 2], 9],
			[[0], 3],
			[[], 20]
		]);
		expect(findDisclosure(t, 0, [true, true, true], 5)?.size).toBe(3);
	});

	it('does not flag tiny cells of a cross-table that only its margins reveal', () => {
		// Types 0/1 × roles 2/3 with cells 10, 1, 1, 10: margins are 11 each, cells stay hidden.
		const t = table([
			[[0, 2], 10],
			[[0, 3], 1],
			[[1, 2], 1],
			[[1, 3], 10]
		]);
		expect(findDisclosure(t, 0, [true, true, true, true], 5)).toBeNull();
	});

	it('ignores groups that are identical to the selection and safe complements', () => {
		expect(findDisclosure(table([[[0], 12]]), 0, [true], 5)).toBeNull();
		expect(
			findDisclosure(
				table([
					[[0], 12],
					[[], 5]
				]),
				0,
				[true],
				5
			)
		).toBeNull();
	});

	it('finds a small group shown directly', () => {
		expect(
			findDisclosure(
				table([
					[[0], 2],
					[[], 30]
				]),
				0,
				[true],
				5
			)?.size
		).toBe(2);
	});
});

describe('suppressUntilSafe', () => {
	it('hides the smallest group that takes part, until nothing small is derivable', () => {
		// Types: 0 (30), 1 (6), 2 (3, already hidden as too small).
		const t = table([
			[[0], 30],
			[[1], 6],
			[[2], 3]
		]);
		const reasons: (string | null)[] = [null, null, 'small'];
		suppressUntilSafe(t, 0, 5, reasons, (g) => [30, 6, 3][g], 'derivable');
		// Hiding type 1 leaves selection − type 0 = 9 respondents: safe.
		expect(reasons).toEqual([null, 'derivable', 'small']);
	});

	it('hides a large rest when the centre municipality is small', () => {
		// Centre (group 0) has 3 respondents, the rest (group 1) 40: showing the rest reveals the centre.
		const t = table([
			[[0], 3],
			[[1], 40]
		]);
		const reasons: (string | null)[] = ['small', null];
		suppressUntilSafe(t, 0, 5, reasons, (g) => [3, 40][g], 'derivable');
		expect(reasons).toEqual(['small', 'derivable']);
	});
});

describe('findDisclosure without a selection row', () => {
	it('treats every row as a group that may be withheld, the whole included', () => {
		// Group 0 is everyone (12), group 1 has 10: with the whole shown, 0 − 1 leaves 2.
		const t = table([
			[[0, 1], 10],
			[[0], 2]
		]);
		expect(findDisclosure(t, 0, [true, true], 5, { selection: false })?.groups.sort()).toEqual([0, 1]);
		// Without the whole there is nothing to subtract from: 10 alone is safe.
		expect(findDisclosure(t, 0, [false, true], 5, { selection: false })).toBeNull();
		// With the implicit selection row the same table leaks even when group 0 is hidden.
		expect(findDisclosure(t, 0, [false, true], 5)?.size).toBe(2);
	});

	it('finds nothing when nothing is shown', () => {
		expect(findDisclosure(table([[[0], 2]]), 0, [false], 5, { selection: false })).toBeNull();
	});

	it('lets suppressUntilSafe keep the whole and hide the smaller group', () => {
		const t = table([
			[[0, 1], 10],
			[[0], 2]
		]);
		const reasons: (string | null)[] = [null, null];
		suppressUntilSafe(t, 0, 5, reasons, (g) => (g === 0 ? Infinity : 10), 'protects-another', { selection: false });
		expect(reasons).toEqual([null, 'protects-another']);
	});
});
