/**
 * Test helper: a naive attacker on a published snapshot, written apart from the audit so that
 * the two can disagree. It knows the truth (every respondent's profile and answers), reads only
 * the released numbers, and tries combinations of released cells per statistic. A combination
 * that counts a 0/1 selection of 1..k−1 respondents is a successful attack.
 *
 * Statistics include the ones a reader gets by subtraction inside a cell: n minus an item's
 * answers and "weet niet" is who skipped it; n minus a section's n is who has no level there.
 */
import type { Partner } from '$lib/model/network';
import type { CellTallies, PublishedCell, PublishedSnapshot } from '$lib/model/published';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';

export interface Attack {
	statistic: string;
	terms: { cell: string; coefficient: number }[];
	respondents: string[];
}

export interface AttackReport {
	/** Released numbers that differ from the truth. */
	mismatches: string[];
	attacks: Attack[];
	combinationsTried: number;
}

interface Family {
	name: string;
	has(r: SurveyResponse): boolean;
	known(c: CellTallies): number | null;
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

	const families: Family[] = [{ name: 'n', has: () => true, known: (c) => (c.n.released ? c.n.n : null) }];
	for (const s of q.sections) {
		const level = (r: SurveyResponse) => s.items.some((it) => typeof answerOf(r, it.id) === 'number');
		families.push({
			name: `niveau ${s.id}`,
			has: level,
			known: (c) => (c.sections[s.id].released ? (c.sections[s.id] as { n: number }).n : null)
		});
		families.push({
			name: `geen niveau ${s.id}`,
			has: (r) => !level(r),
			known: (c) => {
				const sec = c.sections[s.id];
				return sec.released && c.n.released ? c.n.n - sec.n : null;
			}
		});
		for (const it of s.items) {
			const released = (c: CellTallies) => {
				const x = c.items[it.id];
				return x.released ? x : null;
			};
			families.push({
				name: `beantwoord ${it.id}`,
				has: (r) => typeof answerOf(r, it.id) === 'number',
				known: (c) => {
					const x = released(c);
					return x ? sum(x.counts) : null;
				}
			});
			for (let v = 1; v <= A; v++)
				families.push({
					name: `${it.id} = ${v}`,
					has: (r) => answerOf(r, it.id) === v,
					known: (c) => released(c)?.counts[v - 1] ?? null
				});
			families.push({
				name: `${it.id} weet niet`,
				has: (r) => answerOf(r, it.id) === 'dk',
				known: (c) => released(c)?.dontKnow ?? null
			});
			families.push({
				name: `${it.id} overgeslagen`,
				has: (r) => answerOf(r, it.id) === 'skip',
				known: (c) => {
					const x = released(c);
					return x && c.n.released ? c.n.n - sum(x.counts) - x.dontKnow : null;
				}
			});
		}
	}

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
				const ls = s.items
					.map((it) => ({ it, v: answerOf(r, it.id) }))
					.filter((x): x is { it: (typeof s.items)[number]; v: number } => typeof x.v === 'number')
					.map(({ it, v }) => (it.reversed ? A + 1 - v : v));
				if (ls.length === 0) continue;
				const l = sum(ls) / ls.length;
				total += l;
				totalSq += l * l;
			}
			if (Math.abs(total - sec.sum) > 1e-6 || Math.abs(totalSq - sec.sumSq) > 1e-6)
				mismatches.push(`${cellName(c.cell)} ${s.id}: niveausom`);
		}

	for (const fam of families) {
		const rows: { cell: string; members: Uint8Array }[] = [];
		for (const c of snap.cells) {
			const known = fam.known(c);
			if (known === null) continue;
			const members = Uint8Array.from(people, (r) => (inCell(c.cell, r) && fam.has(r) ? 1 : 0));
			const truth = sum(Array.from(members));
			if (truth !== known) mismatches.push(`${cellName(c.cell)} ${fam.name}: ${known} vrijgegeven, ${truth} echt`);
			rows.push({ cell: cellName(c.cell), members });
		}
		// Identical rows add nothing; people no row counts cannot be selected.
		const distinct = new Map<string, { cell: string; members: Uint8Array }>();
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
			if (w >= 1 && w < k && attacks.length < 5)
				attacks.push({
					statistic: fam.name,
					terms: R.flatMap((row, i) => (coef[i] !== 0 ? [{ cell: row.cell, coefficient: coef[i] }] : [])),
					respondents: colPeople.flatMap((ps, c) => (acc[c] === 1 ? ps.map((p) => people[p].id) : []))
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
