import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { buildDemo } from '$lib/server/demo/build';
import { scaleUpResponses } from '$lib/server/demo/scale-up';
import { newSurveyToken } from '$lib/server/tokens';
import { addUser } from '$lib/server/auth/users';
import { SCHEMA_VERSION } from '$lib/model/ids';
import type { Invitation } from '$lib/model/round';

export const benchDemo = buildDemo({ now: new Date() });
export const closedRounds = benchDemo.rounds.filter((r) => r.round.status === 'closed');
export const openRound = benchDemo.rounds.find((r) => r.round.status === 'open')!;
export const baseResponses = closedRounds.at(-1)!.responses;

export type BenchData = { dir: string; tokens: string[]; admin: { email: string; password: string }; pastRoundIds: string[] };

/**
 * A data folder with the demo network; the open round holds `responses` responses plus
 * `invitations` fresh invitations whose tokens are returned, and `pastRounds` extra closed
 * rounds of `pastSize` responses each lie on disk.
 */
export async function makeDataDir(
	responses: number,
	pastRounds = 0,
	options: { invitations?: number; pastSize?: number } = {}
): Promise<BenchData> {
	const { invitations = 0, pastSize = 10_000 } = options;
	const dir = await mkdtemp(join(tmpdir(), 'am-bench-'));
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	const past = Array.from({ length: pastRounds }, (_, i) => ({
		...closedRounds[0].round,
		id: `archief-${i + 1}`,
		name: `Archief ${i + 1}`
	}));
	await store.updateNetwork((d) => {
		d.network = benchDemo.network;
		d.partners = benchDemo.partners;
		d.bodies = benchDemo.bodies;
		d.respondents = benchDemo.respondents;
		d.questionnaires = benchDemo.questionnaires;
		d.rounds = [...benchDemo.rounds.map((r) => r.round), ...past];
	});
	const tokens: string[] = [];
	const fresh: Invitation[] = [];
	for (let i = 0; i < invitations; i++) {
		const { token, tokenHash } = newSurveyToken(openRound.round.id);
		tokens.push(token);
		fresh.push({
			id: `bench-inv-${i}`,
			roundId: openRound.round.id,
			respondentId: benchDemo.respondents[i % benchDemo.respondents.length].id,
			tokenHash,
			createdAt: openRound.round.opensAt,
			responseId: null
		});
	}
	for (const r of benchDemo.rounds) {
		const isOpen = r === openRound;
		await store.replaceRound(r.round.id, {
			schemaVersion: SCHEMA_VERSION,
			roundId: r.round.id,
			invitations: isOpen ? [...r.invitations, ...fresh] : r.invitations,
			responses: isOpen ? scaleUpResponses(baseResponses, responses, r.round.id) : r.responses
		});
	}
	for (const p of past)
		await store.replaceRound(p.id, {
			schemaVersion: SCHEMA_VERSION,
			roundId: p.id,
			invitations: [],
			responses: scaleUpResponses(baseResponses, pastSize, p.id, 11)
		});
	const admin = await addUser(store, 'bench@bench.invalid', 'admin');
	await store.close();
	return { dir, tokens, admin: { email: admin.user.email, password: admin.password }, pastRoundIds: past.map((p) => p.id) };
}
