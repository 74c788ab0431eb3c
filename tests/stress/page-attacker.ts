/**
 * A curious viewer's arithmetic on what the dashboard pages sent, for the attacks of issue 11.
 * Written apart from the app's own audit (src/lib/analysis/published-set.ts) and apart from the
 * analysis-level attacker (published-attacker.ts): it reads only what came over HTTP, and knows
 * the truth (every respondent's profile and answers, which the test wrote itself) only to tell
 * which combinations of pages single out a group.
 *
 * A released figure is a vector over the people it describes: the headcount over everyone; a
 * section's n, level sum and sum of squares over those with a level there; an item's counts per
 * value and "weet niet" over those who responded to it. Adding and subtracting the same figure
 * of several selections gives the figure of the group whose membership is that combination of
 * the selections' memberships. An attack succeeds when that combination is 0 or 1 for every
 * person described (so it is a group), selects 1..k−1 of them, and every selection in it shows
 * the figure. Who chose one value, who skipped, or who has no level is no such group (they are
 * categories inside a vector), so small counts of those are no attack.
 */
import type { DashboardData } from '$lib/analysis/types';
import type { Partner } from '$lib/model/network';
import type { PublishedSnapshot } from '$lib/model/published';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { SurveyResponse } from '$lib/model/response';
import { samenwerkingsscan2 } from '$lib/questionnaires';

/** The dimensions a dashboard URL may name (issue 11: one of them, with one value). */
export const cellDimensions = ['partnerType', 'helix', 'role', 'body', 'centre', 'partner'] as const;
export type CellDimension = (typeof cellDimensions)[number];

/** One released figure of one selection. */
export interface Figure {
	/** Where it was read: "?helix=onderwijs items[3]". */
	label: string;
	/** `n`, `section:<id>` or `item:<id>`. */
	family: string;
	/** Who is in the selection (1) or not (0), per respondent of the truth. */
	mask: Uint8Array;
	/** The vector's components as shown; always the family's count (`n` or `responded`). */
	comps: Record<string, number>;
}

export interface Attack {
	family: string;
	terms: string[];
	/** How many people the derived figure describes. */
	size: number;
}

interface Family {
	name: string;
	/** The component that counts the people the figure describes. */
	count: string;
	/** 1 for each respondent the figure describes. */
	described: Uint8Array;
	/** Each respondent's share of the vector (zeros when not described). */
	own: Record<string, number>[];
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

/** Everything the test knows: the submitted responses of one round and the partners. */
export class Truth {
	readonly people: SurveyResponse[];
	readonly families: Map<string, Family>;
	readonly points: number;
	#partner: Map<string, Partner>;

	constructor(
		responses: readonly SurveyResponse[],
		partners: readonly Partner[],
		readonly questionnaire: Questionnaire = samenwerkingsscan2
	) {
		this.people = responses.filter((r) => r.status === 'submitted');
		this.#partner = new Map(partners.map((p) => [p.id, p]));
		this.points = questionnaire.scale.points;
		this.families = new Map();
		const A = this.points;
		const family = (name: string, count: string, own: (r: SurveyResponse) => Record<string, number> | null) => {
			const shares = this.people.map(own);
			this.families.set(name, {
				name,
				count,
				described: Uint8Array.from(shares, (s) => (s ? 1 : 0)),
				own: shares.map((s) => s ?? {})
			});
		};
		family('n', 'n', () => ({ n: 1 }));
		for (const s of questionnaire.sections) {
			family(`section:${s.id}`, 'n', (r) => {
				const levels = s.items.flatMap((it) => {
					const v = r.answers[it.id];
					return Number.isInteger(v) && v >= 1 && v <= A ? [it.reversed ? A + 1 - v : v] : [];
				});
				if (levels.length === 0) return null;
				const l = sum(levels) / levels.length;
				return { n: 1, sum: l, sumSq: l * l };
			});
			for (const it of s.items)
				family(`item:${it.id}`, 'responded', (r) => {
					const v = r.answers[it.id];
					if (!Number.isInteger(v) || v < 0 || v > A) return null;
					const out: Record<string, number> = { responded: 1, dk: v === 0 ? 1 : 0 };
					for (let j = 1; j <= A; j++) out[`v${j}`] = v === j ? 1 : 0;
					return out;
				});
		}
	}

	/** Who is in the selection a query names: all named dimensions, any of a dimension's values. */
	mask(query: string | URLSearchParams): Uint8Array {
		const q = new URLSearchParams(query);
		const wanted = cellDimensions
			.map((d) => [d, q.getAll(d).filter((v) => v !== '')] as const)
			.filter(([, vs]) => vs.length > 0);
		return Uint8Array.from(this.people, (r) => {
			const p = this.#partner.get(r.profile.partnerId);
			const valueOf = (d: CellDimension): string[] => {
				switch (d) {
					case 'partnerType':
						return p ? [p.type] : [];
					case 'helix':
						return p ? [p.helix] : [];
					case 'centre':
						return p ? [p.isCentre ? 'ja' : 'nee'] : [];
					case 'partner':
						return [r.profile.partnerId];
					case 'role':
						return [r.profile.role];
					case 'body':
						return r.profile.bodyIds;
				}
			};
			return wanted.every(([d, vs]) => valueOf(d).some((v) => vs.includes(v))) ? 1 : 0;
		});
	}

	size(query: string): number {
		return sum([...this.mask(query)]);
	}

	/** The true vector of a selection for one family, over the people that family describes. */
	vector(familyName: string, mask: Uint8Array): Record<string, number> {
		const f = this.families.get(familyName)!;
		const out: Record<string, number> = {};
		mask.forEach((m, r) => {
			if (!m || !f.described[r]) return;
			for (const [c, x] of Object.entries(f.own[r])) out[c] = (out[c] ?? 0) + x;
		});
		return out;
	}
}

const and = (a: Uint8Array, b: Uint8Array) => a.map((x, i) => x & b[i]);

/** A breakdown group as a query: today's centre ids and the published cells' ones alike. */
function groupQuery(family: string, groupId: string): string | null {
	if (family === 'centre') {
		if (groupId === 'ja' || groupId === 'centrum') return 'centre=ja';
		if (groupId === 'nee' || groupId === 'overig') return 'centre=nee';
		return null;
	}
	return (cellDimensions as readonly string[]).includes(family)
		? new URLSearchParams({ [family]: groupId }).toString()
		: null;
}

/** Section figures from n, mean and (when shown) SD. */
function sectionComps(n: number, mean: number, sd?: number | null): Record<string, number> {
	const out: Record<string, number> = { n, sum: n * mean };
	if (typeof sd === 'number' && n >= 2) out.sumSq = (n - 1) * sd * sd + n * mean * mean;
	return out;
}

/**
 * Every figure a page released, with the selection it describes: the page's own (headcount,
 * sections, items), the round's participation per partner type, and the breakdowns inside it
 * (heatmap rows and perception gaps: the page's selection and one group).
 */
export function figuresOf(truth: Truth, query: string, data: DashboardData): Figure[] {
	const page = truth.mask(query);
	const at = query ? `?${query}` : 'hele netwerk';
	const out: Figure[] = [];
	const add = (label: string, family: string, mask: Uint8Array, comps: Record<string, number>) =>
		out.push({ label: `${at} ${label}`, family, mask, comps });

	const p = data.participation;
	if (typeof p.selection === 'number') add('participation.selection', 'n', page, { n: p.selection });
	if (typeof p.submitted === 'number') add('participation.submitted', 'n', truth.mask(''), { n: p.submitted });
	for (const t of p.byPartnerType)
		if (!t.result.suppressed)
			add(`participation.${t.type}`, 'n', truth.mask(`partnerType=${t.type}`), { n: t.result.submitted });

	data.sections.forEach((s) => {
		if (!s.result.suppressed)
			add(
				`sections.${s.sectionId}`,
				`section:${s.sectionId}`,
				page,
				sectionComps(s.result.n, s.result.mean, s.result.sd)
			);
	});
	data.items.forEach((it) => {
		const r = it.result;
		if (r.suppressed) return;
		const comps: Record<string, number> = { responded: sum(r.distribution) + r.dontKnow, dk: r.dontKnow };
		r.distribution.forEach((c, j) => (comps[`v${j + 1}`] = c));
		add(`items.${it.itemId}`, `item:${it.itemId}`, page, comps);
	});

	for (const row of data.heatmap.rows) {
		const g = groupQuery(row.family, row.groupId);
		if (g === null || row.result.suppressed) continue;
		const mask = and(page, truth.mask(g));
		add(`heatmap[${g}]`, 'n', mask, { n: row.result.n });
		for (const c of row.cells)
			if (!c.result.suppressed)
				add(`heatmap[${g}].${c.sectionId}`, `section:${c.sectionId}`, mask, sectionComps(c.result.n, c.result.mean));
	}
	for (const gap of [data.gaps.bestuurlijkAmbtelijk, data.gaps.centreRest]) {
		if (!gap) continue;
		const sides = [
			{ q: groupQuery(gap.a.family, gap.a.groupId), n: 'nA', mean: 'meanA' },
			{ q: groupQuery(gap.b.family, gap.b.groupId), n: 'nB', mean: 'meanB' }
		] as const;
		for (const s of gap.sections)
			for (const side of sides) {
				if (s.result.suppressed || side.q === null) continue;
				const comps = sectionComps(s.result[side.n], s.result[side.mean]);
				add(`gap[${side.q}].${s.sectionId}`, `section:${s.sectionId}`, and(page, truth.mask(side.q)), comps);
			}
	}
	return out;
}

/**
 * The figures of a published snapshot as the file on disk holds them, to calibrate the attacker:
 * on the audit's own output it must find nothing, or it would accuse a correct server.
 */
export function snapshotFigures(truth: Truth, snapshot: PublishedSnapshot): Figure[] {
	const out: Figure[] = [];
	for (const c of snapshot.cells) {
		const query = c.cell.value === null ? '' : new URLSearchParams({ [c.cell.dimension]: c.cell.value }).toString();
		const mask = truth.mask(query);
		const add = (what: string, family: string, comps: Record<string, number>) =>
			out.push({ label: `${query || 'hele netwerk'} ${what}`, family, mask, comps });
		if (c.n.released) add('n', 'n', { n: c.n.n });
		for (const [id, sec] of Object.entries(c.sections))
			if (sec.released) add(id, `section:${id}`, { n: sec.n, sum: sec.sum, sumSq: sec.sumSq });
		for (const [id, it] of Object.entries(c.items)) {
			if (!it.released) continue;
			const comps: Record<string, number> = { responded: sum(it.counts) + it.dontKnow, dk: it.dontKnow };
			it.counts.forEach((x, j) => (comps[`v${j + 1}`] = x));
			add(id, `item:${id}`, comps);
		}
	}
	return out;
}

/**
 * Figures that are not their selection's true figures: a page that shows another selection than
 * its URL names (or wrong numbers) would make the attack search meaningless. Counts must be
 * exact; means may be rounded to two decimals.
 */
export function mismatches(truth: Truth, figures: readonly Figure[]): string[] {
	const out: string[] = [];
	for (const f of figures) {
		const want = truth.vector(f.family, f.mask);
		const count = truth.families.get(f.family)!.count;
		const n = want[count] ?? 0;
		for (const [c, got] of Object.entries(f.comps)) {
			if (c === 'sumSq') continue;
			const expected = want[c] ?? 0;
			const ok = c === 'sum' ? Math.abs(got - expected) <= 0.006 * n + 1e-9 : got === expected;
			if (!ok) out.push(`${f.label}: ${c} ${got}, waar ${expected}`);
		}
	}
	return out;
}

/**
 * Every sum and difference of up to `maxTerms` released figures of one family that is the
 * figure of a group of 1..k−1 people: the combination is 0/1 on the people the family describes,
 * and the shown counts add up to that group's size.
 */
export function findAttacks(truth: Truth, figures: readonly Figure[], k: number, maxTerms: number): Attack[] {
	const attacks: Attack[] = [];
	for (const family of truth.families.values()) {
		const who = [...family.described.keys()].filter((r) => family.described[r]);
		// One figure per distinct membership among the described people (the same figure read on
		// several pages adds nothing), and only where the family's count is shown.
		const seen = new Set<string>();
		const terms: { label: string; members: Uint8Array; count: number }[] = [];
		for (const f of figures) {
			if (f.family !== family.name || typeof f.comps[family.count] !== 'number') continue;
			const members = Uint8Array.from(who, (r) => f.mask[r]);
			const key = `${members.join('')}:${f.comps[family.count]}`;
			if (seen.has(key)) continue;
			seen.add(key);
			terms.push({ label: f.label, members, count: f.comps[family.count] });
		}
		const picked: number[] = [];
		const signs: number[] = [];
		const coef = new Int32Array(who.length);
		const tryCombination = (shown: number) => {
			// The shown counts must add up to 1..k−1 first: cheap, and it rules out nearly everything.
			if (shown < 1 || shown >= k) return;
			coef.fill(0);
			picked.forEach((t, j) => {
				const m = terms[t].members;
				for (let r = 0; r < m.length; r++) coef[r] += signs[j] * m[r];
			});
			let group = 0;
			for (let r = 0; r < coef.length; r++) {
				if (coef[r] === 1) group++;
				else if (coef[r] !== 0) return;
			}
			if (group !== shown) return;
			attacks.push({
				family: family.name,
				size: group,
				terms: picked.map((t, j) => `${signs[j] < 0 ? '−' : '+'} ${terms[t].label}`)
			});
		};
		const extend = (from: number, shown: number) => {
			if (picked.length > 0) tryCombination(shown);
			if (picked.length === maxTerms) return;
			for (let t = from; t < terms.length; t++)
				for (const sign of [1, -1]) {
					picked.push(t);
					signs.push(sign);
					extend(t + 1, shown + sign * terms[t].count);
					picked.pop();
					signs.pop();
				}
		};
		extend(0, 0);
	}
	return attacks;
}

/** The figures that are what their URL names: an attacker reads a page for what it really shows. */
export const trueFigures = (truth: Truth, figures: readonly Figure[]) =>
	figures.filter((f) => mismatches(truth, [f]).length === 0);

/** A few attacks, readable in a failure message. */
export const describeAttacks = (attacks: readonly Attack[], most = 5) =>
	attacks
		.slice(0, most)
		.map((a) => `${a.family} (${a.size} ${a.size === 1 ? 'persoon' : 'personen'}): ${a.terms.join(' ')}`)
		.join('\n') + (attacks.length > most ? `\n… en nog ${attacks.length - most}` : '');
