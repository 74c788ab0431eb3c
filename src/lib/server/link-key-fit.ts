import type { NetworkFile } from './store/files';
import type { RoundState } from './store/round-state';
import { surveyToken } from './tokens';
import { isRoundClosed } from './survey/access';

/** An invitation whose link still opens: one of a round that is not closed, nor past its closing date. */
export type LiveLink = { roundId: string; invitationId: string; tokenHash: string };

export function liveLinks(
	network: Readonly<NetworkFile>,
	rounds: ReadonlyMap<string, RoundState>,
	now: Date
): LiveLink[] {
	const live: LiveLink[] = [];
	for (const round of network.rounds) {
		// Past its date it closes at the next check, and its links open nothing any more.
		if (isRoundClosed(round, now)) continue;
		for (const inv of rounds.get(round.id)?.invitations.values() ?? [])
			live.push({ roundId: round.id, invitationId: inv.id, tokenHash: inv.tokenHash });
	}
	return live;
}

/** How many of these links `key` makes: the store keeps only each link's hash, so this is the test. */
export const linksMadeWith = (live: readonly LiveLink[], key: Buffer): number =>
	live.filter((l) => surveyToken(key, l.roundId, l.invitationId).tokenHash === l.tokenHash).length;
