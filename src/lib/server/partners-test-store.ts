import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from './store/json-store';
import { domainContext } from './context';
import { SCHEMA_VERSION } from '$lib/model/ids';
import { respondentSchema } from '$lib/model/network';
import { samenwerkingsscan } from '$lib/questionnaires';
import type { SurveyResponse } from '$lib/model/response';

/** A real JsonStore in a temp folder for the partner and body specs, with helpers that add history. */
export async function openTestStore() {
	const dir = await mkdtemp(join(tmpdir(), 'am-partners-'));
	let store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const ctx = () => domainContext(store, { id: 'u-1', email: 'beheer@regio.nl', role: 'admin' });
	return {
		get store() {
			return store;
		},
		ctx,
		async reopen() {
			await store.close();
			store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		},
		async addRespondent(id: string, partnerId: string, bodyIds: string[] = []) {
			await store.updateNetwork((d) => {
				d.respondents.push(respondentSchema.parse({ id, partnerId, role: 'ambtelijk', bodyIds }));
			});
		},
		/** A closed round with one response per profile: history that outlives the respondents. */
		async addRoundWithResponses(roundId: string, profiles: { partnerId: string; bodyIds: string[] }[]) {
			const at = '2026-03-01T10:00:00.000Z';
			await store.updateNetwork((d) => {
				if (!d.questionnaires.some((q) => q.id === samenwerkingsscan.id)) d.questionnaires.push(samenwerkingsscan);
				d.rounds.push({
					id: roundId,
					name: roundId,
					questionnaireId: samenwerkingsscan.id,
					questionnaireVersion: samenwerkingsscan.version,
					status: 'closed',
					opensAt: at,
					closesAt: at,
					createdAt: at,
					closedAt: at,
					minimisedAt: null
				});
			});
			const responses: SurveyResponse[] = profiles.map((p, i) => ({
				id: `${roundId}-r${i}`,
				roundId,
				profile: { ...p, role: 'bestuurlijk' },
				answers: {},
				comments: {},
				status: 'submitted',
				step: 0,
				createdAt: at,
				updatedAt: at,
				submittedAt: at
			}));
			await store.replaceRound(roundId, { schemaVersion: SCHEMA_VERSION, roundId, invitations: [], responses });
		},
		async close() {
			await store.close();
			await rm(dir, { recursive: true, force: true });
		}
	};
}
export type TestStore = Awaited<ReturnType<typeof openTestStore>>;
