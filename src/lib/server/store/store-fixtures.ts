import type { SurveyResponse } from '$lib/model/response';
import type { Invitation, Round } from '$lib/model/round';
import type { OutboxMessage, Wave } from '$lib/model/outbox';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { CommentsFile, PublishedFile } from './files';
import type { Store } from './store';

/** Small, valid records for the store's tests (both implementations). */
export const now = '2026-11-01T10:00:00.000Z';

export const round: Round = {
	id: 'najaar-2026',
	name: 'Najaar 2026',
	questionnaireId: 'samenwerkingsscan',
	questionnaireVersion: 1,
	status: 'open',
	opensAt: now,
	closesAt: '2026-12-01T10:00:00.000Z',
	createdAt: now,
	closedAt: null,
	minimisedAt: null
};

export function response(i: number, answers: Record<string, number> = { 'inhoud-a': 4 }): SurveyResponse {
	return {
		id: `resp-${i}`,
		roundId: round.id,
		profile: { partnerId: 'zwolle', role: 'ambtelijk', bodyIds: [] },
		answers,
		comments: {},
		status: 'submitted',
		step: 0,
		createdAt: now,
		updatedAt: now,
		submittedAt: now
	};
}

export function invitation(i: number, link: Partial<Pick<Invitation, 'responseId' | 'declinedAt'>> = {}): Invitation {
	return {
		id: `inv-${i}`,
		roundId: round.id,
		respondentId: `persoon-${i}`,
		tokenHash: i.toString(16).padStart(64, '0'),
		createdAt: now,
		responseId: null,
		declinedAt: null,
		...link
	};
}

export const wave = (id = 'golf-1'): Wave => ({
	id,
	kind: 'invitation',
	onlyNotStarted: false,
	createdAt: now,
	by: null,
	scheduledAt: null,
	materialisedAt: now,
	cancelledAt: null,
	totals: null
});

export const message = (i: number, waveId = 'golf-1', state: OutboxMessage['state'] = 'sent'): OutboxMessage => ({
	id: `bericht-${i}-${waveId}`,
	waveId,
	invitationId: `inv-${i}`,
	kind: 'invitation',
	state,
	attempts: 1,
	nextAttemptAt: null,
	to: `persoon-${i}@example.org`,
	claimedBy: null,
	leaseUntil: null,
	result: '',
	updatedAt: now
});

export const published = (): PublishedFile => ({
	schemaVersion: SCHEMA_VERSION,
	roundId: round.id,
	publishedAt: now,
	snapshot: { version: 1, k: 5, points: 5, sectionIds: [], itemIds: [], cells: [] }
});

export const review = (text: string): CommentsFile => ({
	schemaVersion: SCHEMA_VERSION,
	roundId: round.id,
	review: {
		status: 'pending',
		extractedAt: now,
		publishedAt: null,
		sections: [{ sectionId: 'inhoud', comments: [{ id: 'c1', text }] }]
	}
});

export async function addRound(store: Store) {
	await store.updateNetwork((d) => void d.rounds.push(round));
}
