import type { Store } from './store';
import type { Round } from '$lib/model/round';

export type Participation = { invited: number; started: number; submitted: number };

/** Counts for a round; after closing, drafts that were never submitted count as started. */
export async function participation(store: Store, roundId: string): Promise<Participation> {
	const state = await store.round(roundId);
	if (!state) return { invited: 0, started: 0, submitted: 0 };
	let submitted = 0;
	for (const r of state.responses.values()) if (r.status === 'submitted') submitted++;
	return { invited: state.invitations.size, started: state.responses.size, submitted };
}

/** Rounds, newest first, with their participation. */
export async function listRounds(store: Store): Promise<(Round & Participation)[]> {
	const rounds = [...store.network().rounds].sort((a, b) => b.opensAt.localeCompare(a.opensAt));
	return Promise.all(rounds.map(async (r) => ({ ...r, ...(await participation(store, r.id)) })));
}
