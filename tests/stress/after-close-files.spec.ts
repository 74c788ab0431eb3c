import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { JsonStore } from '$lib/server/store/json-store';
import { samenwerkingsscan2 } from '$lib/questionnaires';
import { commentField } from '$lib/model/survey-form';
import { itemIds, login, newDataDir, postForm, seed, startServer, submit, type Server } from './harness';

/**
 * DESIGN.md §6, "after close, nothing on disk links a person to a response", read the way an
 * operator with a copy of the data folder would: every file, whatever its kind (snapshots, their
 * `.bak`, journals, the audit log, published sets, comment reviews, sessions), parsed where it is
 * JSON or JSON lines. Wherever answers or comment texts are, no invitation id, respondent id,
 * response id, name or e-mail address may be in the same record; and a response of a closed
 * round keeps no profile at all.
 */

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Parsed = { file: string; kind: 'json' | 'jsonl' | 'text'; docs: Json[]; text: string };

/** Every file under the data folder, recursively, parsed as JSON, else as JSON lines, else kept as text. */
async function everyFile(dir: string): Promise<Parsed[]> {
	const out: Parsed[] = [];
	for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
		if (!e.isFile()) continue;
		const path = join(e.parentPath, e.name);
		const text = await readFile(path, 'utf8');
		const file = path.slice(dir.length + 1);
		try {
			out.push({ file, kind: 'json', docs: [JSON.parse(text) as Json], text });
			continue;
		} catch {
			/* not one JSON document */
		}
		try {
			const docs = text
				.split('\n')
				.filter(Boolean)
				.map((l) => JSON.parse(l) as Json);
			out.push({ file, kind: 'jsonl', docs, text });
		} catch {
			out.push({ file, kind: 'text', docs: [], text });
		}
	}
	return out;
}

const isObject = (v: Json): v is { [key: string]: Json } => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Every string in a value: keys and values alike. */
function stringsIn(v: Json, out: string[] = []): string[] {
	if (typeof v === 'string') out.push(v);
	else if (Array.isArray(v)) for (const x of v) stringsIn(x, out);
	else if (isObject(v))
		for (const [k, x] of Object.entries(v)) {
			out.push(k);
			stringsIn(x, out);
		}
	return out;
}

/** Every key in a value, at any depth. */
const keysOf = (v: Json): string[] =>
	Array.isArray(v) ? v.flatMap(keysOf) : isObject(v) ? Object.entries(v).flatMap(([k, x]) => [k, ...keysOf(x)]) : [];

/** Who answered, in any form: a profile (whole or coarsened) or its fields loose on the record. */
const PROFILE_KEYS = new Set(['profile', 'partnerId', 'partnerType', 'role', 'bodyIds']);

/**
 * What holds answers: an object with an `answers` map (a response, kept or not, in a snapshot,
 * backup or journal op), and a comment text (an element of a `comments` list with a `text`). Its
 * record is what sits with it: for a journal line or an audit line the whole line (an entry's
 * other ops are its siblings); in a document, the nearest list element around it, plus the plain
 * fields of every object above it (the round's id, a section's id, the review's status).
 */
type Holder = { file: string; path: string; holder: { [key: string]: Json }; context: string[] };

function holdersIn(p: Parsed): Holder[] {
	const found: Holder[] = [];
	const visit = (v: Json, path: string, record: Json, scalars: string[], underComments: boolean) => {
		if (Array.isArray(v)) {
			// Each element is a record of its own (in a document; a line is one record whole).
			v.forEach((x, i) => visit(x, `${path}[${i}]`, p.kind === 'jsonl' ? record : x, scalars, underComments));
			return;
		}
		if (!isObject(v)) return;
		const own = Object.entries(v).flatMap(([k, x]) =>
			typeof x === 'string' || typeof x === 'number' ? [k, String(x)] : []
		);
		const answers = isObject(v.answers ?? null);
		const comment = underComments && typeof v.text === 'string';
		if (answers || comment) found.push({ file: p.file, path, holder: v, context: [...scalars, ...stringsIn(record)] });
		for (const [k, x] of Object.entries(v)) visit(x, `${path}.${k}`, record, [...scalars, ...own], k === 'comments');
	};
	p.docs.forEach((doc, i) => visit(doc, p.kind === 'jsonl' ? `line ${i + 1}` : '', doc, [], false));
	return found;
}

/** The people and links of the data folder before the close: what must never sit with an answer. */
type People = {
	ids: Set<string>;
	names: string[];
	emails: string[];
	respondentIds: Set<string>;
	byRespondent: Map<string, { name: string; email: string }>;
};

/** Strings in `context` that name someone or a link: an id, name or address, or free text holding one. */
function namesIn(context: string[], people: People): string[] {
	const hits = new Set<string>();
	for (const s of context) {
		if (people.ids.has(s)) hits.add(s);
		// Names and addresses inside free text (a comment that signs off with a name).
		if (s.includes(' ') || s.includes('@'))
			for (const needle of [...people.names, ...people.emails]) if (s.includes(needle)) hits.add(needle);
	}
	return [...hits];
}

describe('after close, every file of the data folder keeps answers apart from people', () => {
	const INVITED = 40;
	const SUBMITTING = 28;
	const SAVING = 6;
	let dir: string;
	let data: Awaited<ReturnType<typeof seed>>;
	let people: People;
	let closedRoundIds: string[];
	/** Comment texts sent (submitted ones go to review; a draft's go nowhere). */
	const sent: { text: string; submitted: boolean }[] = [];
	let linkedRespondent: string;
	/** Every response id before the close (the demo's closed rounds and the round closed here). */
	const responseIds = new Set<string>();
	let files: Parsed[];

	const sections = samenwerkingsscan2.sections.map((s) => s.id);
	const answersOf = (i: number, withComment: boolean) => {
		const fields: Record<string, string> = Object.fromEntries(
			itemIds.map((id, j) => [id, String((i * 7 + j * 3) % 6)])
		);
		if (withComment) {
			const section = sections[i % sections.length];
			const text = `Toelichting nummer ${i}: de samenwerking in ${section} loopt, al kan het overleg korter.`;
			fields[commentField(section)] = text;
			sent.push({ text, submitted: i < SUBMITTING });
		}
		return fields;
	};

	const post = (server: Server, cookie: string, path: string, body: Record<string, string>) =>
		postForm(server.url, cookie, path, body);

	beforeAll(async () => {
		dir = await newDataDir('after-close');
		data = await seed(dir, INVITED);
		// The demo's closed rounds still hold their responses with ids: the first start closes them.
		const readIds = async () => {
			const store = await JsonStore.open({ dataDir: dir, log: () => undefined });
			try {
				const ids = new Set<string>();
				for (const r of store.network().respondents) ids.add(r.id);
				for (const round of store.network().rounds) {
					const state = await store.round(round.id);
					for (const inv of state?.invitations.values() ?? []) ids.add(inv.id);
					for (const r of state?.responses.values() ?? []) responseIds.add(r.id);
				}
				const respondents = store.network().respondents;
				return {
					ids,
					names: respondents.map((r) => r.name).filter((n) => n.length >= 3),
					emails: respondents.map((r) => r.email).filter(Boolean),
					respondentIds: new Set(respondents.map((r) => r.id)),
					byRespondent: new Map(respondents.map((r) => [r.id, { name: r.name, email: r.email }]))
				};
			} finally {
				await store.close();
			}
		};
		// Only for the response ids of the demo's rounds: its people are read again below.
		await readIds();

		// Answers through the real survey while the round is open; some only saved.
		let server = await startServer(dir);
		try {
			for (let i = 0; i < SUBMITTING + SAVING; i++) {
				const fields = answersOf(i, i % 3 === 0);
				const status =
					i < SUBMITTING
						? (await submit(server.url, data.tokens[i], fields)).status
						: await post(server, '', `/s/${data.tokens[i]}?/save`, fields);
				expect(status).toBe(303);
			}
		} finally {
			expect(await server.stop()).toBe(0);
		}
		people = await readIds();
		for (const id of responseIds) people.ids.add(id);

		// An admin obtains one person's link (the audit log names them), then closes the round by hand.
		server = await startServer(dir);
		try {
			const cookie = await login(server.url, data.admin.email, data.admin.password);
			const beheer = `/admin/rounds/${data.roundId}/beheer`;
			expect(await post(server, cookie, `${beheer}?/link`, { invitationId: 'inv-2' })).toBe(200);
			expect(await post(server, cookie, `${beheer}?/close`, { sure: 'ja' })).toBe(303);
		} finally {
			expect(await server.stop()).toBe(0);
		}
		files = await everyFile(dir);
		const network = JSON.parse(files.find((f) => f.file === 'network.json')!.text);
		closedRoundIds = network.rounds
			.filter((r: { status: string }) => r.status === 'closed')
			.map((r: { id: string }) => r.id);
		const audit = files.find((f) => f.file === 'audit.log')!.docs as { action: string; subject: string }[];
		linkedRespondent = audit.find((e) => e.action === 'link.obtained')!.subject;
	});

	afterAll(async () => {
		await rm(dir, { recursive: true, force: true });
	});

	const roundOf = (file: string) => /^rounds\/([^.]+)\./.exec(file)?.[1] ?? null;
	const holders = () => files.flatMap(holdersIn);

	it('closed the round by hand, and finds answers where they are kept', () => {
		expect(closedRoundIds).toContain(data.roundId);
		const own = holders().filter((h) => roundOf(h.file) === data.roundId);
		// The snapshot and its backup each keep every response; the review holds the comment texts.
		expect(own.filter((h) => h.file === `rounds/${data.roundId}.json` && 'answers' in h.holder)).toHaveLength(
			SUBMITTING + SAVING
		);
		expect(own.filter((h) => h.file === `rounds/${data.roundId}.comments.json`)).toHaveLength(
			sent.filter((s) => s.submitted).length
		);
		console.log(
			`[na sluiten] ${files.length} bestanden gelezen (${files.map((f) => `${f.file} [${f.kind}]`).join(', ')}); ` +
				`${holders().length} plekken met antwoorden of toelichtingen`
		);
	});

	it('finds no invitation id, respondent id, response id, name or e-mail with any answer or comment', () => {
		const bad = holders().flatMap((h) => {
			const hits = namesIn(h.context, people);
			return hits.length ? [`${h.file}${h.path}: ${hits.join(', ')}`] : [];
		});
		expect(bad).toEqual([]);
	});

	// The issue's requirement. Minimisation still keeps a coarsened profile on this branch, so this
	// one fails until the change that drops the profile altogether is merged.
	it('keeps no profile on any response of a closed round', () => {
		const profiled = holders()
			.filter((h) => 'answers' in h.holder && closedRoundIds.includes(roundOf(h.file) ?? ''))
			.filter((h) => keysOf(h.holder).some((k) => PROFILE_KEYS.has(k)))
			.map((h) => `${h.file}${h.path}: ${JSON.stringify(h.holder.profile)}`);
		expect(profiled.length, profiled.slice(0, 5).join('\n')).toBe(0);
	});

	it('names people only where no answers are, or in invitations that lead to no response', () => {
		const named: string[] = [];
		for (const f of files) {
			const round = roundOf(f.file);
			const holdsAnswers = holdersIn(f).length > 0;
			const hits = namesIn([f.text], people).length + [...people.ids].filter((id) => f.text.includes(`"${id}"`)).length;
			if (hits) named.push(`${f.file} (${hits}${holdsAnswers ? ', met antwoorden' : ''})`);
			if (!holdsAnswers) continue;
			expect(round, `${f.file} holds answers`).not.toBeNull();
			// A round's file keeps who was invited, apart from what was answered: with the
			// invitations left out, no one is named; and no invitation points at a response.
			for (const doc of f.docs) {
				if (isObject(doc) && Array.isArray(doc.invitations))
					for (const inv of doc.invitations) expect((inv as { responseId: Json }).responseId, f.file).toBeNull();
				const rest = isObject(doc) ? { ...doc, invitations: [] } : doc;
				expect(namesIn(stringsIn(rest), people), f.file).toEqual([]);
			}
		}
		console.log(`[na sluiten] bestanden die mensen of links noemen: ${named.join('; ')}`);
		// The key an invitation once held is gone from every file.
		expect(responseIds.size).toBeGreaterThan(SUBMITTING + SAVING);
		for (const f of files)
			expect(
				[...responseIds].filter((id) => f.text.includes(id)),
				`${f.file} keeps response ids`
			).toEqual([]);
	});

	it('lets the audit log name whose link was obtained, and nothing answered beside it', () => {
		const audit = files.find((f) => f.file === 'audit.log')!;
		expect(people.respondentIds.has(linkedRespondent)).toBe(true);
		expect(holdersIn(audit)).toEqual([]);
		const person = people.byRespondent.get(linkedRespondent)!;
		expect(audit.text).not.toContain(person.name);
		expect(audit.text).not.toContain(person.email);
		for (const s of sent) expect(audit.text).not.toContain(s.text);
	});

	it('keeps each comment text only in the review and its backup copy (a draft’s nowhere)', () => {
		const review = `rounds/${data.roundId}.comments.json`;
		for (const s of sent) {
			const where = files.filter((f) => f.text.includes(s.text)).map((f) => f.file);
			expect(where, s.text).toEqual(s.submitted ? [review, `${review}.bak`] : []);
		}
		// The review's backup is a second copy of the same version, never an earlier one (files.ts).
		const text = (file: string) => files.find((f) => f.file === file)!.text;
		expect(JSON.parse(text(`${review}.bak`))).toEqual(JSON.parse(text(review)));
	});
});
