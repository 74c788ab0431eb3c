/**
 * The published set of a round (DESIGN.md §6): a fixed list of single-value cells, their tallies,
 * and one audit over all of them together, so that whatever anyone adds and subtracts across
 * pages, exports and moments, no group of 1..k−1 follows.
 *
 * Respondents fall into atoms (same membership in every cell). Each released number is a sum
 * over the respondents of a cell who have some statistic; `disclosure.ts` decides, per
 * statistic, whether a small set of them lies in the span of the released cells, and hides the
 * smallest cell taking part until none does.
 *
 * What must not follow is the answers of an identifiable group of 1..k−1: a group defined by
 * profile cells and found by adding, subtracting and intersecting them. The people who chose
 * one answer value are not such a group, so a value count of 1..k−1 inside a released item is
 * fine. Each figure is therefore audited once, weighted by the people it describes:
 *
 * - an item's vector (counts per value 1..A, "weet niet", and skipped = n − the rest) by the
 *   people who responded to it, with a value or "weet niet". Both are answers a person gave;
 *   skipping is not, and the skipped count says nothing about anyone's answer, so those who
 *   skipped are a category of the vector like a value, not people it describes. A cell shows the
 *   item only if at least k responded, and no combination of cells that show it may single out
 *   1..k−1 respondents (their vector would be the same combination of the cells' vectors);
 * - a section's n, level sum and sum of squares by the people with a level there (the rest,
 *   n − the section's n, is again a category, not a group);
 * - the headcount by everyone.
 *
 * A vector is released or withheld as a whole per cell.
 */
import {
	helices,
	helixLabels,
	partnerTypeLabels,
	partnerTypes,
	roleLabels,
	roles,
	type Body,
	type Partner
} from '$lib/model/network';
import {
	publishedCellKey,
	type CellTallies,
	type PublishedCell,
	type PublishedSnapshot,
	type ReleasedSection,
	type WithheldReason
} from '$lib/model/published';
import type { Profile, SurveyResponse } from '$lib/model/response';
import { suppressUntilSafe, type AtomTable } from './disclosure';
import { resolveK } from './privacy';
import type { Layout } from './layout';

export const CENTRE_YES = 'ja';
export const CENTRE_NO = 'nee';

/**
 * Every single value of every dimension, and each partner with at least k submitted responses
 * (`profiles` are those responses' profiles). Types and helices only as far as the network has
 * them; roles always, so the list does not depend on who answered.
 */
export function publishedCells(
	partners: readonly Partner[],
	bodies: readonly Body[],
	profiles: readonly Profile[],
	k: number
): PublishedCell[] {
	const kk = resolveK(k);
	const cells: PublishedCell[] = [{ dimension: 'all', value: null, label: 'Hele netwerk' }];
	const types = new Set(partners.map((p) => p.type));
	for (const t of partnerTypes)
		if (types.has(t)) cells.push({ dimension: 'partnerType', value: t, label: partnerTypeLabels[t] });
	const hs = new Set(partners.map((p) => p.helix));
	for (const h of helices) if (hs.has(h)) cells.push({ dimension: 'helix', value: h, label: helixLabels[h] });
	for (const r of roles) cells.push({ dimension: 'role', value: r, label: roleLabels[r] });
	for (const b of bodies) cells.push({ dimension: 'body', value: b.id, label: b.name });
	if (partners.some((p) => p.isCentre)) {
		cells.push({ dimension: 'centre', value: CENTRE_YES, label: 'Centrumgemeente' });
		cells.push({ dimension: 'centre', value: CENTRE_NO, label: 'Overige partners' });
	}
	const perPartner = new Map<string, number>();
	for (const p of profiles) perPartner.set(p.partnerId, (perPartner.get(p.partnerId) ?? 0) + 1);
	for (const p of partners)
		if ((perPartner.get(p.id) ?? 0) >= kk) cells.push({ dimension: 'partner', value: p.id, label: p.name });
	return cells;
}

/** Where each statistic sits in an atom's row of counts. */
export interface StatLayout {
	stride: number;
	points: number;
	level(s: number): number;
	noLevel(s: number): number;
	answered(i: number): number;
	/** Answered with a value or "weet niet": the people an item's vector describes. */
	responded(i: number): number;
	value(i: number, v: number): number;
	dontKnow(i: number): number;
	skipped(i: number): number;
}

export const HEADCOUNT = 0;

export function statLayout(layout: Layout): StatLayout {
	const S = layout.sections.length;
	const A = layout.points;
	const per = A + 4;
	const base = (i: number) => 1 + 2 * S + i * per;
	return {
		stride: 1 + 2 * S + layout.items.length * per,
		points: A,
		level: (s) => 1 + 2 * s,
		noLevel: (s) => 2 + 2 * s,
		answered: base,
		value: (i, v) => base(i) + v,
		dontKnow: (i) => base(i) + A + 1,
		skipped: (i) => base(i) + A + 2,
		responded: (i) => base(i) + A + 3
	};
}

/** Atoms of the published set; no respondent-level record survives this. */
export interface CellTable {
	layout: Layout;
	stats: StatLayout;
	cells: PublishedCell[];
	/** `groups` are cell indices. */
	atoms: AtomTable;
	/** atoms × sections × 2: sum and sum of squares of the respondents' section levels. */
	levelSums: Float64Array;
}

/** The indexes of the cells a profile is in (partner, its type, helix and centre, role, bodies, all). */
export function cellMembership(
	cells: readonly PublishedCell[],
	partners: readonly Partner[]
): (p: Profile) => number[] {
	const index = new Map(cells.map((c, i) => [publishedCellKey(c), i]));
	const at = (dimension: PublishedCell['dimension'], value: string | null) =>
		index.get(publishedCellKey({ dimension, value })) ?? -1;
	const all = at('all', null);
	const byPartner = new Map<string, number[]>();
	for (const p of partners)
		byPartner.set(
			p.id,
			[
				at('partnerType', p.type),
				at('helix', p.helix),
				at('centre', p.isCentre ? CENTRE_YES : CENTRE_NO),
				at('partner', p.id)
			].filter((c) => c >= 0)
		);
	return (profile) => {
		const out = new Set<number>(byPartner.get(profile.partnerId) ?? []);
		if (all >= 0) out.add(all);
		const r = at('role', profile.role);
		if (r >= 0) out.add(r);
		for (const b of profile.bodyIds) {
			const c = at('body', b);
			if (c >= 0) out.add(c);
		}
		return [...out].sort((a, b) => a - b);
	};
}

/** Submitted responses into atoms over the cells, with per-atom counts of every statistic. */
export function tabulateCells(
	responses: readonly SurveyResponse[],
	layout: Layout,
	cells: readonly PublishedCell[],
	partners: readonly Partner[]
): CellTable {
	const stats = statLayout(layout);
	const { stride } = stats;
	const A = layout.points;
	const S = layout.sections.length;
	const membership = cellMembership(cells, partners);
	const atomOf = new Map<string, number>();
	const groups: number[][] = [];
	const rows: Int32Array[] = [];
	const sums: Float64Array[] = [];
	const level = new Float64Array(S);
	const levelN = new Int32Array(S);

	for (const r of responses) {
		if (r.status !== 'submitted') continue;
		const g = membership(r.profile);
		const key = g.join(',');
		let a = atomOf.get(key);
		if (a === undefined) {
			a = groups.length;
			atomOf.set(key, a);
			groups.push(g);
			rows.push(new Int32Array(stride));
			sums.push(new Float64Array(S * 2));
		}
		const row = rows[a];
		row[HEADCOUNT]++;
		level.fill(0);
		levelN.fill(0);
		layout.items.forEach((it, i) => {
			const v = r.answers[it.id];
			if (typeof v !== 'number' || !Number.isInteger(v) || v < 0 || v > A) row[stats.skipped(i)]++;
			else if (v === 0) {
				row[stats.dontKnow(i)]++;
				row[stats.responded(i)]++;
			} else {
				row[stats.answered(i)]++;
				row[stats.responded(i)]++;
				row[stats.value(i, v)]++;
				level[it.section] += it.reversed ? A + 1 - v : v;
				levelN[it.section]++;
			}
		});
		for (let s = 0; s < S; s++) {
			if (levelN[s] === 0) {
				row[stats.noLevel(s)]++;
				continue;
			}
			row[stats.level(s)]++;
			const l = level[s] / levelN[s];
			sums[a][s * 2] += l;
			sums[a][s * 2 + 1] += l * l;
		}
	}

	const counts = new Int32Array(groups.length * stride);
	const levelSums = new Float64Array(groups.length * S * 2);
	rows.forEach((row, a) => counts.set(row, a * stride));
	sums.forEach((x, a) => levelSums.set(x, a * S * 2));
	return { layout, stats, cells: [...cells], atoms: { groups, counts, stride }, levelSums };
}

/** null: released. */
export type Decision = WithheldReason | null;

export interface PublishedAudit {
	k: number;
	table: CellTable;
	/** Per cell. */
	headcount: Decision[];
	/** Per section, per cell: n, level sums (and the implied "no level"), audited by n. */
	sections: Decision[][];
	/** Per item, per cell: the whole vector, audited by those who responded (value or "weet niet"). */
	items: Decision[][];
}

/** cells × stride: how many of each cell's respondents have each statistic. */
function cellCounts(table: CellTable): Int32Array {
	const { groups, counts, stride } = table.atoms;
	const out = new Int32Array(table.cells.length * stride);
	groups.forEach((gs, a) => {
		for (const c of gs) for (let t = 0; t < stride; t++) out[c * stride + t] += counts[a * stride + t];
	});
	return out;
}

/**
 * Which cell shows what, decided over all cells at once. A cell whose headcount is withheld shows
 * nothing else; the whole network is hidden to protect another only if nothing smaller would do.
 */
export function auditPublishedSet(
	responses: readonly SurveyResponse[],
	layout: Layout,
	cells: readonly PublishedCell[],
	partners: readonly Partner[],
	k: number
): PublishedAudit {
	const kk = resolveK(k);
	const table = tabulateCells(responses, layout, cells, partners);
	const { stats, atoms } = table;
	const { stride } = stats;
	const N = cells.length;
	const n = cellCounts(table);
	const all = cells.findIndex((c) => c.dimension === 'all');

	/**
	 * One figure over all cells: `weight` counts the people it describes, at least k in a cell
	 * that shows it. `base` carries the headcount's decisions: a cell without its n shows nothing.
	 */
	const audit = (weight: number, base: readonly Decision[] | null): Decision[] => {
		const reasons: Decision[] = [];
		for (let c = 0; c < N; c++) {
			const x = n[c * stride + weight];
			let r: Decision = base ? base[c] : null;
			if (r === null && x < kk) r = 'small';
			reasons.push(r);
		}
		suppressUntilSafe(
			atoms,
			weight,
			kk,
			reasons,
			(c) => (c === all ? Infinity : n[c * stride + weight]),
			'protects-another' as WithheldReason,
			{ selection: false }
		);
		return reasons;
	};

	const headcount = audit(HEADCOUNT, null);
	const sections = layout.sections.map((_, s) => audit(stats.level(s), headcount));
	const items = layout.items.map((_, i) => audit(stats.responded(i), headcount));
	return { k: kk, table, headcount, sections, items };
}

const withheld = (reason: WithheldReason) => ({ released: false as const, reason });

/**
 * What a round stores at close: per cell, the released figures and the reason for each withheld
 * one. Plain JSON; respondents appear only as counts and sums.
 */
export function releasedTallies(audit: PublishedAudit): PublishedSnapshot {
	const { table, k } = audit;
	const { layout, stats, cells } = table;
	const { stride } = stats;
	const A = layout.points;
	const S = layout.sections.length;
	const n = cellCounts(table);
	const levels = new Float64Array(cells.length * S * 2);
	table.atoms.groups.forEach((gs, a) => {
		for (const c of gs) for (let j = 0; j < S * 2; j++) levels[c * S * 2 + j] += table.levelSums[a * S * 2 + j];
	});

	const out: CellTallies[] = cells.map((cell, c) => {
		const at = (t: number) => n[c * stride + t];
		const items: CellTallies['items'] = {};
		layout.items.forEach((it, i) => {
			const d = audit.items[i][c];
			items[it.id] =
				d !== null
					? withheld(d)
					: {
							released: true,
							counts: Array.from({ length: A }, (_, v) => at(stats.value(i, v + 1))),
							dontKnow: at(stats.dontKnow(i))
						};
		});
		const sections: CellTallies['sections'] = {};
		layout.sections.forEach((sec, s) => {
			const d = audit.sections[s][c];
			if (d !== null) {
				sections[sec.id] = withheld(d);
				return;
			}
			let dontKnow = 0;
			let itemsWithheld = 0;
			for (const i of sec.items) {
				if (audit.items[i][c] === null) dontKnow += at(stats.dontKnow(i));
				else itemsWithheld++;
			}
			const released: ReleasedSection = {
				released: true,
				n: at(stats.level(s)),
				sum: levels[(c * S + s) * 2],
				sumSq: levels[(c * S + s) * 2 + 1],
				dontKnow,
				itemsWithheld
			};
			sections[sec.id] = released;
		});
		const h = audit.headcount[c];
		return {
			cell: { ...cell },
			n: h === null ? { released: true, n: at(HEADCOUNT) } : withheld(h),
			sections,
			items
		};
	});

	return {
		version: 1,
		k,
		points: A,
		sectionIds: layout.sections.map((s) => s.id),
		itemIds: layout.items.map((it) => it.id),
		cells: out
	};
}
