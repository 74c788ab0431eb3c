/**
 * Exact differencing audit for one table of overlapping groups.
 *
 * A reader who sees n, mean and SD for the selection and for several groups knows, for each of
 * those sets, the sum (and sum of squares) of the answers. Any linear combination of shown sums
 * is known too: selection − group (the complement), selection − Σ a breakdown's groups (the
 * suppressed rest), helix − Σ its partner types, a role minus the bodies inside it, and so on.
 * Rather than listing such routes, this module asks the question directly:
 *
 *   is there a set S of fewer than k (but more than 0) respondents whose sum is a linear
 *   combination of the shown sums?
 *
 * Respondents with the same memberships ("atoms") are interchangeable to the reader, so S must
 * be a union of atoms and the shown sums are rows of a 0/1 matrix M (sets × atoms). 1_S is
 * derivable iff it lies in the row space of M. Atoms of k or more respondents cannot be in S, so
 * we look for y with yᵀM = 0 on every large atom and yᵀM ∈ {0,1} on the small ones. The y with
 * yᵀM = 0 on large atoms form the null space of the Gram matrix of the large columns; their
 * images on small atoms form a space V whose reduced echelon basis fixes every 0/1 vector by
 * its pivot bits, so a search over subsets of basis rows (pruned by the 0/1 and weight < k
 * conditions) finds every small derivable set. Should the search ever grow too large, the answer
 * is "revealing", so the cost of a pathological table is one group hidden too many, never a leak.
 *
 * Arithmetic is exact, modulo a prime: a combination that is 0/1 over the rationals is also 0/1
 * mod p, so nothing real is missed; a rare false alarm only hides one group too many.
 */

export interface AtomTable {
	/** Sorted candidate-group indices per atom. */
	groups: readonly (readonly number[])[];
	/** atoms × stride: respondents of the atom that have statistic t. */
	counts: Int32Array;
	stride: number;
}

const P = 67_108_859; // largest prime below 2²⁶: a product of two residues stays below 2⁵³.
const SEARCH_BUDGET = 50_000;

const mul = (a: number, b: number): number => (a * b) % P;

function inverse(a: number): number {
	let t = 0;
	let nt = 1;
	let r = P;
	let nr = a;
	while (nr !== 0) {
		const q = Math.floor(r / nr);
		[t, nt] = [nt, t - q * nt];
		[r, nr] = [nr, r - q * nr];
	}
	return t < 0 ? t + P : t;
}

/** In-place reduced row echelon form over the first `pivotCols` columns; returns pivot columns. */
function reduce(rows: Float64Array[], pivotCols: number): number[] {
	const pivots: number[] = [];
	let r = 0;
	for (let c = 0; c < pivotCols && r < rows.length; c++) {
		let p = -1;
		for (let i = r; i < rows.length; i++)
			if (rows[i][c] !== 0) {
				p = i;
				break;
			}
		if (p < 0) continue;
		[rows[r], rows[p]] = [rows[p], rows[r]];
		const row = rows[r];
		const L = row.length;
		const f = inverse(row[c]);
		if (f !== 1) for (let j = c; j < L; j++) if (row[j] !== 0) row[j] = mul(row[j], f);
		for (let i = 0; i < rows.length; i++) {
			if (i === r) continue;
			const other = rows[i];
			const g = other[c];
			if (g === 0) continue;
			for (let j = c; j < L; j++) if (row[j] !== 0) other[j] = (other[j] + P - mul(g, row[j])) % P;
		}
		pivots.push(c);
		r++;
	}
	return pivots;
}

/**
 * Orders rows so that rows sharing columns are decided one after another, which settles columns
 * early and lets the search prune sooner. Greedy: start from the row with the fewest columns,
 * then always take the row with the most columns in common with those already taken.
 */
function orderForEarlyDecisions(support: number[][], alive: Uint8Array): number[] {
	const left = new Set<number>();
	for (let i = 0; i < support.length; i++) if (alive[i]) left.add(i);
	const seen = new Set<number>();
	const out: number[] = [];
	while (left.size > 0) {
		let best = -1;
		let bestShared = -1;
		for (const i of left) {
			let shared = 0;
			for (const c of support[i]) if (seen.has(c)) shared++;
			if (shared > bestShared || (shared === bestShared && support[i].length < support[best].length)) {
				best = i;
				bestShared = shared;
			}
		}
		left.delete(best);
		out.push(best);
		for (const c of support[best]) seen.add(c);
	}
	return out;
}

export interface Disclosure {
	/** Respondents in the smallest revealed set found. */
	size: number;
	/** Shown groups whose numbers take part in revealing it; hiding one of them breaks this route. */
	groups: number[];
}

export interface DisclosureOptions {
	/**
	 * Whether the selection (every atom) is a shown number of its own; default true. The
	 * published set has no selection beyond its cells, and its whole-network cell must be
	 * withholdable like any other when the network itself is small for a statistic.
	 */
	selection?: boolean;
}

/**
 * Looks for a set of 1..k−1 respondents whose statistic `stat` follows from the selection's
 * number plus those of the shown groups. Returns null when there is none.
 */
export function findDisclosure(
	table: AtomTable,
	stat: number,
	shown: readonly boolean[],
	k: number,
	options: DisclosureOptions = {}
): Disclosure | null {
	const withSelection = options.selection ?? true;
	const first = withSelection ? 1 : 0;
	const rowGroup: number[] = withSelection ? [-1] : []; // row 0, if any, is the selection itself
	const rowOf = new Int32Array(shown.length).fill(-1);
	for (let g = 0; g < shown.length; g++)
		if (shown[g]) {
			rowOf[g] = rowGroup.length;
			rowGroup.push(g);
		}
	const R = rowGroup.length;
	if (R === 0) return null;

	// Atoms that look the same through the shown groups are one column for the reader. Merged by
	// a numeric hash (verified on collision): string keys made this the slowest step.
	const buckets = new Map<number, number[]>();
	const colRows: number[][] = [];
	const colSize: number[] = [];
	const scratch = new Int32Array(R);
	const { groups, counts, stride } = table;
	for (let a = 0; a < groups.length; a++) {
		const size = counts[a * stride + stat];
		if (size === 0) continue;
		let len = 0;
		let h = 1;
		if (withSelection) scratch[len++] = 0;
		for (const g of groups[a]) {
			const r = rowOf[g];
			if (r < 0) continue;
			scratch[len++] = r;
			h = (Math.imul(h, 0x01000193) ^ r) | 0;
		}
		h = (Math.imul(h, 0x01000193) ^ len) | 0;
		let bucket = buckets.get(h);
		let c = -1;
		if (bucket === undefined) {
			bucket = [];
			buckets.set(h, bucket);
		} else
			for (const cand of bucket) {
				const rows = colRows[cand];
				if (rows.length !== len) continue;
				let same = true;
				for (let q = 0; q < len && same; q++) same = rows[q] === scratch[q];
				if (same) {
					c = cand;
					break;
				}
			}
		if (c < 0) {
			c = colRows.length;
			bucket.push(c);
			colRows.push(Array.from(scratch.subarray(0, len)));
			colSize.push(0);
		}
		colSize[c] += size;
	}

	const small: number[] = [];
	const gram = new Float64Array(R * R);
	for (let c = 0; c < colRows.length; c++) {
		if (colSize[c] < k) {
			small.push(c);
			continue;
		}
		const rows = colRows[c];
		for (const i of rows) for (const j of rows) gram[i * R + j] += 1;
	}
	if (small.length === 0) return null;

	// y ⊥ every large column ⇔ Gram·y = 0 (the Gram matrix is positive semidefinite).
	const gramRows: Float64Array[] = [];
	for (let i = 0; i < R; i++) {
		const row = new Float64Array(R);
		for (let j = 0; j < R; j++) row[j] = gram[i * R + j] % P;
		gramRows.push(row);
	}
	const gp = reduce(gramRows, R);
	const isPivot = new Uint8Array(R);
	for (const c of gp) isPivot[c] = 1;
	const nullBasis: Float64Array[] = [];
	for (let f = 0; f < R; f++) {
		if (isPivot[f]) continue;
		const y = new Float64Array(R);
		y[f] = 1;
		for (let i = 0; i < gp.length; i++) y[gp[i]] = (P - gramRows[i][f]) % P;
		nullBasis.push(y);
	}
	if (nullBasis.length === 0) return null;

	// Rows [yᵀM on small columns | y], reduced on the small columns.
	const Sn = small.length;
	const rows = nullBasis.map((y) => {
		const row = new Float64Array(Sn + R);
		for (let s = 0; s < Sn; s++) {
			let v = 0;
			for (const r of colRows[small[s]]) v += y[r];
			row[s] = v % P;
		}
		row.set(y, Sn);
		return row;
	});
	const pivots = reduce(rows, Sn);
	if (pivots.length === 0) return null;

	// Prune before searching. A column that only one remaining row touches ("private") takes that
	// row's value whenever the row is chosen: if that value is not 1 the row can never be part of
	// a 0/1 combination, and if its private columns alone weigh k or more it cannot be part of a
	// small one. Dropping rows makes more columns private, so repeat until nothing changes.
	const d = pivots.length;
	const support: number[][] = [];
	for (let i = 0; i < d; i++) {
		const cols: number[] = [];
		const row = rows[i];
		for (let c = 0; c < Sn; c++) if (row[c] !== 0) cols.push(c);
		support.push(cols);
	}
	const alive = new Uint8Array(d).fill(1);
	const touching = new Int32Array(Sn);
	for (;;) {
		touching.fill(0);
		for (let i = 0; i < d; i++) if (alive[i]) for (const c of support[i]) touching[c]++;
		let dropped = false;
		for (let i = 0; i < d; i++) {
			if (!alive[i]) continue;
			let w = 0;
			let ok = true;
			for (const c of support[i]) {
				if (touching[c] !== 1) continue;
				if (rows[i][c] !== 1) {
					ok = false;
					break;
				}
				w += colSize[small[c]];
			}
			if (!ok || w >= k) {
				alive[i] = 0;
				dropped = true;
			}
		}
		if (!dropped) break;
	}
	const order = orderForEarlyDecisions(support, alive);
	if (order.length === 0) return null;

	// Include/exclude search over the remaining rows. A column is settled once every row that
	// touches it has been decided; a settled column must be 0 or 1, and settled 1s count towards
	// the weight. Both prune early, so far fewer than all subsets are visited.
	const remaining = Int32Array.from(touching);
	const sum = new Float64Array(Sn + R);
	let settledWeight = 0;
	let nodes = 0;
	let exhausted = false;
	let found = 0;

	const add = (i: number, sign: 1 | -1): void => {
		const row = rows[i];
		for (const c of support[i]) sum[c] = sign === 1 ? (sum[c] + row[c]) % P : (sum[c] + P - row[c]) % P;
		for (let j = Sn; j < Sn + R; j++) {
			const v = row[j];
			if (v !== 0) sum[j] = sign === 1 ? (sum[j] + v) % P : (sum[j] + P - v) % P;
		}
	};
	const decide = (q: number): boolean => {
		if (q === order.length) {
			if (settledWeight > 0) {
				found = settledWeight;
				return true;
			}
			return false;
		}
		if (++nodes > SEARCH_BUDGET) {
			exhausted = true;
			return true;
		}
		const i = order[q];
		for (const include of [true, false]) {
			if (include) add(i, 1);
			let ok = true;
			let w = 0;
			for (const c of support[i]) {
				if (--remaining[c] !== 0) continue;
				const x = sum[c];
				if (x === 1) w += colSize[small[c]];
				else if (x !== 0) ok = false;
			}
			if (ok && settledWeight + w < k) {
				settledWeight += w;
				if (decide(q + 1)) return true;
				settledWeight -= w;
			}
			for (const c of support[i]) remaining[c]++;
			if (include) add(i, -1);
		}
		return false;
	};
	if (!decide(0)) return null;

	// Too many combinations to rule out: treat as revealing and let the caller hide a group.
	if (exhausted) return { size: 0, groups: rowGroup.slice(first) };
	const blamed: number[] = [];
	for (let r = first; r < R; r++) if (sum[Sn + r] !== 0) blamed.push(rowGroup[r]);
	return { size: found, groups: blamed.length > 0 ? blamed : rowGroup.slice(first) };
}

/**
 * Secondary suppression: keeps hiding one shown group (the smallest among those that take part)
 * until no small set can be derived. Mutates `reasons` (null = shown). Hiding the smallest keeps
 * the most information and is the usual choice in statistical disclosure control.
 */
export function suppressUntilSafe<R>(
	table: AtomTable,
	stat: number,
	k: number,
	reasons: (R | null)[],
	groupSize: (g: number) => number,
	reason: R,
	options: DisclosureOptions = {}
): void {
	const shown = reasons.map((r) => r === null);
	for (;;) {
		const leak = findDisclosure(table, stat, shown, k, options);
		if (!leak) return;
		let pick = -1;
		for (const g of leak.groups) if (shown[g] && (pick < 0 || groupSize(g) < groupSize(pick))) pick = g;
		if (pick < 0) {
			// Only the selection itself is involved, which the caller has checked; hide everything.
			for (let g = 0; g < shown.length; g++) if (shown[g]) reasons[g] = reason;
			return;
		}
		shown[pick] = false;
		reasons[pick] = reason;
	}
}
