/**
 * Small networks written straight into a data folder with the store's own API, so that a test
 * knows every respondent's profile and answers. A `closing` round is open with its closing date
 * just passed: the server closes it (publishes its snapshot, cuts the links) when it starts, as
 * tests/stress/closing.spec.ts does. An `open` round gets one invitation per person and no
 * responses; the test answers through the survey, with the tokens returned.
 */
import { SCHEMA_VERSION } from '$lib/model/ids';
import { bodySchema, networkSchema, partnerSchema, respondentSchema, type Role } from '$lib/model/network';
import type { Invitation, Round } from '$lib/model/round';
import { surveyResponseSchema, type SurveyResponse } from '$lib/model/response';
import { builtInQuestionnaires, samenwerkingsscan2 } from '$lib/questionnaires';
import { addUser } from '$lib/server/auth/users';
import { JsonStore } from '$lib/server/store/json-store';
import { surveyToken } from '$lib/server/tokens';
import { linkKey } from '$lib/server/link-key';
import { itemIds } from './harness';

export interface PersonSpec {
	partnerId: string;
	role: Role;
	bodyIds?: string[];
	/** Item id → 1..5, 0 for "weet niet"; absent is skipped. */
	answers: Record<string, number>;
	comments?: Record<string, string>;
}

export interface RoundSpec {
	id: string;
	state: 'closing' | 'open';
	people: PersonSpec[];
}

export interface NetworkSpec {
	partners: { id: string; type: string; helix: string; isCentre?: boolean; name?: string }[];
	bodies?: { id: string; kind: 'bestuurlijk' | 'ambtelijk' }[];
	k?: number;
	rounds: RoundSpec[];
}

export interface Crafted {
	viewer: { email: string; password: string };
	/** Per round: the people's survey tokens (open rounds only), in the order of `people`. */
	tokens: Record<string, string[]>;
	/** Per round: the responses as written (closing rounds only), in the order of `people`. */
	responses: Record<string, SurveyResponse[]>;
	partners: ReturnType<typeof partnerSchema.parse>[];
}

/** Answers to every item: person `i`'s own spread over the scale, unlike anyone else's. */
export const spreadAnswers = (i: number): Record<string, number> =>
	Object.fromEntries(itemIds.map((id, j) => [id, 1 + ((i * 3 + j * (1 + (i % 4))) % 5)]));

const DAY = 24 * 60 * 60 * 1000;
const pad = (i: number) => String(i).padStart(3, '0');

export async function writeNetwork(dataDir: string, spec: NetworkSpec, now = new Date()): Promise<Crafted> {
	const store = await JsonStore.open({ dataDir, log: () => undefined });
	try {
		const partners = spec.partners.map((p) => partnerSchema.parse({ name: `Partner ${p.id}`, ...p }));
		const bodies = (spec.bodies ?? []).map((b) => bodySchema.parse({ name: `Gremium ${b.id}`, ...b }));
		const respondents = spec.rounds.flatMap((round) =>
			round.people.map((p, i) =>
				respondentSchema.parse({
					id: `${round.id}-p${pad(i)}`,
					partnerId: p.partnerId,
					name: `Persoon ${i}`,
					role: p.role,
					bodyIds: p.bodyIds ?? []
				})
			)
		);
		const rounds: Round[] = spec.rounds.map((r, index) => {
			const opensAt = new Date(now.getTime() - (30 + index) * DAY);
			return {
				id: r.id,
				name: `Ronde ${r.id}`,
				questionnaireId: samenwerkingsscan2.id,
				questionnaireVersion: samenwerkingsscan2.version,
				status: 'open',
				opensAt: opensAt.toISOString(),
				closesAt: new Date(r.state === 'closing' ? now.getTime() - 60_000 : now.getTime() + 30 * DAY).toISOString(),
				createdAt: new Date(opensAt.getTime() - DAY).toISOString(),
				closedAt: null,
				minimisedAt: null
			};
		});
		await store.updateNetwork((d) => {
			d.network = networkSchema.parse({ id: 'proefnetwerk', name: 'Proefnetwerk', kAnonymity: spec.k ?? 5 });
			d.partners = partners;
			d.bodies = bodies;
			d.respondents = respondents;
			d.questionnaires = [...builtInQuestionnaires];
			d.rounds = rounds;
			d.users = [];
		});
		const out: Crafted = {
			viewer: { email: 'kijker@test.invalid', password: '' },
			tokens: {},
			responses: {},
			partners
		};
		for (const [index, r] of spec.rounds.entries()) {
			const opensAt = Date.parse(rounds[index].opensAt);
			const invitations: Invitation[] = [];
			const responses: SurveyResponse[] = [];
			const tokens: string[] = [];
			r.people.forEach((p, i) => {
				const { token, tokenHash } = surveyToken(linkKey(), r.id, `${r.id}-u${pad(i)}`);
				tokens.push(token);
				// Ids, timestamps and file order all follow the order of `people`: the order of submission.
				const at = new Date(opensAt + (i + 1) * 60_000).toISOString();
				const response =
					r.state === 'closing'
						? surveyResponseSchema.parse({
								id: `${r.id}-r${pad(i)}`,
								roundId: r.id,
								profile: { partnerId: p.partnerId, role: p.role, bodyIds: p.bodyIds ?? [] },
								answers: p.answers,
								comments: p.comments ?? {},
								status: 'submitted',
								step: samenwerkingsscan2.sections.length - 1,
								createdAt: at,
								updatedAt: at,
								submittedAt: at
							})
						: null;
				if (response) responses.push(response);
				invitations.push({
					id: `${r.id}-u${pad(i)}`,
					roundId: r.id,
					respondentId: `${r.id}-p${pad(i)}`,
					tokenHash,
					createdAt: rounds[index].opensAt,
					responseId: response?.id ?? null,
					declinedAt: null
				});
			});
			await store.replaceRound(r.id, { schemaVersion: SCHEMA_VERSION, roundId: r.id, invitations, responses });
			if (r.state === 'open') out.tokens[r.id] = tokens;
			else out.responses[r.id] = responses;
		}
		const viewer = await addUser(store, out.viewer.email, 'viewer');
		out.viewer.password = viewer.password;
		return out;
	} finally {
		await store.close();
	}
}
