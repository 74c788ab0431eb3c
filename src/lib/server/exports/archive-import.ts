/**
 * Reading a round's archive (`ronde.json`, model/round-archive.ts) into this installation, so
 * that its dashboard shows what the exporting installation showed: the dashboard reads only the
 * published snapshot, the published comments and the centre's name, and all three come along.
 * The round arrives closed, published and minimised, without invitations (the people stayed
 * where they were). The installation may hold anything else; only clashes are refused: a round
 * with the same id, or the same questionnaire version with other content. Admin only, audited.
 */
import { randomBytes, randomInt } from 'node:crypto';
import { isDeepStrictEqual } from 'node:util';
import { error } from '@sveltejs/kit';
import type { DomainContext } from '../context';
import * as audit from '../audit';
import * as questionnaires from '../questionnaires';
import { jsonPathText, parseJsonWithPositions, type JsonPath } from '../json-positions';
import { RESERVED_ROUND_IDS } from '../round-drafts';
import { UPLOAD_LIMIT } from '../http/body-limit';
import { parsePublishedFile, type CommentsFile, type NetworkFile, type PublishedFile } from '../store/files';
import { SCHEMA_VERSION } from '$lib/model/ids';
import { partnerSchema } from '$lib/model/network';
import { questionnaireKey, questionnaireSchema, type Questionnaire } from '$lib/model/questionnaire';
import type { ImportProblem } from '$lib/model/questionnaire-admin';
import type { ClosedResponse } from '$lib/model/response';
import type { Round } from '$lib/model/round';
import { roundArchiveSchema, type RoundArchive } from '$lib/model/round-archive';
import { dutchIssues } from '$lib/model/zod-nl';

export type ArchiveImportOutcome =
	{ ok: true; round: { id: string; name: string } } | { ok: false; problems: ImportProblem[] };

/** A broken file of 10,000 responses must not answer with 10,000 lines. */
const MAX_PROBLEMS = 25;

const whole = (message: string): ImportProblem => ({ line: null, column: null, path: null, where: null, message });

/** Imports run one at a time, so that "no round with this id yet" still holds when it is written. */
let queue: Promise<unknown> = Promise.resolve();

export async function importArchive(ctx: DomainContext, source: Uint8Array | string): Promise<ArchiveImportOutcome> {
	if (ctx.actor?.role !== 'admin') error(403, { message: 'Hiervoor zijn beheerrechten nodig.' });
	const run = queue.then(() => importNow(ctx, source));
	queue = run.catch(() => undefined);
	return run;
}

async function importNow(ctx: DomainContext, source: Uint8Array | string): Promise<ArchiveImportOutcome> {
	const refused = (problems: ImportProblem[]): ArchiveImportOutcome => ({
		ok: false,
		problems:
			problems.length > MAX_PROBLEMS
				? [
						...problems.slice(0, MAX_PROBLEMS),
						whole(`En nog ${problems.length - MAX_PROBLEMS} fouten van dezelfde soort.`)
					]
				: problems
	});
	const size = typeof source === 'string' ? new TextEncoder().encode(source).length : source.length;
	if (size > UPLOAD_LIMIT)
		return refused([
			whole(`Het bestand is te groot (${Math.ceil(size / 1024)} KB; hooguit ${UPLOAD_LIMIT / 1024} KB).`)
		]);
	let text: string;
	try {
		text = typeof source === 'string' ? source : new TextDecoder('utf-8', { fatal: true }).decode(source);
	} catch {
		return refused([whole('Het bestand is geen UTF-8-tekst: kies het ronde.json-bestand zoals het is gedownload.')]);
	}
	text = text.replace(/^\uFEFF/, '');
	if (!text.trim()) return refused([whole('Het bestand is leeg.')]);

	const json = parseJsonWithPositions(text);
	if (!json.ok)
		return refused([
			{ line: json.line, column: json.column, path: null, where: null, message: `Geen geldige JSON: ${json.message}.` }
		]);
	const problem = (path: JsonPath, message: string): ImportProblem => ({
		line: json.lineOf(path).line,
		column: null,
		path: jsonPathText(path),
		where: null,
		message
	});
	const format = (json.value as { format?: unknown } | null)?.format;
	if (format !== 'alliantiemonitor-ronde')
		return refused([
			problem(
				['format'],
				'Dit is geen archief van een meetronde: kies het bestand ronde.json van de downloads van een gesloten ronde.'
			)
		]);
	const parsed = roundArchiveSchema.safeParse(json.value, { error: dutchIssues });
	if (!parsed.success) return refused(byLine(parsed.error.issues.map((i) => problem(i.path as JsonPath, i.message))));
	const archive = parsed.data;

	const network = ctx.store.network();
	if (!network.network)
		return refused([
			whole('Deze installatie heeft nog geen netwerk: start de server één keer en probeer het opnieuw.')
		]);
	const problems = consistency(archive).map((p) => problem(p.path, p.message));
	const clash = await clashes(ctx, network, archive);
	problems.push(...clash.map((p) => problem(p.path, p.message)));
	if (problems.length > 0) return refused(byLine(problems));

	return { ok: true, round: await write(ctx, archive) };
}

type Found = { path: JsonPath; message: string };

/** In the order of the file, as a reader goes through it (stable: same line, schema order). */
const byLine = (problems: ImportProblem[]) => [...problems].sort((a, b) => (a.line ?? 0) - (b.line ?? 0));

/** What the schemas cannot see: the parts of the file belong to one round and one questionnaire. */
function consistency(a: RoundArchive): Found[] {
	const out: Found[] = [];
	const q = a.questionnaire;
	const { round, published } = a;
	const snapshot = published.snapshot;
	if (round.status !== 'closed')
		out.push({
			path: ['round', 'status'],
			message: 'Alleen een gesloten meetronde heeft een archief; deze ronde is niet gesloten.'
		});
	if (published.roundId !== round.id)
		out.push({
			path: ['published', 'roundId'],
			message: `De gepubliceerde cijfers horen bij ronde ‘${published.roundId}’, niet bij ‘${round.id}’.`
		});
	if (round.questionnaireId !== q.id || round.questionnaireVersion !== q.version)
		out.push({
			path: ['round', 'questionnaireId'],
			message: `De ronde vraagt vragenlijst ${round.questionnaireId} versie ${round.questionnaireVersion}, het bestand bevat ${q.id} versie ${q.version}.`
		});
	if (snapshot.points !== q.scale.points)
		out.push({
			path: ['published', 'snapshot', 'points'],
			message: `De cijfers hebben ${snapshot.points} schaalpunten, de vragenlijst ${q.scale.points}.`
		});
	const itemIds = q.sections.flatMap((s) => s.items.map((it) => it.id));
	const sectionIds = q.sections.map((s) => s.id);
	const sameSet = (a: readonly string[], b: readonly string[]) =>
		a.length === b.length && new Set([...a, ...b]).size === a.length;
	if (!sameSet(snapshot.itemIds, itemIds))
		out.push({
			path: ['published', 'snapshot', 'itemIds'],
			message: 'De stellingen van de cijfers zijn niet die van de vragenlijst.'
		});
	if (!sameSet(snapshot.sectionIds, sectionIds))
		out.push({
			path: ['published', 'snapshot', 'sectionIds'],
			message: 'De onderdelen van de cijfers zijn niet die van de vragenlijst.'
		});
	const items = new Set(itemIds);
	a.responses.forEach((r, i) => {
		for (const [id, v] of Object.entries(r)) {
			if (!items.has(id))
				out.push({ path: ['responses', i, id], message: `Onbekende stelling ‘${id}’: de vragenlijst kent haar niet.` });
			else if (v > q.scale.points)
				out.push({
					path: ['responses', i, id],
					message: `Antwoord ${v} past niet op de schaal (1 tot en met ${q.scale.points}, of 0 voor weet niet).`
				});
		}
	});
	a.comments?.forEach((c, i) => {
		if (!sectionIds.includes(c.sectionId))
			out.push({
				path: ['comments', i, 'sectionId'],
				message: `Onbekend onderdeel ‘${c.sectionId}’: de vragenlijst kent het niet.`
			});
	});
	return out;
}

/**
 * What this installation already holds under the same names. A round left half-imported by a
 * crash (imported, but without its published cijfers) is no clash: importing again finishes it.
 */
async function clashes(ctx: DomainContext, network: Readonly<NetworkFile>, a: RoundArchive): Promise<Found[]> {
	const out: Found[] = [];
	const id = a.round.id;
	const existing = network.rounds.find((r) => r.id === id);
	if (existing && !(existing.importedAt && !(await ctx.store.publishedSnapshot(id))))
		out.push({
			path: ['round', 'id'],
			message: `Er is hier al een meetronde met id ‘${id}’ (${existing.name}). Er is niets ingelezen.`
		});
	else if (RESERVED_ROUND_IDS.includes(id))
		out.push({ path: ['round', 'id'], message: `‘${id}’ is de naam van een pagina en kan geen meetronde zijn.` });
	const here = questionnaires.forRound(network, a.round);
	if (here && !isDeepStrictEqual(questionnaireSchema.parse(here), a.questionnaire))
		out.push({
			path: ['questionnaire'],
			message:
				`Vragenlijst ${a.questionnaire.id} versie ${a.questionnaire.version} bestaat hier al, met een andere inhoud. ` +
				'De ronde hoort bij de versie uit het bestand; er is niets ingelezen.'
		});
	return out;
}

/** Fisher–Yates with the crypto generator: the order of the kept answers says nothing. */
function shuffled<T>(items: T[]): T[] {
	for (let i = items.length - 1; i > 0; i--) {
		const j = randomInt(i + 1);
		[items[i], items[j]] = [items[j], items[i]];
	}
	return items;
}

/** As closing keeps answers: keys in one order, so the file does not show how someone filled in. */
const sortedKeys = (answers: Record<string, number>) =>
	Object.fromEntries(Object.entries(answers).sort(([x], [y]) => (x < y ? -1 : x > y ? 1 : 0)));

/**
 * The writes, ordered so that no moment in between lets the close job (or a crash and restart)
 * spoil the round: its answers are on disk before the network names it, and the network marks it
 * imported, which the close job never touches (closing.ts `isDue`).
 */
async function write(ctx: DomainContext, a: RoundArchive): Promise<{ id: string; name: string }> {
	const id = a.round.id;
	const now = ctx.now().toISOString();
	const snapshot = a.published.snapshot;
	const closedResponses: ClosedResponse[] = shuffled(
		a.responses.map((answers) => ({ answers: sortedKeys(answers), status: 'submitted' as const }))
	);
	// Migrated and checked as the store reads its own file (an archive may be of an older layout).
	const published: PublishedFile = parsePublishedFile(a.published);
	const round: Round = {
		...a.round,
		status: 'closed',
		closedAt: a.round.closedAt ?? a.published.publishedAt,
		minimisedAt: a.round.minimisedAt ?? now,
		// The k its figures were published with, also for a round that opened before rounds kept theirs.
		k: a.round.k ?? snapshot.k,
		importedAt: now
	};
	const questionnaire: Questionnaire = a.questionnaire;

	await ctx.store.replaceRound(id, {
		schemaVersion: SCHEMA_VERSION,
		roundId: id,
		invitations: [],
		responses: [],
		closedResponses
	});
	const added = await ctx.store.updateNetwork((d) => {
		const addQuestionnaire = !questionnaires.forRound(d, a.round);
		if (addQuestionnaire) d.questionnaires.push(questionnaire);
		// Offered nowhere new (archived); the centre only while this installation names none, so
		// that its own dashboards keep their centre's name.
		const hasCentre = d.partners.some((p) => p.isCentre);
		let partners = 0;
		for (const p of a.labels.partners) {
			if (d.partners.some((x) => x.id === p.id)) continue;
			d.partners.push(partnerSchema.parse({ ...p, isCentre: p.isCentre && !hasCentre, archived: true }));
			partners++;
		}
		// Who the round invited names partners and bodies of the other installation; a copy of
		// this round ("zoals de vorige") must not offer ids that mean nothing here.
		if (round.selection) {
			const partnerIds = new Set(d.partners.map((p) => p.id));
			const bodyIds = new Set(d.bodies.map((b) => b.id));
			round.selection = {
				...round.selection,
				partnerIds: round.selection.partnerIds.filter((x) => partnerIds.has(x)),
				bodyIds: round.selection.bodyIds.filter((x) => bodyIds.has(x))
			};
		}
		d.rounds = [...d.rounds.filter((r) => r.id !== id), round];
		return { questionnaire: addQuestionnaire, partners };
	});
	const comments: CommentsFile = {
		schemaVersion: SCHEMA_VERSION,
		roundId: id,
		// Published as the other installation showed them; comments that still awaited review
		// there did not come along, and the dashboard says here too that they await it.
		review: a.comments
			? {
					status: 'published',
					extractedAt: round.closedAt!,
					publishedAt: now,
					sections: a.comments.map((s) => ({
						sectionId: s.sectionId,
						comments: s.texts.map((text) => ({ id: randomBytes(6).toString('hex'), text }))
					}))
				}
			: { status: 'pending', extractedAt: round.closedAt!, publishedAt: null, sections: [] }
	};
	await ctx.store.updateCommentReview(id, () => ({ next: comments, result: null }));
	await ctx.store.publish(id, published);
	await audit.record(
		ctx,
		'round.imported',
		id,
		[
			`${round.name}: ${closedResponses.length} antwoorden`,
			`vragenlijst ${questionnaireKey(questionnaire)} ${added.questionnaire ? 'toegevoegd' : 'was er al'}`,
			added.partners > 0 && `${added.partners} partner${added.partners === 1 ? '' : 's'} toegevoegd (gearchiveerd)`
		]
			.filter(Boolean)
			.join('; ')
	);
	return { id, name: round.name };
}
