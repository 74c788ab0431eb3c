import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { Role } from '$lib/model/network';
import type { ClosedResponse, Profile, SurveyResponse } from '$lib/model/response';
import { roles } from '$lib/model/network';
import { linkageModel, suppressLinkable } from './linkage';
import {
	answerAll,
	bodies,
	makeQuestionnaire,
	makeResponse,
	partners,
	publishedSnapshotOf,
	seeded
} from './test-fixtures';
import { bruteForce } from './linkage.test-attacker';

const q = makeQuestionnaire(2);
const items = q.sections.flatMap((s) => s.items.map((i) => i.id));
const kept = (rs: readonly SurveyResponse[]): ClosedResponse[] =>
	rs.map(({ answers, status }) => ({ answers, status }));

describe('linkageModel', () => {
	// k = 3. Nine at Zwolle, nine at Kampen; three of Zwolle's sit in PHO Economie, one of them bestuurlijk.
	const people: { partnerId: string; role: Role; bodyIds: string[] }[] = [
		...Array.from({ length: 9 }, (_, i) => ({
			partnerId: 'zwolle',
			role: (i === 0 ? 'bestuurlijk' : 'ambtelijk') as Role,
			bodyIds: i < 3 ? ['pho-economie'] : []
		})),
		...Array.from({ length: 9 }, (_, i) => ({
			partnerId: 'kampen',
			role: (i < 3 ? 'bestuurlijk' : 'ambtelijk') as Role,
			bodyIds: []
		}))
	];
	const ps = partners.filter((p) => ['zwolle', 'kampen'].includes(p.id));
	// Person 0 alone chose 1 on the first item (so: PHO Economie, all its holders are there) and
	// 5 on the second, which nobody ambtelijk chose: PHO Economie and bestuurlijk is person 0.
	const responses = people.map((p, i) =>
		makeResponse(
			p,
			answerAll(q, (id) =>
				id === items[0] ? (i === 0 ? 1 : 3) : id === items[1] ? (p.role === 'bestuurlijk' ? 5 : 3) : 3
			)
		)
	);
	const snapshot = publishedSnapshotOf(responses, q, { k: 3, partners: ps, bodies });

	it('narrows a response with rare values to the invitees the tallies leave, as an independent attacker does', () => {
		const model = linkageModel(snapshot, ps, people);
		expect(model.candidates(responses[0].answers)).toBe(1);
		expect(bruteForce(snapshot, ps, people, responses[0].answers, new Set())).toEqual([0]);
		for (const [i, r] of responses.entries())
			expect(model.candidates(r.answers), `persoon ${i}`).toBe(
				bruteForce(snapshot, ps, people, r.answers, new Set()).length
			);
	});

	it('removes answers until every kept response has k or more candidates, and leaves the rest as they were', () => {
		const model = linkageModel(snapshot, ps, people);
		const { responses: out, removedAnswers, changedResponses } = suppressLinkable(kept(responses), model, 3);
		expect(removedAnswers).toBeGreaterThan(0);
		expect(changedResponses).toBeGreaterThan(0);
		const ignore = model.unreliableSkips(out);
		for (const [i, r] of out.entries()) {
			expect(bruteForce(snapshot, ps, people, r.answers, ignore).length, `persoon ${i}`).toBeGreaterThanOrEqual(3);
			// Only answers were taken away, none changed.
			for (const [item, v] of Object.entries(r.answers)) expect(v).toBe(responses[i].answers[item]);
		}
		expect(out.filter((r, i) => r !== kept(responses)[i] && Object.keys(r.answers).length < items.length).length).toBe(
			changedResponses
		);
		// Run again (as an erasure does): nothing more goes.
		expect(suppressLinkable(out, model, 3).removedAnswers).toBe(0);
	});

	it('leaves drafts alone: they are in no tally', () => {
		const model = linkageModel(snapshot, ps, people);
		const draft: ClosedResponse = { answers: responses[0].answers, status: 'draft' };
		expect(suppressLinkable([draft], model, 3).responses[0]).toBe(draft);
	});
});

describe('suppressLinkable on random networks', () => {
	it('leaves no submitted response tied to fewer than k invitees by the independent attacker', () => {
		const ps = partners.slice(0, 4);
		fc.assert(
			fc.property(fc.integer({ min: 1, max: 2 ** 31 - 1 }), fc.integer({ min: 8, max: 30 }), (seed, size) => {
				const rng = seeded(seed);
				const pick = <T>(xs: readonly T[]) => xs[Math.floor(rng() * xs.length)];
				const people: Profile[] = Array.from({ length: size }, () => ({
					partnerId: pick(ps).id,
					role: pick(roles),
					bodyIds: rng() < 0.3 ? [pick(bodies).id] : []
				}));
				// Skewed answers, some skipped and some "weet niet", so rare values occur.
				const responses = people.map((p) => {
					const answers: Record<string, number> = {};
					for (const id of items) {
						const x = rng();
						if (x < 0.1) continue;
						answers[id] = x < 0.15 ? 0 : x < 0.8 ? 3 : 1 + Math.floor(rng() * 5);
					}
					return makeResponse(p, answers, {}, rng() < 0.9 ? 'submitted' : 'draft');
				});
				const snapshot = publishedSnapshotOf(responses, q, { k: 3, partners: ps, bodies });
				const model = linkageModel(snapshot, ps, people);
				const { responses: out } = suppressLinkable(kept(responses), model, 3);
				const ignore = model.unreliableSkips(out);
				out.forEach((r, i) => {
					if (r.status !== 'submitted') return;
					const found = bruteForce(snapshot, ps, people, r.answers, ignore);
					expect(found.length, `seed ${seed}, persoon ${i}`).toBeGreaterThanOrEqual(3);
				});
			}),
			{ numRuns: 60 }
		);
	});
});
