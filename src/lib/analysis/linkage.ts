/**
 * The published tallies against the answers a closed round keeps (DESIGN.md §6: the stored
 * responses cannot be tied to fewer than k named people by anyone holding the data folder and
 * the respondent list). Kept responses carry no profile, but their answers do: a value that no
 * one in a cell chose keeps a response out of that cell, and a value whose every holder in a cell
 * U is also in a smaller cell C inside U (the counts are equal) puts a response known to be in U
 * into C. From the respondent list the attacker knows which invitees are in which cell, so each
 * such step narrows the named people a kept response can be from, and "in U" is known as soon as
 * every remaining candidate is in U (so the whole network, a partner type once the others are
 * excluded, and so on). Weet niet and skipping count as values; the skipped count per cell is
 * n minus the rest.
 *
 * `suppressLinkable` removes answers (as if skipped) from the responses that this attacker would
 * narrow below k, greedily the one whose removal leaves the most candidates, until every kept
 * response has k or more. A removed answer makes the stored skips of that item outnumber the
 * published ones, so from then on skipping that item says nothing; removing only ever widens.
 */
import type { Partner } from '$lib/model/network';
import type { PublishedSnapshot } from '$lib/model/published';
import type { ClosedResponse, Profile } from '$lib/model/response';
import { cellMembership } from './published-set';

const SKIP = -1;

/** A set of invitees as 32-bit words. */
type Bits = Uint32Array;

function popcount(bits: Bits): number {
	let n = 0;
	for (let w of bits) {
		w -= (w >>> 1) & 0x55555555;
		w = (w & 0x33333333) + ((w >>> 2) & 0x33333333);
		n += (((w + (w >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
	}
	return n;
}

const within = (a: Bits, b: Bits) => a.every((w, i) => (w & ~b[i]) === 0);

export interface LinkageModel {
	/** How many named invitees a kept, submitted response with these answers can be from. */
	candidates(answers: Readonly<Record<string, number>>, unreliableSkips?: ReadonlySet<string>): number;
	invitees: number;
	itemIds: readonly string[];
	/**
	 * The items whose skips say nothing: the stored submitted responses skip them more often than
	 * the published whole network does, so some of those skips are removed answers.
	 */
	unreliableSkips(responses: readonly ClosedResponse[]): Set<string>;
	/** Whether the whole network's skips of the item can be read from the snapshot. */
	skipsPublished(item: string): boolean;
}

/**
 * The attacker's model of one closed round: its published snapshot, the partners (which cells a
 * partner's people are in) and the named invitees' profiles as the respondent list has them.
 */
export function linkageModel(
	snapshot: PublishedSnapshot,
	partners: readonly Partner[],
	invitees: readonly Profile[]
): LinkageModel {
	const cells = snapshot.cells;
	const words = Math.ceil(invitees.length / 32);
	const membership = cellMembership(
		cells.map((c) => c.cell),
		partners
	);
	const members: Bits[] = cells.map(() => new Uint32Array(words));
	invitees.forEach((p, person) => {
		for (const c of membership(p)) members[c][person >>> 5] |= 1 << (person & 31);
	});
	const everyone = new Uint32Array(words);
	for (let person = 0; person < invitees.length; person++) everyone[person >>> 5] |= 1 << (person & 31);

	// C ⊊ U among the invitees: where "all holders in U are in C" can follow and says something.
	const subsetsOf = cells.map((_, u) =>
		cells.flatMap((_, c) => (within(members[c], members[u]) && !within(members[u], members[c]) ? [c] : []))
	);

	/** Count of `value` on `item` in cell c, or null when the cell does not show the item. */
	const countIn = (c: number, item: string, value: number): number | null => {
		const tally = cells[c];
		const it = tally.items[item];
		if (!it?.released) return null;
		if (value === 0) return it.dontKnow;
		if (value > 0) return it.counts[value - 1] ?? 0;
		if (!tally.n.released) return null;
		return tally.n.n - it.counts.reduce((s, x) => s + x, 0) - it.dontKnow;
	};

	const all = cells.findIndex((c) => c.cell.dimension === 'all');

	/**
	 * What one answer tells, folded where it can be: the invitees it leaves (outside every cell
	 * where no one chose it, inside every cell that holds all of the network's holders), and the
	 * pairs (U, C) that apply only once the response is known to be in U.
	 */
	type Rule = { keep: Bits | null; inside: [u: number, c: number][] };
	const rules = new Map<string, Rule>();
	const ruleFor = (item: string, value: number): Rule => {
		const key = `${item}\u0000${value}`;
		let rule = rules.get(key);
		if (rule) return rule;
		const counts = cells.map((_, c) => countIn(c, item, value));
		let keep: Bits | null = null;
		const narrow = (mask: Bits, invert: boolean) => {
			keep ??= everyone.slice();
			for (let w = 0; w < words; w++) keep[w] &= invert ? ~mask[w] : mask[w];
		};
		const inside: [number, number][] = [];
		counts.forEach((n, c) => {
			if (n === 0) narrow(members[c], true);
		});
		subsetsOf.forEach((subs, u) => {
			const nu = counts[u];
			if (!nu) return;
			for (const c of subs)
				if (counts[c] === nu) {
					if (u === all) narrow(members[c], false);
					else inside.push([u, c]);
				}
		});
		rule = { keep, inside };
		rules.set(key, rule);
		return rule;
	};

	function candidates(answers: Readonly<Record<string, number>>, unreliableSkips: ReadonlySet<string> = new Set()) {
		const cand = everyone.slice();
		let open: [number, number][] = [];
		for (const item of snapshot.itemIds) {
			const v = answers[item];
			const value = typeof v === 'number' ? v : SKIP;
			if (value === SKIP && unreliableSkips.has(item)) continue;
			const rule = ruleFor(item, value);
			if (rule.keep) for (let w = 0; w < words; w++) cand[w] &= rule.keep[w];
			if (rule.inside.length) open = open.concat(rule.inside);
		}
		// Until nothing more follows: each pair applies once its U is known to hold the response.
		for (let changed = true; changed && open.length;) {
			changed = false;
			const known = new Map<number, boolean>();
			const next: [number, number][] = [];
			for (const pair of open) {
				let inU = known.get(pair[0]);
				if (inU === undefined) known.set(pair[0], (inU = within(cand, members[pair[0]])));
				if (!inU) {
					next.push(pair);
					continue;
				}
				for (let w = 0; w < words; w++) cand[w] &= members[pair[1]][w];
				changed = true;
			}
			open = next;
		}
		return popcount(cand);
	}

	function unreliableSkips(responses: readonly ClosedResponse[]) {
		const out = new Set<string>();
		for (const item of snapshot.itemIds) {
			const published = all >= 0 ? countIn(all, item, SKIP) : null;
			if (published === null) continue;
			let stored = 0;
			for (const r of responses) if (r.status === 'submitted' && !(item in r.answers)) stored++;
			if (stored > published) out.add(item);
		}
		return out;
	}

	const skipsPublished = (item: string) => all >= 0 && countIn(all, item, SKIP) !== null;

	return { candidates, invitees: invitees.length, itemIds: snapshot.itemIds, unreliableSkips, skipsPublished };
}

/**
 * The kept responses with answers removed where the model narrows a submitted one below k (in
 * the order given). Each step takes what leaves the most candidates: removing one of the
 * response's own answers, or, for an item it skipped, one answer of that item from another
 * response (after which the stored skips of it outnumber the published ones, so no one's skip of
 * it says anything). Drafts are in no tally; they are left as they are and never give an answer
 * up. Also how many answers were removed, from how many responses.
 */
export function suppressLinkable(
	responses: readonly ClosedResponse[],
	model: LinkageModel,
	k: number
): { responses: ClosedResponse[]; removedAnswers: number; changedResponses: number } {
	const out = responses.map((r) => ({ ...r, answers: { ...r.answers } }));
	const unreliable = model.unreliableSkips(responses);
	const changed = new Set<number>();
	let removedAnswers = 0;
	/** Items whose answer this response lost: its own, not a skip it made, so no rule of its own. */
	const lost = out.map(() => new Set<string>());
	const remove = (j: number, item: string) => {
		delete out[j].answers[item];
		lost[j].add(item);
		if (model.skipsPublished(item)) unreliable.add(item);
		changed.add(j);
		removedAnswers++;
	};
	const donorFor = (item: string, not: number) =>
		out.findIndex((r, j) => j !== not && r.status === 'submitted' && item in r.answers);
	const ignoring = (i: number, ...more: string[]) => new Set([...unreliable, ...lost[i], ...more]);
	out.forEach((r, i) => {
		if (r.status !== 'submitted') return;
		while (model.candidates(r.answers, ignoring(i)) < k) {
			let best: { item: string; own: boolean; n: number } | null = null;
			for (const item of Object.keys(r.answers)) {
				const { [item]: _removed, ...without } = r.answers;
				const n = model.candidates(without, ignoring(i, item));
				if (!best || n > best.n) best = { item, own: true, n };
			}
			for (const item of model.itemIds)
				if (!(item in r.answers) && !unreliable.has(item) && model.skipsPublished(item) && donorFor(item, i) >= 0) {
					const n = model.candidates(r.answers, ignoring(i, item));
					if (!best || n > best.n) best = { item, own: false, n };
				}
			if (!best) break;
			remove(best.own ? i : donorFor(best.item, i), best.item);
		}
	});
	return {
		responses: out.map((r, j) => (changed.has(j) ? r : responses[j])),
		removedAnswers,
		changedResponses: changed.size
	};
}
