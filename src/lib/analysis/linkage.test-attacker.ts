import type { Partner } from '$lib/model/network';
import type { PublishedSnapshot } from '$lib/model/published';
import type { Profile } from '$lib/model/response';
import { CENTRE_NO, CENTRE_YES } from './published-set';

/**
 * An attacker written apart from linkage.ts, with plain sets: the named invitees a kept response
 * can be from, after every inference the tallies allow (a value none in a cell chose keeps it
 * out; when every holder of a value in a cell known to hold the response is also in a cell inside
 * it, the response is in that one), repeated until nothing changes.
 */
export function bruteForce(
	snapshot: PublishedSnapshot,
	ps: readonly Partner[],
	invitees: readonly Profile[],
	answers: Record<string, number>,
	ignoreSkips: ReadonlySet<string>
): number[] {
	const partnerOf = new Map(ps.map((p) => [p.id, p]));
	const cellsOf = (p: Profile) => {
		const partner = partnerOf.get(p.partnerId)!;
		return new Set([
			'all:',
			`partnerType:${partner.type}`,
			`helix:${partner.helix}`,
			`centre:${partner.isCentre ? CENTRE_YES : CENTRE_NO}`,
			`partner:${partner.id}`,
			`role:${p.role}`,
			...p.bodyIds.map((b) => `body:${b}`)
		]);
	};
	const keyOf = (c: PublishedSnapshot['cells'][number]) => `${c.cell.dimension}:${c.cell.value ?? ''}`;
	const membersOf = new Map(
		snapshot.cells.map((c) => [keyOf(c), new Set(invitees.flatMap((p, i) => (cellsOf(p).has(keyOf(c)) ? [i] : [])))])
	);
	const count = (c: PublishedSnapshot['cells'][number], item: string, v: number | undefined): number | null => {
		const it = c.items[item];
		if (!it?.released) return null;
		if (v === undefined) {
			if (ignoreSkips.has(item) || !c.n.released) return null;
			return c.n.n - it.counts.reduce((a, b) => a + b, 0) - it.dontKnow;
		}
		return v === 0 ? it.dontKnow : it.counts[v - 1];
	};
	let candidates = invitees.map((_, i) => i);
	for (let before = -1; before !== candidates.length;) {
		before = candidates.length;
		for (const item of snapshot.itemIds) {
			const v = answers[item];
			for (const c of snapshot.cells) {
				const n = count(c, item, v);
				if (n === 0) candidates = candidates.filter((i) => !membersOf.get(keyOf(c))!.has(i));
			}
			for (const u of snapshot.cells) {
				const inU = membersOf.get(keyOf(u))!;
				if (!candidates.every((i) => inU.has(i))) continue;
				const nu = count(u, item, v);
				if (!nu) continue;
				for (const c of snapshot.cells) {
					const inC = membersOf.get(keyOf(c))!;
					const subset = c !== u && [...inC].every((i) => inU.has(i));
					if (subset && count(c, item, v) === nu) candidates = candidates.filter((i) => inC.has(i));
				}
			}
		}
	}
	return candidates;
}
