import type { Store } from './store';
import { buildDemo } from './demo/build';
import { writeDemo } from './demo/write';
import { addUser } from './auth/users';
import { closeDueRounds } from './closing';
import { domainContext } from './context';
import * as comments from './comments';

export const DEMO_ADMIN_EMAIL = 'beheerder@regiozwolle.demo';
export const DEMO_VIEWER_EMAIL = 'alliantieteam@regiozwolle.demo';

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
		unansweredTokens: demo.openRoundLinks.filter((l) => !l.answered).map((l) => l.token)
	};
}

export type SeedResult = Awaited<ReturnType<typeof seedDemo>>;

/** The operator-facing lines: login first (as DESIGN.md §5 promises), then survey links. */
export function formatSeedResult(result: SeedResult, origin: string, links: number): string {
	const lines = [
		`E-mail: ${result.admin.email}`,
		`Wachtwoord: ${result.admin.password}`,
		'',
		`Demo-netwerk geladen. Inloggen: ${origin}/login`,
		`Alleen-lezen account (alliantieteam): ${result.viewer.email} / ${result.viewer.password}`,
		'',
		`Enquêtelinks van deelnemers in de open ronde "${result.openRound.name}" die nog niet hebben geantwoord:`,
		...result.unansweredTokens.slice(0, links).map((t) => `${origin}/s/${t}`)
	];
	return lines.join('\n');
}
