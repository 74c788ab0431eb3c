import type { Store } from './store';
import { buildDemo } from './demo/build';
import { writeDemo } from './demo/write';
import { addUser } from './auth/users';
import { closeDueRounds } from './closing';
import { domainContext } from './context';
import * as comments from './comments';
import { roleLabels } from '$lib/model/network';

export const DEMO_ADMIN_EMAIL = 'beheerder@regiozwolle.demo';
export const DEMO_VIEWER_EMAIL = 'regiobureau@regiozwolle.demo';

/**
 * Replaces everything in the store with the demo network. Returns the fresh admin password and
 * the survey links of open-round respondents who have not answered yet: the tokens exist only
 * here, the store keeps their hashes.
 */
export async function seedDemo(store: Store, now = new Date()) {
	const demo = buildDemo({ now });
	await writeDemo(store, demo);
	// The demo's closed rounds get their published sets now (their links were never written).
	const ctx = domainContext(store, null, () => now);
	await closeDueRounds(ctx);
	// Its comments are fictitious and name no one: the latest closed round's are published, so its
	// dashboard shows them; an earlier round's wait for review, so that page has work to show.
	const latestClosed = demo.rounds
		.map((r) => r.round)
		.filter((r) => r.status === 'closed')
		.sort((a, b) => b.closesAt.localeCompare(a.closesAt))[0];
	if (latestClosed) await comments.publish(ctx, latestClosed.id);
	const admin = await addUser(store, DEMO_ADMIN_EMAIL, 'admin', now);
	const viewer = await addUser(store, DEMO_VIEWER_EMAIL, 'viewer', now);
	const openRound = demo.rounds.find((r) => r.round.status === 'open')!.round;
	return {
		admin: { email: admin.user.email, password: admin.password },
		viewer: { email: viewer.user.email, password: viewer.password },
		openRound,
		unanswered: spreadOver(
			demo,
			demo.openRoundLinks.filter((l) => !l.answered)
		)
	};
}

type UnansweredLink = { token: string; partner: string; role: string };

/**
 * The links in turn from each kind of partner, each partner and each role (one of every kind
 * before a second), so the first few printed show the survey as different partners see it.
 */
function spreadOver(
	demo: ReturnType<typeof buildDemo>,
	links: { respondentId: string; token: string }[]
): UnansweredLink[] {
	const people = new Map(demo.respondents.map((r) => [r.id, r]));
	const partners = new Map(demo.partners.map((p) => [p.id, p]));
	// type → partner → role → links, each level in the order first met.
	const tree = new Map<string, Map<string, Map<string, UnansweredLink[]>>>();
	for (const l of links) {
		const person = people.get(l.respondentId)!;
		const partner = partners.get(person.partnerId)!;
		const byPartner = tree.get(partner.type) ?? new Map<string, Map<string, UnansweredLink[]>>();
		const byRole = byPartner.get(partner.id) ?? new Map<string, UnansweredLink[]>();
		const list = byRole.get(person.role) ?? [];
		list.push({ token: l.token, partner: partner.name, role: roleLabels[person.role] });
		byRole.set(person.role, list);
		byPartner.set(partner.id, byRole);
		tree.set(partner.type, byPartner);
	}
	// Each next partner starts with a different role, so the first lines are not all one role.
	let turn = 0;
	const perType = [...tree.values()].map((byPartner) =>
		interleave([...byPartner.values()].map((byRole) => interleave(rotate([...byRole.values()], turn++))))
	);
	return interleave(perType);
}

const rotate = <T>(items: T[], by: number): T[] =>
	items.length ? [...items.slice(by % items.length), ...items.slice(0, by % items.length)] : items;

/** a1 b1 c1 a2 b2 …: one from each list in turn. */
function interleave<T>(lists: T[][]): T[] {
	const out: T[] = [];
	for (let i = 0; lists.some((l) => i < l.length); i++) for (const l of lists) if (i < l.length) out.push(l[i]);
	return out;
}

export type SeedResult = Awaited<ReturnType<typeof seedDemo>>;

/** The operator-facing lines: login first (as DESIGN.md §5 promises), then survey links. */
export function formatSeedResult(result: SeedResult, origin: string, links: number): string {
	const lines = [
		`E-mail: ${result.admin.email}`,
		`Wachtwoord: ${result.admin.password}`,
		'',
		`Demo-netwerk geladen. Inloggen: ${origin}/login`,
		`Alleen-lezen account (regiobureau): ${result.viewer.email} / ${result.viewer.password}`,
		'',
		`Enquêtelinks van deelnemers in de open ronde "${result.openRound.name}" die nog niet hebben geantwoord:`,
		// Who each link is for on the line above it; the link alone on its own line (DESIGN.md §5).
		...result.unanswered.slice(0, links).flatMap((l) => [`${l.partner} · ${l.role}:`, `${origin}/s/${l.token}`])
	];
	return lines.join('\n');
}
