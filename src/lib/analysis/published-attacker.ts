/**
 * Test helper: a naive attacker on a published snapshot, written apart from the audit so that
 * the two can disagree. It knows the truth (every respondent's profile and answers), reads only
 * the released numbers, and tries combinations of released cells per figure.
 *
 * The threat (DESIGN.md §6) is the answers of an identifiable group of 1..k−1: an attack
 * succeeds when a combination of cells' membership indicators is 0/1 on the people a figure
 * describes, selects 1..k−1 of them, and the same combination of the cells' released vectors is
 * that group's vector. An item's vector (counts per value, "weet niet") describes those who
 * responded with a value or "weet niet"; a section's (n, level sum, sum of squares) those with a
 * level; the headcount everyone. Who chose one value, who skipped, or who has no level is not an
 * identifiable group, so small counts of those inside a released vector are no attack.
 */
import type { Partner } from '$lib/model/network';
import type { CellTallies, PublishedCell, PublishedSnapshot } from '$lib/model/published';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';

export interface Attack {
	statistic: string;
	terms: { cell: string; coefficient: number }[];
	respondents: string[];
	/** What the attacker learns about them: the figure's vector for exactly these people. */
	vector: number[];
}

export interface AttackReport {
	/** Released numbers that differ from the truth. */
	mismatches: string[];
	attacks: Attack[];
	combinationsTried: number;
}

interface Family {
	name: string;
	/** The people the figure describes. */
	has(r: SurveyResponse): boolean;
	/** The cell's released vector; its first entry counts the people described. */
	known(c: CellTallies): number[] | null;
	/** One described person's share of the vector. */
	own(r: SurveyResponse): number[];
}

const cellName = (c: PublishedCell) => (c.value === null ? c.dimension : `${c.dimension}=${c.value}`);

export function attackSnapshot(
	snap: PublishedSnapshot,
	responses: readonly SurveyResponse[],
	partners: readonly Partner[],
	q: Questionnaire,
	opts: { maxTerms?: number; exhaustiveUpTo?: { respondents: number; rows: number } } = {}
): AttackReport {
	const maxTerms = opts.maxTerms ?? 4;
	const exhaustive = opts.exhaustiveUpTo ?? { respondents: 12, rows: 8 };
	const k = snap.k;
	const A = q.scale.points;
	const people = responses.filter((r) => r.status === 'submitted');
	const partnerById = new Map(partners.map((p) => [p.id, p]));

	const inCell = (cell: PublishedCell, r: SurveyResponse): boolean => {
		const p = partnerById.get(r.profile.partnerId);
		switch (cell.dimension) {
			case 'all':
				return true;
			case 'partnerType':
				return p !== undefined && p.type === cell.value;
			case 'helix':
				return p !== undefined && p.helix === cell.value;
			case 'centre':
				return p !== undefined && (p.isCentre ? 'ja' : 'nee') === cell.value;
			case 'role':
				return r.profile.role === cell.value;
			case 'body':
				return r.profile.bodyIds.includes(cell.value!);
			case 'partner':
				return p !== undefined && p.id === cell.value;
		}
	};
	const answerOf = (r: SurveyResponse, itemId: string): number | 'dk' | 'skip' => {
		const v = r.answers[itemId];
		if (v === 0) return 'dk';
		return Number.isInteger(v) && v >= 1 && v <= A ? v : 'skip';
	};
	const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

	const levelOf = (r: SurveyResponse, s: Questionnaire['sections'][number]): number | null => {
		const ls = s.items
			.map((it) => ({ it, v: answerOf(r, it.id) }))
			.filter((x): x is { it: (typeof s.items)[number]; v: number } => typeof x.v === 'number')
			.map(({ it, v }) => (it.reversed ? A + 1 - v : v));
		return ls.length === 0 ? null : sum(ls) / ls.length;
	};
	const families: Family[] = [
		{ name: 'n', has: () => true, known: (c) => (c.n.released ? [c.n.n] : null), own: () => [1] }
	];
	for (const s of q.sections) {
		families.push({
			name: `niveau ${s.id}`,
			has: (r) => levelOf(r, s) !== null,
			known: (c) => {
				const sec = c.sections[s.id];
				return sec.released ? [sec.n, sec.sum, sec.sumSq] : null;
			},
			own: (r) => {
				const l = levelOf(r, s)!;
				return [1, l, l * l];
			}
		});
		for (const it of s.items)
			families.push({
				name: `stelling ${it.id}`,
				has: (r) => answerOf(r, it.id) !== 'skip',
				known: (c) => {
					const x = c.items[it.id];
					return x.released ? [sum(x.counts) + x.dontKnow, ...x.counts, x.dontKnow] : null;
				},
				own: (r) => {
					const v = answerOf(r, it.id);
					return [1, ...Array.from({ length: A }, (_, j) => (v === j + 1 ? 1 : 0)), v === 'dk' ? 1 : 0];
				}
			});
	}
	const close = (a: number[], b: number[]) => a.length === b.length && a.every((x, i) => Math.abs(x - b[i]) < 1e-6);
	const total = (rs: SurveyResponse[], fam: Family): number[] =>
		rs.reduce<number[]>((acc, r) => {
			const o = fam.own(r);
			return acc.length === 0 ? o : acc.map((x, i) => x + o[i]);
		}, []);

	const mismatches: string[] = [];
	const attacks: Attack[] = [];
	let combinationsTried = 0;

	// Section figures that pool items must pool released items only.
	for (const c of snap.cells)
		for (const s of q.sections) {
			const sec = c.sections[s.id];
			if (!sec.released) continue;
			let dk = 0;
			let withheld = 0;
			for (const it of s.items) {
				const x = c.items[it.id];
				if (x.released) dk += x.dontKnow;
				else withheld++;
			}
			if (sec.dontKnow !== dk)
				mismatches.push(`${cellName(c.cell)} ${s.id}: weet niet ${sec.dontKnow}, vrijgegeven stellingen ${dk}`);
			if (sec.itemsWithheld !== withheld) mismatches.push(`${cellName(c.cell)} ${s.id}: itemsWithheld`);
			let total = 0;
			let totalSq = 0;
			for (const r of people) {
				if (!inCell(c.cell, r)) continue;
				const l = levelOf(r, s);
				if (l === null) continue;
				total += l;
				totalSq += l * l;
			}
			if (Math.abs(total - sec.sum) > 1e-6 || Math.abs(totalSq - sec.sumSq) > 1e-6)
				mismatches.push(`${cellName(c.cell)} ${s.id}: niveausom`);
		}

	for (const fam of families) {
		const rows: { cell: string; members: Uint8Array; vector: number[] }[] = [];
		for (const c of snap.cells) {
			const known = fam.known(c);
			if (known === null) continue;
			const members = Uint8Array.from(people, (r) => (inCell(c.cell, r) && fam.has(r) ? 1 : 0));
			const truth = total(
				people.filter((_, p) => members[p] === 1),
				fam
			);
			if (truth.length > 0 ? !close(truth, known) : known.some((x) => x !== 0))
				mismatches.push(`${cellName(c.cell)} ${fam.name}: ${known} vrijgegeven, ${truth} echt`);
			if (c.n.released === false || c.n.n < known[0]) mismatches.push(`${cellName(c.cell)} ${fam.name}: n`);
			rows.push({ cell: cellName(c.cell), members, vector: known });
		}
		// Identical rows add nothing; people no row counts cannot be selected.
		const distinct = new Map<string, { cell: string; members: Uint8Array; vector: number[] }>();
		for (const row of rows) {
			const key = row.members.join('');
			if (!distinct.has(key) && row.members.some((x) => x === 1)) distinct.set(key, row);
		}
		const R = [...distinct.values()];
		if (R.length === 0) continue;
		// People seen the same way by every row are one column with a weight.
		const colOf = new Map<string, number>();
		const colPeople: number[][] = [];
		people.forEach((_, p) => {
			const key = R.map((row) => row.members[p]).join('');
			if (!key.includes('1')) return;
			let c = colOf.get(key);
			if (c === undefined) {
				c = colPeople.length;
				colOf.set(key, c);
				colPeople.push([]);
			}
			colPeople[c].push(p);
		});
		const C = colPeople.length;
		const M = R.map((row) => Int8Array.from(colPeople, (ps) => row.members[ps[0]]));
		const acc = new Int32Array(C);
		const coef = new Int32Array(R.length);

		const test = (): void => {
			combinationsTried++;
			let w = 0;
			for (let c = 0; c < C; c++) {
				const x = acc[c];
				if (x !== 0 && x !== 1) return;
				w += x * colPeople[c].length;
			}
			if (w < 1 || w >= k) return;
			// The group's own vector, and the same combination of what the cells released.
			const group = colPeople.flatMap((ps, c) => (acc[c] === 1 ? ps.map((p) => people[p]) : []));
			const derived = R.reduce<number[]>(
				(v, row, i) => v.map((x, j) => x + coef[i] * row.vector[j]),
				R[0].vector.map(() => 0)
			);
			if (!close(derived, total(group, fam))) {
				mismatches.push(`${fam.name}: combinatie ${derived} is niet de groep van ${group.length}`);
				return;
			}
			if (attacks.length < 5)
				attacks.push({
					statistic: fam.name,
					terms: R.flatMap((row, i) => (coef[i] !== 0 ? [{ cell: row.cell, coefficient: coef[i] }] : [])),
					respondents: group.map((r) => r.id),
					vector: derived
				});
		};
		const addRow = (i: number, times: number) => {
			coef[i] += times;
			const row = M[i];
			for (let c = 0; c < C; c++) acc[c] += times * row[c];
		};

		if (people.length <= exhaustive.respondents && R.length <= exhaustive.rows) {
			// Every combination with coefficients −2..2, as an odometer.
			for (let i = 0; i < R.length; i++) addRow(i, -2);
			for (;;) {
				test();
				let d = 0;
				while (d < R.length && coef[d] === 2) {
					addRow(d, -4);
					d++;
				}
				if (d === R.length) break;
				addRow(d, 1);
			}
		} else {
			const walk = (start: number, depth: number): void => {
				for (let i = start; i < R.length; i++)
					for (const sign of [1, -1]) {
						addRow(i, sign);
						test();
						if (depth + 1 < maxTerms) walk(i + 1, depth + 1);
						addRow(i, -sign);
					}
			};
			walk(0, 0);
		}
	}
	return { mismatches, attacks, combinationsTried };
}
