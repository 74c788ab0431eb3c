import { relative } from 'node:path';
import type { Store } from './store';
import type { DomainContext } from './context';
import { StoreReadError } from './store/errors';
import type { Round } from '$lib/model/round';
import type { NetworkFile } from './store/files';
import { countParticipation } from './participation';

export type Participation = { invited: number; started: number; submitted: number };

/** Counts for a round; after closing, drafts that were never submitted count as started. */
export async function participation(store: Store, roundId: string): Promise<Participation> {
	const state = await store.round(roundId);
	if (!state) return { invited: 0, started: 0, submitted: 0 };
	const { invited, started, submitted } = countParticipation(store.network(), state);
	return { invited, started, submitted };
}

/** The damaged file as the operator finds it in DATA_DIR ("rounds/voorjaar-2025.json"). */
export const damagedFile = (store: Store, e: StoreReadError) => relative(store.dataDir, e.file) || e.file;

export type RoundListing = Round & Participation & { damagedFile: string | null };

/**
 * Rounds, newest first, with their participation. A round whose file cannot be read is listed
 * as damaged instead of taking the whole list down: the other rounds are still worth reaching.
 */
export async function listRounds(ctx: DomainContext): Promise<RoundListing[]> {
	const store = ctx.store;
	const rounds = [...store.network().rounds].sort((a, b) => b.opensAt.localeCompare(a.opensAt));
	return Promise.all(
		rounds.map(async (r) => {
			try {
				return { ...r, ...(await participation(store, r.id)), damagedFile: null };
			} catch (e) {
				if (!(e instanceof StoreReadError)) throw e;
				console.error(`[opslag] ronde ${r.id} is niet te lezen: ${e.message}`);
				return { ...r, invited: 0, started: 0, submitted: 0, damagedFile: damagedFile(store, e) };
			}
		})
	);
}

/**
 * Earlier rounds of the same questionnaire (any version: items are matched by id), oldest first.
 * Only closed rounds: an open round publishes nothing, not even as a trend point.
 */
export function previousRoundsOf(network: Readonly<NetworkFile>, round: Round): Round[] {
	return network.rounds
		.filter(
			(r) =>
				r.id !== round.id &&
				r.questionnaireId === round.questionnaireId &&
				r.status === 'closed' &&
				r.opensAt < round.opensAt
		)
		.sort((a, b) => a.opensAt.localeCompare(b.opensAt));
}
