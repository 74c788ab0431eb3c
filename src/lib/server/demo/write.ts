import { SCHEMA_VERSION } from '$lib/model/ids';
import type { Invitation, Round } from '$lib/model/round';
import type { Respondent } from '$lib/model/network';
import type { Store } from '../store';
import { surveyToken } from '../tokens';
import { linkKey } from '../link-key';
import type { DemoData, DemoRound } from './build';

/**
 * Replaces everything in the store with a built demo: network, no accounts, no sessions, and
 * every round's file. `extraRounds` are written after the demo's own (benchmarks put archives
 * of past rounds on disk this way); `rounds` may swap a round's contents first (tests and
 * benchmarks give the open round fresh invitations or many more responses).
 */
export async function writeDemo(
	store: Store,
	demo: DemoData,
	options: { rounds?: (r: DemoRound) => DemoRound; extraRounds?: DemoRound[] } = {}
): Promise<void> {
	const rounds = [...demo.rounds.map(options.rounds ?? ((r) => r)), ...(options.extraRounds ?? [])];
	await store.updateNetwork((d) => {
		d.network = demo.network;
		d.partners = demo.partners;
		d.bodies = demo.bodies;
		d.respondents = demo.respondents;
		d.questionnaires = demo.questionnaires;
		d.rounds = rounds.map((r) => r.round);
		d.users = [];
	});
	await store.updateSessions((d) => void (d.sessions = []));
	for (const { round, invitations, responses } of rounds)
		await store.replaceRound(round.id, { schemaVersion: SCHEMA_VERSION, roundId: round.id, invitations, responses });
}

/**
 * `count` new invitations to `round`, handed out to the respondents in turn, with their links
 * (the store keeps only the hashes; the links follow from the link key).
 */
export function freshInvitations(
	round: Round,
	respondents: Respondent[],
	count: number,
	idPrefix: string,
	key: Buffer = linkKey()
) {
	const tokens: string[] = [];
	const invitations: Invitation[] = [];
	for (let i = 0; i < count; i++) {
		const id = `${idPrefix}-${i}`;
		const { token, tokenHash } = surveyToken(key, round.id, id);
		tokens.push(token);
		invitations.push({
			id,
			roundId: round.id,
			respondentId: respondents[i % respondents.length].id,
			tokenHash,
			createdAt: round.opensAt,
			responseId: null,
			declinedAt: null
		});
	}
	return { tokens, invitations };
}
