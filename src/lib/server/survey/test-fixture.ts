import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '../store/json-store';
import type { Store } from '../store/store';
import { surveyToken } from '../tokens';
import { linkKey } from '../link-key';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { Invitation, Round } from '$lib/model/round';
import { samenwerkingsscan } from '$lib/questionnaires';
import { networkSchema, partnerSchema, respondentSchema } from '$lib/model/network';

/** A real JsonStore in a temp folder with one network and rounds in every state, for the survey specs. */

export const NOW = new Date('2026-11-15T10:00:00.000Z');
const DAY = 24 * 60 * 60 * 1000;
const at = (days: number) => new Date(NOW.getTime() + days * DAY).toISOString();

function round(id: string, status: Round['status'], opens: number, closes: number): Round {
	return {
		id,
		name: id.replace(/-/g, ' '),
		questionnaireId: samenwerkingsscan.id,
		questionnaireVersion: samenwerkingsscan.version,
		status,
		opensAt: at(opens),
		closesAt: at(closes),
		createdAt: at(opens - 7),
		closedAt: status === 'closed' ? at(closes) : null,
		minimisedAt: null
	};
}

export const rounds = {
	open: round('najaar-2026', 'open', -14, 28),
	other: round('extra-2026', 'open', -3, 20),
	closed: round('voorjaar-2026', 'closed', -200, -158),
	upcoming: round('voorjaar-2027', 'draft', 60, 100),
	overdue: round('zomer-2026', 'open', -60, -1)
};

export type Fixture = Awaited<ReturnType<typeof openFixture>>;

export async function openFixture() {
	const dir = await mkdtemp(join(tmpdir(), 'am-survey-'));
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	await store.updateNetwork((d) => {
		d.network = networkSchema.parse({ id: 'regio-test', name: 'Regio Test', contactEmail: 'team@regio-test.invalid' });
		d.partners = [
			partnerSchema.parse({
				id: 'zwolle',
				name: 'Gemeente Zwolle',
				type: 'gemeente',
				helix: 'overheid',
				isCentre: true
			})
		];
		d.bodies = [{ id: 'po-economie', name: 'PO Economie', kind: 'bestuurlijk', counterpartId: null }];
		d.respondents = Array.from({ length: 12 }, (_, i) =>
			respondentSchema.parse({
				id: `zwolle-${i + 1}`,
				partnerId: 'zwolle',
				name: `Persoon ${i + 1}`,
				email: `p${i + 1}@zwolle.invalid`,
				role: i % 2 ? 'ambtelijk' : 'bestuurlijk',
				bodyIds: ['po-economie']
			})
		);
		d.questionnaires = [samenwerkingsscan];
		d.rounds = Object.values(rounds);
	});
	// Tokens per round, by respondent index.
	const tokens: Record<keyof typeof rounds, string[]> = { open: [], other: [], closed: [], upcoming: [], overdue: [] };
	for (const [key, r] of Object.entries(rounds) as [keyof typeof rounds, Round][]) {
		const invitations: Invitation[] = store.network().respondents.map((resp, i) => {
			const id = `u-${key}-${i}`;
			const { token, tokenHash } = surveyToken(linkKey(), r.id, id);
			tokens[key].push(token);
			return {
				id,
				roundId: r.id,
				respondentId: resp.id,
				tokenHash,
				createdAt: r.opensAt,
				responseId: null,
				declinedAt: null
			};
		});
		await store.replaceRound(r.id, { schemaVersion: SCHEMA_VERSION, roundId: r.id, invitations, responses: [] });
	}
	const fixture = {
		dir,
		/** A spec may close it and open the folder again (a restart): close() closes the current one. */
		store,
		tokens,
		async close() {
			await fixture.store.close();
			await rm(dir, { recursive: true, force: true });
		}
	};
	return fixture;
}

/** FormData from a plain record; arrays repeat the field. */
export function formOf(fields: Record<string, string | string[]>): FormData {
	const form = new FormData();
	for (const [k, v] of Object.entries(fields)) for (const one of [v].flat()) form.append(k, one);
	return form;
}

/** Copies the fixture's network and rounds into another (empty) store: the same data on PostgreSQL. */
export async function copyInto(target: Store, from: Store): Promise<void> {
	const network = structuredClone(from.network());
	await target.updateNetwork((d) => Object.assign(d, network));
	for (const r of network.rounds) {
		const state = await from.round(r.id);
		if (state) await target.replaceRound(r.id, state.toFile());
	}
}
