/**
 * Coarsening the profiles a closed round keeps (DESIGN.md §6: after close, the stored responses
 * cannot be tied to fewer than k named people by anyone holding the data folder and the
 * respondent list).
 *
 * The ladder: a full profile (partner, role, bodies) → partner and role → partner → the
 * partner's type → nothing. Its rungs form a tree whose leaves are the people invited to the
 * round (as the respondent list stands, each person once) and whose root is "anyone".
 *
 * The rule, decided from the invitees, never from who answered (the responses only decide whether
 * "anyone" is needed, and the stored profiles show that it was):
 *
 * 1. Bottom-up, a node that gathers at least k invitees keeps them (it becomes a class); a node
 *    with 1..k−1 passes them all on to the rung above.
 * 2. When "anyone" ends up with 1..k−1 (or a response needs it and it has none), whole classes
 *    move up to it, smallest first, until it has k. Only a class with no class between it and
 *    the root moves, so every invitee's class is still the lowest class above them.
 * 3. A response takes the lowest class above its own profile. For a response from an invitee
 *    that is their class; a profile no invitee has any more (edited since the first save) takes
 *    the lowest class that covers it.
 *
 * Whoever holds the respondent list and knows this rule can compute the classes, and learns no
 * more than the class: every stored profile is the own class of at least k invitees. (A ladder
 * climbed per response until k invitees match would not do: the two people of a partner who
 * climbed past their role to "the partner" are told apart from its five who stayed below.) With
 * fewer than k invitees there is no class at all, and `planCoarsening` returns null.
 */
import type { Partner, PartnerType } from '$lib/model/network';
import type { CoarseProfile, Profile } from '$lib/model/response';

/** 0: partner, role, bodies; 1: partner, role; 2: partner; 3: partner type; 4: nothing. */
export type Rung = 0 | 1 | 2 | 3 | 4;
export const ROOT_RUNG: Rung = 4;

export function rungOf(p: CoarseProfile): Rung {
	if ('bodyIds' in p) return 0;
	if ('role' in p) return 1;
	if ('partnerId' in p) return 2;
	if ('partnerType' in p) return 3;
	return 4;
}

/** The profile as its own canonical node: bodies sorted and once each. */
function canonical(p: CoarseProfile): CoarseProfile {
	return 'bodyIds' in p ? { partnerId: p.partnerId, role: p.role, bodyIds: [...new Set(p.bodyIds)].sort() } : p;
}

/** A class's key: the same for equal profiles, whatever the order of their bodies. */
export const profileKey = (p: CoarseProfile) => JSON.stringify(canonical(p));
const keyOf = profileKey;

/** The rung above; a partner the list does not know has no type, so it goes straight to "anyone". */
function parentOf(p: CoarseProfile, typeOf: ReadonlyMap<string, PartnerType>): CoarseProfile | null {
	if ('bodyIds' in p) return { partnerId: p.partnerId, role: p.role };
	if ('role' in p) return { partnerId: p.partnerId };
	if ('partnerId' in p) {
		const type = typeOf.get(p.partnerId);
		return type ? { partnerType: type } : {};
	}
	if ('partnerType' in p) return {};
	return null;
}

/** The profile and every rung above it, lowest first, ending with `{}`. */
export function ancestry(p: CoarseProfile, typeOf: ReadonlyMap<string, PartnerType>): CoarseProfile[] {
	const out: CoarseProfile[] = [];
	for (let node: CoarseProfile | null = canonical(p); node; node = parentOf(node, typeOf)) out.push(node);
	return out;
}

export type CoarseningPlan = {
	/** One per response, in the order given. */
	profiles: CoarseProfile[];
	/** Invitees per class (stored profile, canonical key) — each at least k. */
	classSizes: Map<string, number>;
};

type Node = { profile: CoarseProfile; rung: Rung; pool: number };

/**
 * The classes for these invitees, and the stored profile of each response. `responses` may be
 * full or already coarsened profiles (a second run after an erasure only ever coarsens further).
 * Null when fewer than k people were invited: no profile, not even "anyone", is then safe.
 */
export function planCoarsening(input: {
	invitees: readonly Profile[];
	responses: readonly CoarseProfile[];
	partners: readonly Partner[];
	k: number;
}): CoarseningPlan | null {
	const { k } = input;
	const typeOf = new Map(input.partners.map((p) => [p.id, p.type]));
	if (input.invitees.length < k) return null;

	const nodes = new Map<string, Node>();
	const node = (p: CoarseProfile) => {
		const key = keyOf(p);
		let n = nodes.get(key);
		if (!n) nodes.set(key, (n = { profile: canonical(p), rung: rungOf(p), pool: 0 }));
		return n;
	};
	for (const p of input.invitees) node(p).pool++;
	const root = node({});

	// 1. Bottom-up: a node with k or more keeps them, a smaller one passes them up.
	const classes = new Map<string, number>();
	for (let rung = 0; rung < ROOT_RUNG; rung++)
		for (const [key, n] of [...nodes].filter(([, n]) => n.rung === rung && n.pool > 0)) {
			if (n.pool >= k) classes.set(key, n.pool);
			else node(parentOf(n.profile, typeOf)!).pool += n.pool;
		}

	// 2. "Anyone" gets k, by taking whole classes from just below it, smallest first.
	const rootKey = keyOf({});
	const lowestClass = (p: CoarseProfile) => ancestry(p, typeOf).find((a) => classes.has(keyOf(a)));
	const needsRoot = () =>
		(root.pool > 0 && root.pool < k) || (root.pool === 0 && input.responses.some((r) => !lowestClass(r)));
	while (needsRoot()) {
		// Smallest first, then the highest rung, then by key: the same classes for the same people.
		const [key] = [...classes]
			.filter(([key]) =>
				ancestry(nodes.get(key)!.profile, typeOf)
					.slice(1, -1)
					.every((a) => !classes.has(keyOf(a)))
			)
			.sort(([ka, a], [kb, b]) => a - b || nodes.get(kb)!.rung - nodes.get(ka)!.rung || (ka < kb ? -1 : 1))[0];
		root.pool += classes.get(key)!;
		classes.delete(key);
	}
	if (root.pool >= k) classes.set(rootKey, root.pool);

	// 3. Each response: the lowest class above its profile (there is one: see 2).
	return { profiles: input.responses.map((r) => lowestClass(r)!), classSizes: classes };
}
