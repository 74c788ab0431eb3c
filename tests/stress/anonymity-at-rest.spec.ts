import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { computeSnapshot } from '$lib/server/closing';
import { domainContext } from '$lib/server/context';
import { addUser } from '$lib/server/auth/users';
import { surveyToken } from '$lib/server/tokens';
import { linkKey } from '$lib/server/link-key';
import { mulberry32 } from '$lib/server/demo/random';
import { SCHEMA_VERSION } from '$lib/model/ids';
import { networkSchema, partnerSchema, respondentSchema, type Partner, type Role } from '$lib/model/network';
import type { Profile } from '$lib/model/response';
import type { PublishedSnapshot } from '$lib/model/published';
import type { Invitation, Round } from '$lib/model/round';
import { samenwerkingsscan2 } from '$lib/questionnaires';
import { bruteForce } from '$lib/analysis/linkage.test-attacker';
import { itemIds, newDataDir, seed, startServer, submit } from './harness';

/**
 * The attacker of DESIGN.md §6's last sentence: someone holding a copy of DATA_DIR (and so the
 * respondent list in network.json) after a round closed by its date. For every response kept in
 * any file, they compute the named invitees it could be from, with everything on disk: a profile
 * if one was kept (none may be), moments, ids, the order of the files. Every such set must hold k
 * people or more — on a crafted network whose profiles, as copied at the first save, would single
 * out one person and several pairs, and on the demo.
 *
 * Then the published tallies (also on disk) beside the stored answers: a value that only one
 * cell's members chose places a response in that cell. Closing removes the answers that would let
 * this narrow a response below k (linkage.ts); the attacker here is written apart from it.
 */

type Files = Map<string, string>;
type Stored = { file: string; record: Record<string, unknown> };

/** Every file of the data folder, by its path inside it. */
async function everyFile(dir: string): Promise<Files> {
	const out: Files = new Map();
	for (const e of await readdir(dir, { withFileTypes: true, recursive: true }))
		if (e.isFile()) {
			const path = join(e.parentPath, e.name);
			out.set(path.slice(dir.length + 1), await readFile(path, 'utf8'));
		}
	return out;
}

const roundFiles = (files: Files, roundId: string) =>
	[...files].filter(([f]) => f.startsWith(`rounds/${roundId}.`) && !f.includes('.published.'));

/** Anything in the round's files that holds answers: responses, kept responses, journal ops. */
function storedResponses(files: Files, roundId: string): Stored[] {
	const found: Stored[] = [];
	const take = (file: string, list: unknown) => {
		if (Array.isArray(list)) for (const record of list) found.push({ file, record });
	};
	for (const [file, text] of roundFiles(files, roundId)) {
		if (file.endsWith('.log')) {
			for (const line of text.split('\n').filter(Boolean))
				for (const op of JSON.parse(line)) {
					if (op.t === 'response') take(file, [op.v]);
					if (op.t === 'minimise') take(file, op.v);
				}
		} else if (file.endsWith('.json') || file.endsWith('.json.bak')) {
			const data = JSON.parse(text);
			take(file, data.responses);
			take(file, data.closedResponses);
		}
	}
	return found;
}

/** A full profile as a key: partner, role and bodies. */
const profileKey = (p: Profile) => JSON.stringify([p.partnerId, p.role, [...p.bodyIds].sort()]);

const ISO = /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z/g;
const answersKey = (answers: unknown) =>
	JSON.stringify(
		Object.entries(answers as Record<string, unknown>)
			.map(([k, v]) => [k, String(v)])
			.sort(([a], [b]) => a.localeCompare(b))
	);

/**
 * What the attacker knows of one round's people: the named invitees (invited in any of the
 * round's files, still on the list) with their profiles and moments.
 */
function attackerView(files: Files, roundId: string) {
	const network = JSON.parse(files.get('network.json')!);
	const partners: Partner[] = network.partners;
	const k: number = JSON.parse(files.get(`rounds/${roundId}.published.json`)!).snapshot.k;
	const people = new Map<string, { profile: Profile; moments: number[] }>(
		network.respondents.map((r: Profile & { id: string; lastInvitedAt: string | null; createdAt: string | null }) => [
			r.id,
			{
				profile: { partnerId: r.partnerId, role: r.role, bodyIds: r.bodyIds },
				moments: [r.lastInvitedAt, r.createdAt].filter((t): t is string => !!t).map(Date.parse)
			}
		])
	);
	const invitations: { respondentId: string; responseId: string | null }[] = [];
	for (const [file, text] of roundFiles(files, roundId))
		if (!file.endsWith('.log'))
			for (const inv of JSON.parse(text).invitations ?? []) {
				invitations.push(inv);
				people.get(inv.respondentId)?.moments.push(Date.parse(inv.createdAt));
			}
	for (const line of (files.get('audit.log') ?? '').split('\n').filter(Boolean)) {
		const e = JSON.parse(line);
		people.get(e.subject)?.moments.push(Date.parse(e.at));
	}
	const invitees = [...new Set(invitations.map((i) => i.respondentId))].filter((id) => people.has(id));
	const stored = storedResponses(files, roundId);
	return { network, partners, k, people, invitations, invitees, stored };
}

/**
 * For every stored response, the named invitees it could be from: by id (an invitation that
 * names it), by profile (if one was kept: the invitees with that profile), and by moments (an
 * invitation, a person or an audit line within five minutes of a moment in the response).
 */
function attack(files: Files, roundId: string) {
	const view = attackerView(files, roundId);
	return view.stored.map(({ file, record }) => {
		let candidates = new Set(view.invitees);
		const narrow = (keep: (id: string) => boolean) => (candidates = new Set([...candidates].filter(keep)));
		if (typeof record.id === 'string')
			for (const inv of view.invitations) if (inv.responseId === record.id) narrow((id) => id === inv.respondentId);
		const stored = record.profile ? profileKey(record.profile as Profile) : '(geen profiel)';
		if (record.profile) narrow((id) => profileKey(view.people.get(id)!.profile) === stored);
		const moments = (JSON.stringify(record).match(ISO) ?? []).map(Date.parse);
		if (moments.length)
			narrow((id) => view.people.get(id)!.moments.some((t) => moments.some((m) => Math.abs(m - t) < 5 * 60_000)));
		return { file, record, stored, candidates, k: view.k };
	});
}

/**
 * The published tallies against the stored answers (linkage.test-attacker.ts: a value none in a
 * cell chose keeps a response out of it; one whose holders in a cell known to hold the response
 * are all in a cell inside it puts it there, until nothing follows). Skips of an item that the
 * stored responses skip more often than the published network does are ignored: some of those
 * are answers that closing removed.
 */
function tallyAttack(files: Files, roundId: string) {
	const view = attackerView(files, roundId);
	const published = JSON.parse(files.get(`rounds/${roundId}.published.json`)!).snapshot as PublishedSnapshot;
	const profiles = view.invitees.map((id) => view.people.get(id)!.profile);
	const kept = storedResponses(files, roundId).filter(
		({ file, record }) => file === `rounds/${roundId}.json` && record.status === 'submitted'
	);
	const all = published.cells.find((c) => c.cell.dimension === 'all')!;
	const ignore = new Set(
		published.itemIds.filter((item) => {
			const it = all.items[item];
			if (!it?.released || !all.n.released) return false;
			const skips = all.n.n - it.counts.reduce((a, b) => a + b, 0) - it.dontKnow;
			return kept.filter(({ record }) => !(item in (record.answers as object))).length > skips;
		})
	);
	return kept.map(({ record }) => ({
		record,
		candidates: bruteForce(published, view.partners, profiles, record.answers as Record<string, number>, ignore),
		k: view.k
	}));
}

const summary = (sizes: number[], k: number) =>
	`kleinste ${Math.min(...sizes)}, ${sizes.filter((s) => s < k).length} van de ${sizes.length} onder k, ` +
	`${sizes.filter((s) => s === 1).length} bij één persoon`;

type Truth = { answers: Record<string, number>; profile: string }[];

/** The round's files before close: what could join a response to a person then. */
async function beforeClose(dir: string, roundIds: string[]) {
	const responseIds = new Set<string>();
	const moments = new Set<string>();
	/** Per round: each response's answers with the full profile it had. */
	const truth = new Map<string, Truth>();
	const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
	// A response saved at the very end says no more than the round's own closing time.
	const roundTimes = new Set(store.network().rounds.flatMap((r) => [r.opensAt, r.closesAt, r.createdAt, r.closedAt]));
	try {
		for (const id of roundIds) {
			const byAnswers: Truth = [];
			for (const r of (await store.round(id))!.responses.values()) {
				responseIds.add(r.id);
				for (const t of [r.createdAt, r.updatedAt, r.submittedAt]) if (t && !roundTimes.has(t)) moments.add(t);
				byAnswers.push({ answers: r.answers, profile: profileKey(r.profile) });
			}
			truth.set(id, byAnswers);
		}
	} finally {
		await store.close();
	}
	return { responseIds, moments, truth };
}

/** Closes by date at start-up (as in closing.spec.ts), then stops: the files are at rest. */
async function closeAtStartUp(dir: string) {
	const server = await startServer(dir);
	expect(await server.stop()).toBe(0);
	return everyFile(dir);
}

function expectNothingJoins(files: Files, before: Awaited<ReturnType<typeof beforeClose>>) {
	for (const [file, text] of files) {
		for (const id of before.responseIds) expect(text.includes(id), `${file} has ${id}`).toBe(false);
		for (const t of before.moments) expect(text.includes(t), `${file} has ${t}`).toBe(false);
	}
	for (const [file, text] of files) {
		if (file.endsWith('.log') && file.startsWith('rounds/')) expect(text, file).toBe('');
		if (/^rounds\/[^.]+\.json(\.bak)?$/.test(file))
			for (const inv of JSON.parse(text).invitations) expect(inv.responseId, file).toBeNull();
	}
	expect([...files.keys()].filter((f) => f.endsWith('.tmp'))).toEqual([]);
}

/** Every stored response of the round: k or more candidates, among them someone with the true profile. */
function expectEveryResponseHidden(files: Files, roundId: string, truth: Truth, label: string) {
	const view = attackerView(files, roundId);
	const results = attack(files, roundId);
	expect(results.length).toBeGreaterThan(0);
	for (const r of results) {
		expect(r.record, r.file).not.toHaveProperty('profile');
		expect(r.candidates.size, `${r.file}: ${r.stored}`).toBeGreaterThanOrEqual(r.k);
		// And the set is right: the author is in it.
		// Its author: a response with these answers (closing may have removed some of them).
		const kept = Object.entries(r.record.answers as Record<string, number>);
		const own = truth.filter((t) => kept.every(([item, v]) => t.answers[item] === v)).map((t) => t.profile);
		expect(
			[...r.candidates].some((id) => own.includes(profileKey(view.people.get(id)!.profile))),
			`${r.file}: ${r.stored}`
		).toBe(true);
	}
	const sizes = results.map((r) => r.candidates.size);
	console.log(
		`[anonimiteit] ${label}: ${view.invitees.length} genodigden, k = ${view.k}, ${results.length} bewaarde antwoorden ` +
			`(in bestand en .bak). Mogelijke personen per antwoord: ${summary(sizes, view.k)}.`
	);
	return results;
}

/** Every kept response: k or more invitees even with the published tallies beside it. */
function expectTalliesTieNone(files: Files, roundId: string, truth: Truth, label: string) {
	const results = tallyAttack(files, roundId);
	const stored = JSON.parse(files.get(`rounds/${roundId}.json`)!).closedResponses as { answers: object }[];
	const answers = stored.reduce((n, r) => n + Object.keys(r.answers).length, 0);
	console.log(
		`[anonimiteit] ${label}, met de gepubliceerde tellingen erbij: ${summary(
			results.map((r) => r.candidates.length),
			results[0]?.k ?? 0
		)}; ${truth.reduce((n, t) => n + Object.keys(t.answers).length, 0) - answers} van de ${truth.reduce(
			(n, t) => n + Object.keys(t.answers).length,
			0
		)} antwoorden weggelaten.`
	);
	for (const r of results) expect(r.candidates.length, label).toBeGreaterThanOrEqual(r.k);
}

describe('a crafted network: after close, no response is tied to fewer than k people', () => {
	const K = 5;
	const ROUND = 'najaar-2026';
	const DAY = 24 * 60 * 60 * 1000;
	const partners: Partner[] = [
		{ id: 'zwolle', name: 'Gemeente Zwolle', type: 'gemeente', helix: 'overheid', isCentre: true },
		{ id: 'kampen', name: 'Gemeente Kampen', type: 'gemeente', helix: 'overheid' },
		{ id: 'windesheim', name: 'Windesheim', type: 'onderwijs', helix: 'onderwijs' },
		{ id: 'sbb', name: 'SBB', type: 'sbb', helix: 'onderwijs' },
		{ id: 'overijssel', name: 'Provincie Overijssel', type: 'provincie', helix: 'overheid' }
	].map((p) => partnerSchema.parse(p));
	/** Groups of people alike in profile: the ones of 1 and 2 are who the plain profiles give away. */
	const groups: { partnerId: string; role: Role; bodyIds: string[]; n: number }[] = [
		{ partnerId: 'zwolle', role: 'ambtelijk', bodyIds: ['ao-economie'], n: 6 },
		{ partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: ['pho-economie'], n: 2 },
		{ partnerId: 'zwolle', role: 'bestuurlijk', bodyIds: [], n: 1 },
		{ partnerId: 'kampen', role: 'ambtelijk', bodyIds: [], n: 2 },
		{ partnerId: 'kampen', role: 'bestuurlijk', bodyIds: ['pho-economie'], n: 1 },
		{ partnerId: 'windesheim', role: 'directie', bodyIds: [], n: 3 },
		{ partnerId: 'sbb', role: 'directie', bodyIds: [], n: 2 },
		{ partnerId: 'overijssel', role: 'bestuurlijk', bodyIds: ['pho-economie'], n: 1 }
	];
	type Person = {
		profile: Profile;
		token: string;
		answers: Record<string, string>;
		does: 'submit' | 'save' | 'nothing';
	};

	let dir: string;
	const people: Person[] = [];
	let expected: PublishedSnapshot;
	let before: Awaited<ReturnType<typeof beforeClose>>;
	let files: Files;

	/** Writes the network with one open round, everyone invited once. */
	async function craft() {
		const opensAt = new Date(Date.now() - 10 * DAY).toISOString();
		const round: Round = {
			id: ROUND,
			name: 'Najaar 2026',
			questionnaireId: samenwerkingsscan2.id,
			questionnaireVersion: samenwerkingsscan2.version,
			status: 'open',
			opensAt,
			closesAt: new Date(Date.now() + 10 * DAY).toISOString(),
			createdAt: opensAt,
			closedAt: null,
			minimisedAt: null
		};
		const respondents = groups.flatMap((g, gi) =>
			Array.from({ length: g.n }, (_, i) =>
				respondentSchema.parse({
					id: `deelnemer-${gi}-${i}`,
					name: `Persoon ${gi}.${i}`,
					email: `p${gi}.${i}@test.invalid`,
					...g,
					lastInvitedAt: opensAt,
					createdAt: opensAt
				})
			)
		);
		const rng = mulberry32(20261115);
		const invitations: Invitation[] = respondents.map((r, i) => {
			const { token, tokenHash } = surveyToken(linkKey(), ROUND, `uitnodiging-${i}`);
			people.push({
				profile: { partnerId: r.partnerId, role: r.role, bodyIds: r.bodyIds },
				token,
				// Each person's own answers (the first two items tell them apart).
				answers: Object.fromEntries(
					itemIds.map((id, j) => [
						id,
						String(j === 0 ? (i % 5) + 1 : j === 1 ? Math.floor(i / 5) + 1 : 1 + Math.floor(rng() * 5))
					])
				),
				does: i === 3 ? 'save' : i === 12 ? 'nothing' : 'submit'
			});
			return {
				id: `uitnodiging-${i}`,
				roundId: ROUND,
				respondentId: r.id,
				tokenHash,
				createdAt: opensAt,
				responseId: null,
				declinedAt: null
			};
		});
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		try {
			await store.updateNetwork((d) => {
				d.network = networkSchema.parse({ id: 'regio-aanval', name: 'Regio Aanval', kAnonymity: K });
				d.partners = partners;
				d.bodies = [
					{ id: 'pho-economie', name: 'PHO Economie', kind: 'bestuurlijk', counterpartId: 'ao-economie' },
					{ id: 'ao-economie', name: 'AO Economie', kind: 'ambtelijk', counterpartId: 'pho-economie' }
				];
				d.respondents = respondents;
				d.questionnaires = [samenwerkingsscan2];
				d.rounds = [round];
			});
			await store.replaceRound(ROUND, { schemaVersion: SCHEMA_VERSION, roundId: ROUND, invitations, responses: [] });
			await addUser(store, 'beheer@test.invalid', 'admin');
		} finally {
			await store.close();
		}
	}

	beforeAll(async () => {
		dir = await newDataDir('anonymity');
		await craft();
		// Answers through the real survey while the round is open; one saves without sending.
		const open = await startServer(dir);
		try {
			for (const p of people) {
				if (p.does === 'nothing') continue;
				const res =
					p.does === 'submit'
						? await submit(open.url, p.token, p.answers)
						: await fetch(`${open.url}/s/${p.token}?/save`, {
								method: 'POST',
								redirect: 'manual',
								headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html' },
								body: new URLSearchParams(p.answers).toString()
							});
				expect(res.status).toBe(303);
			}
		} finally {
			expect(await open.stop()).toBe(0);
		}
		before = await beforeClose(dir, [ROUND]);
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		try {
			expected = (await computeSnapshot(domainContext(store, null), ROUND)).snapshot;
			// Its closing date passes while the server is down.
			await store.updateNetwork((d) => void (d.rounds[0].closesAt = new Date(Date.now() - 60_000).toISOString()));
		} finally {
			await store.close();
		}
		files = await closeAtStartUp(dir);
	});

	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('closed the round, and its published set is the one computed from the full profiles', () => {
		const network = JSON.parse(files.get('network.json')!);
		expect(network.rounds[0]).toMatchObject({ status: 'closed' });
		expect(network.rounds[0].minimisedAt).not.toBeNull();
		expect(JSON.parse(files.get(`rounds/${ROUND}.published.json`)!).snapshot).toEqual(expected);
	});

	it('keeps no response id, no moment of a response, and no link in any file', () => {
		expect(before.responseIds.size).toBe(people.length - 1);
		expectNothingJoins(files, before);
	});

	it('leaves every stored response k or more named people it could be from (figures in the output)', () => {
		const results = expectEveryResponseHidden(files, ROUND, before.truth.get(ROUND)!, 'opgezet netwerk');
		expect(results).toHaveLength(2 * (people.length - 1)); // the snapshot and its backup
		const plain = people.map((p) => people.filter((q) => profileKey(q.profile) === profileKey(p.profile)).length);
		console.log(
			`[anonimiteit] opgezet netwerk, met de profielen zoals ze waren: kleinste groep ${Math.min(...plain)}, ` +
				`${plain.filter((n) => n < K).length} van de ${plain.length} mensen in een groep kleiner dan k.`
		);
		expect(Math.min(...plain)).toBe(1);
	});

	it('lists the stored responses in an order of their own', () => {
		const roundFile = JSON.parse(files.get(`rounds/${ROUND}.json`)!);
		const authorOf = new Map(people.map((p, i) => [answersKey(p.answers), i]));
		const order = roundFile.closedResponses.map((r: { answers: object }) => authorOf.get(answersKey(r.answers))!);
		expect(order).toHaveLength(people.length - 1);
		expect(order).not.toEqual([...order].sort((a: number, b: number) => a - b));
		// Spearman's rank correlation between the file's order and the invitations' order.
		const ranks = [...order].sort((a: number, b: number) => a - b);
		const d2 = order.reduce((s: number, v: number, i: number) => s + (ranks.indexOf(v) - i) ** 2, 0);
		const n = order.length;
		console.log(
			`[anonimiteit] volgorde in het bestand tegen die van de uitnodigingen: ρ = ${(1 - (6 * d2) / (n * (n * n - 1))).toFixed(2)} (n = ${n})`
		);
	});

	it('leaves every kept response k or more named people with the published tallies beside it', () => {
		expectTalliesTieNone(files, ROUND, before.truth.get(ROUND)!, 'opgezet netwerk');
	});
});

describe('the demo: after its rounds close, no response is tied to fewer than k people', () => {
	let dir: string;
	let closed: string[];
	let before: Awaited<ReturnType<typeof beforeClose>>;
	let files: Files;

	beforeAll(async () => {
		dir = await newDataDir('anonymity-demo');
		await seed(dir, 5);
		const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
		closed = store
			.network()
			.rounds.filter((r) => r.status === 'closed')
			.map((r) => r.id);
		await store.close();
		// Written closed but not yet published: the first start closes them, as the close job does.
		before = await beforeClose(dir, closed);
		files = await closeAtStartUp(dir);
	});

	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	it('keeps no response id, no moment of a response, and no link in any file', () => {
		expect(before.responseIds.size).toBeGreaterThan(300);
		expectNothingJoins(files, before);
	});

	it('leaves every stored response of every closed round k or more named people (figures in the output)', () => {
		for (const id of closed) {
			expectEveryResponseHidden(files, id, before.truth.get(id)!, `demo ${id}`);
			expectTalliesTieNone(files, id, before.truth.get(id)!, `demo ${id}`);
		}
	});
});
