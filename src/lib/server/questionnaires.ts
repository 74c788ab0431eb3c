import type { DomainContext } from './context';
import * as audit from './audit';
import { attempt, Refusal, type Outcome } from './outcome';
import { fieldErrors } from './form-errors';
import { idFromName } from './name-ids';
import { jsonPathText, parseJsonWithPositions, type JsonPath } from './json-positions';
import type { NetworkFile } from './store/files';
import {
	itemSchema,
	questionnaireKey,
	questionnaireSchema,
	scaleSchema,
	sectionSchema,
	type Questionnaire
} from '$lib/model/questionnaire';
import { candidateOf, describePath, draftOf, type QuestionnaireDraft } from '$lib/model/questionnaire-draft';
import type {
	ImportProblem,
	QuestionnaireFamily,
	VersionListing,
	VersionState,
	VersionUse
} from '$lib/model/questionnaire-admin';
import type { Round } from '$lib/model/round';
import { dutchIssues } from '$lib/model/zod-nl';
import { builtInQuestionnaires, findBuiltIn } from '$lib/questionnaires';

/**
 * Questionnaires: the built-in ones (shipped with the app) and the network's own versions in
 * network.json. Decisions that the rest of the app relies on:
 *
 * - A **version** is id + number. A copy of a version (built in or not) is the next number of
 *   the same id, so rounds of either version are compared item by item (rounds.previousRoundsOf
 *   matches on the id). "Als aparte vragenlijst" copies to a new id instead, which starts its own
 *   series at version 1 and is compared with nothing earlier.
 * - A version that a round has opened with is **frozen**: its respondents saw exactly that text.
 *   Built-in versions are frozen always. A frozen version is changed by making a new version.
 * - An **item id** stays while its meaning stays, whatever the wording; a new item, or one the
 *   admin marks "nieuwe vraag", gets an id made from its text that no version of the same series
 *   ever used, so an old answer is never compared with a different question.
 * - A stored version with the key of a built-in one (the demo stores them) is that built-in one.
 */

/** Paths under /admin/vragenlijsten that are pages, not questionnaires. */
const RESERVED_IDS = ['import', 'nieuw'];

type Network = Readonly<Pick<NetworkFile, 'questionnaires' | 'rounds'>>;

const builtInKeys = new Set(builtInQuestionnaires.map(questionnaireKey));
const isBuiltIn = (id: string, version: number) => builtInKeys.has(`${id}@${version}`);

/** The questionnaire a round asks: the stored version (what its respondents saw), else the built-in one. */
export function forRound(
	network: Readonly<Pick<NetworkFile, 'questionnaires'>>,
	round: Pick<Round, 'questionnaireId' | 'questionnaireVersion'>
): Questionnaire | undefined {
	return find(network, round.questionnaireId, round.questionnaireVersion);
}

function find(network: Readonly<Pick<NetworkFile, 'questionnaires'>>, id: string, version: number) {
	return network.questionnaires.find((q) => q.id === id && q.version === version) ?? findBuiltIn(id, version);
}

/** Every version there is, built-in ones first, each key once. */
function allVersions(network: Network): Questionnaire[] {
	const out = new Map<string, Questionnaire>();
	for (const q of builtInQuestionnaires) out.set(questionnaireKey(q), find(network, q.id, q.version)!);
	for (const q of network.questionnaires) if (!out.has(questionnaireKey(q))) out.set(questionnaireKey(q), q);
	return [...out.values()];
}

const familyOf = (network: Network, id: string) => allVersions(network).filter((q) => q.id === id);

function usesOf(network: Network, id: string, version: number): VersionUse[] {
	return network.rounds
		.filter((r) => r.questionnaireId === id && r.questionnaireVersion === version)
		.sort((a, b) => a.opensAt.localeCompare(b.opensAt))
		.map((r) => ({ roundId: r.id, roundName: r.name, status: r.status }));
}

function listing(network: Network, q: Questionnaire): VersionListing {
	const rounds = usesOf(network, q.id, q.version);
	const state: VersionState = isBuiltIn(q.id, q.version)
		? 'builtin'
		: rounds.some((r) => r.status !== 'draft')
			? 'frozen'
			: 'draft';
	return {
		id: q.id,
		version: q.version,
		title: q.title,
		sectionCount: q.sections.length,
		itemCount: q.sections.reduce((n, s) => n + s.items.length, 0),
		state,
		rounds,
		deletable: state === 'draft' && rounds.length === 0
	};
}

/** Built-in series in the order the app ships them, then the network's own. */
const rank = (f: { id: string }) => {
	const i = builtInQuestionnaires.findIndex((q) => q.id === f.id);
	return i < 0 ? builtInQuestionnaires.length : i;
};

/** The questionnaires by series: built-in ones first, then the network's own by title. */
export function list(ctx: DomainContext): QuestionnaireFamily[] {
	const network = ctx.store.network();
	const families = new Map<string, Questionnaire[]>();
	for (const q of allVersions(network)) families.set(q.id, [...(families.get(q.id) ?? []), q]);
	return [...families.entries()]
		.map(([id, versions]) => {
			const sorted = versions.sort((a, b) => a.version - b.version);
			return {
				id,
				title: sorted.at(-1)!.title,
				builtIn: sorted.some((q) => isBuiltIn(q.id, q.version)),
				versions: sorted.map((q) => listing(network, q))
			};
		})
		.sort((a, b) => rank(a) - rank(b) || a.title.localeCompare(b.title, 'nl'));
}

/** Every version a round can ask, for choosing one. */
export function choices(ctx: DomainContext): VersionListing[] {
	return list(ctx).flatMap((f) => f.versions);
}

export type VersionDetail = { questionnaire: Questionnaire; listing: VersionListing };

export function get(ctx: DomainContext, id: string, version: number): VersionDetail | null {
	const network = ctx.store.network();
	const q = find(network, id, version);
	return q ? { questionnaire: q, listing: listing(network, q) } : null;
}

const label = (q: { title: string; version: number }) => `‘${q.title}’ versie ${q.version}`;
const nextVersion = (network: Network, id: string) => Math.max(0, ...familyOf(network, id).map((q) => q.version)) + 1;
const gone = () => new Refusal({ form: 'Deze versie van de vragenlijst bestaat niet (meer).' });

/** Why a version cannot be changed in place, or null when it can. */
function frozenReason(network: Network, id: string, version: number): string | null {
	if (isBuiltIn(id, version))
		return 'Een ingebouwde vragenlijst verandert niet: maak een nieuwe versie om hem aan te passen.';
	const opened = usesOf(network, id, version).filter((r) => r.status !== 'draft');
	if (opened.length === 0) return null;
	return (
		`Deze versie ligt vast: ${opened.map((r) => `meetronde ‘${r.roundName}’`).join(', ')} ` +
		`${opened.length === 1 ? 'is' : 'zijn'} ermee geopend, en de deelnemers zagen precies deze tekst. ` +
		'Wijzigen kan in een nieuwe versie.'
	);
}

/** Dutch stop words left out of ids made from an item's text. */
const STOP_WORDS = new Set(
	'de het een en of van in op te is zijn wordt worden voor met aan dat die dit er naar bij om door als ook niet nog wel we wij onze ons mijn u uw hun zij ze wat hoe wie tot uit over zich heeft hebben kan kunnen zo'.split(
		' '
	)
);

function idFromText(prefix: string, text: string, taken: ReadonlySet<string>): string {
	const words = text
		.normalize('NFD')
		.replace(/[\u0300-\u036f]/g, '')
		.toLowerCase()
		.split(/[^a-z0-9]+/)
		.filter((w) => w && !STOP_WORDS.has(w))
		.slice(0, 4);
	return idFromName([prefix, ...(words.length ? words : ['stelling'])].join(' '), taken, RESERVED_IDS);
}

/**
 * The ids of a draft's sections and items. A row keeps the id it had in `base` (once; a second
 * row claiming it gets a new one); other rows get ids from their text that no version of the
 * series used, so that a retired id is never given to another question.
 */
function assignIds(draft: QuestionnaireDraft, base: Questionnaire, series: readonly Questionnaire[]) {
	const baseSections = new Set(base.sections.map((s) => s.id));
	const baseItems = new Set(base.sections.flatMap((s) => s.items.map((i) => i.id)));
	const takenSections = new Set(series.flatMap((q) => q.sections.map((s) => s.id)));
	const takenItems = new Set(series.flatMap((q) => q.sections.flatMap((s) => s.items.map((i) => i.id))));
	const keptSections = new Set<string>();
	const keptItems = new Set<string>();
	const sectionIds = draft.sections.map((s) => {
		if (!baseSections.has(s.id) || keptSections.has(s.id)) return null;
		keptSections.add(s.id);
		return s.id;
	});
	const itemIds = draft.sections.map((s) =>
		s.items.map((it) => {
			if (it.isNew || !baseItems.has(it.id) || keptItems.has(it.id)) return null;
			keptItems.add(it.id);
			return it.id;
		})
	);
	for (const id of keptSections) takenSections.add(id);
	const sections = sectionIds.map((id, s) => {
		if (id) return id;
		const made = idFromName(draft.sections[s].title || 'onderdeel', takenSections, RESERVED_IDS);
		takenSections.add(made);
		return made;
	});
	const items = itemIds.map((row, s) =>
		row.map((id, i) => {
			if (id) return id;
			const made = idFromText(sections[s], draft.sections[s].items[i].text, takenItems);
			takenItems.add(made);
			return made;
		})
	);
	return { section: (s: number) => sections[s], item: (s: number, i: number) => items[s][i] };
}

/** The draft as a version of `head`, checked by the model's schema; a Refusal names each wrong field. */
function build(
	draft: QuestionnaireDraft,
	head: { id: string; version: number },
	base: Questionnaire,
	series: readonly Questionnaire[]
): Questionnaire {
	const parsed = questionnaireSchema.safeParse(candidateOf(draft, head, assignIds(draft, base, series)), {
		error: dutchIssues
	});
	if (!parsed.success) throw new Refusal(fieldErrors(parsed.error));
	return parsed.data;
}

/** What changed between two versions, in Dutch, for the audit log and the page. */
export function describeChanges(before: Questionnaire, after: Questionnaire): string[] {
	const out: string[] = [];
	if (before.title !== after.title) out.push('titel');
	if (before.description !== after.description) out.push('omschrijving');
	if (before.minutes !== after.minutes) out.push('minuten');
	if (JSON.stringify(before.scale) !== JSON.stringify(after.scale)) out.push('antwoordschaal');
	const items = (q: Questionnaire) => new Map(q.sections.flatMap((s) => s.items.map((i) => [i.id, i] as const)));
	const a = items(before);
	const b = items(after);
	const count = (n: number, one: string, many: string) => (n === 1 ? `1 ${one}` : `${n} ${many}`);
	const added = [...b.keys()].filter((id) => !a.has(id)).length;
	const removed = [...a.keys()].filter((id) => !b.has(id)).length;
	const reworded = [...b].filter(([id, it]) => a.has(id) && a.get(id)!.text !== it.text).length;
	const flipped = [...b].filter(([id, it]) => a.has(id) && a.get(id)!.reversed !== it.reversed).length;
	const resubjected = [...b].filter(([id, it]) => a.has(id) && a.get(id)!.subject !== it.subject).length;
	if (added) out.push(count(added, 'stelling toegevoegd', 'stellingen toegevoegd'));
	if (removed) out.push(count(removed, 'stelling weggehaald', 'stellingen weggehaald'));
	if (reworded) out.push(count(reworded, 'stelling anders verwoord', 'stellingen anders verwoord'));
	if (flipped) out.push(count(flipped, 'stelling anders gericht', 'stellingen anders gericht'));
	if (resubjected) out.push(`bij ${count(resubjected, 'stelling', 'stellingen')} gewijzigd waar die over gaat`);
	const shape = (q: Questionnaire) =>
		JSON.stringify(q.sections.map((s) => [s.id, s.title, s.question, s.intro, s.perspective, s.commentLabel]));
	const order = (q: Questionnaire) => JSON.stringify(q.sections.map((s) => s.items.map((i) => i.id)));
	if (shape(before) !== shape(after)) out.push('onderdelen');
	else if (!added && !removed && order(before) !== order(after)) out.push('volgorde van de stellingen');
	return out;
}

export type Saved = { questionnaire: Questionnaire; changes: string[] };

/** Saves a draft version in place; refused when the version is built in or a round opened with it meanwhile. */
export async function update(
	ctx: DomainContext,
	id: string,
	version: number,
	draft: QuestionnaireDraft
): Promise<Outcome<Saved>> {
	return attempt(async () => {
		const saved = await ctx.store.updateNetwork((d) => {
			const base = find(d, id, version);
			if (!base) throw gone();
			const frozen = frozenReason(d, id, version);
			if (frozen) throw new Refusal({ form: frozen, frozen: 'ja' });
			const q = build(draft, { id, version }, base, familyOf(d, id));
			d.questionnaires = d.questionnaires.map((x) => (x.id === id && x.version === version ? q : x));
			return { questionnaire: q, changes: describeChanges(base, q) };
		});
		if (saved.changes.length > 0)
			await audit.record(
				ctx,
				'questionnaire.updated',
				questionnaireKey(saved.questionnaire),
				`Vragenlijst ${label(saved.questionnaire)} gewijzigd: ${saved.changes.join(', ')}`
			);
		return saved;
	});
}

/**
 * A new version: the draft (the source's content, or what the admin edited from it) as the next
 * number of the source's series, or as version 1 of a new series when `separate`.
 */
export async function saveAsNew(
	ctx: DomainContext,
	id: string,
	version: number,
	draft: QuestionnaireDraft | null,
	{ separate = false } = {}
): Promise<Outcome<Questionnaire>> {
	return attempt(async () => {
		const { q, source } = await ctx.store.updateNetwork((d) => {
			const source = find(d, id, version);
			if (!source) throw gone();
			const taken = new Set([...allVersions(d).map((x) => x.id), ...RESERVED_IDS]);
			const head = separate
				? { id: idFromName(`${source.id} eigen`, taken, RESERVED_IDS), version: 1 }
				: { id, version: nextVersion(d, id) };
			const content = draft ?? { ...draftOf(source), ...(separate ? { title: `${source.title} (kopie)` } : {}) };
			const q = build(content, head, source, separate ? [source] : familyOf(d, id));
			d.questionnaires.push(q);
			return { q, source };
		});
		await audit.record(
			ctx,
			'questionnaire.created',
			questionnaireKey(q),
			`Vragenlijst ${label(q)} gemaakt als kopie van ${label(source)}${source.id === q.id ? '' : ` (${source.id})`}`
		);
		return q;
	});
}

/** Deletes a draft version that no round refers to (not even a draft round). */
export async function remove(ctx: DomainContext, id: string, version: number): Promise<Outcome<Questionnaire>> {
	return attempt(async () => {
		const q = await ctx.store.updateNetwork((d) => {
			const q = find(d, id, version);
			if (!q) throw gone();
			const frozen = frozenReason(d, id, version);
			if (frozen) throw new Refusal({ form: frozen });
			const uses = usesOf(d, id, version);
			if (uses.length > 0)
				throw new Refusal({
					form:
						`${uses.map((r) => `Meetronde ‘${r.roundName}’`).join(', ')} (concept) gebruikt deze versie. ` +
						'Kies voor die ronde eerst een andere versie, of verwijder de ronde.'
				});
			d.questionnaires = d.questionnaires.filter((x) => !(x.id === id && x.version === version));
			return q;
		});
		await audit.record(ctx, 'questionnaire.deleted', questionnaireKey(q), `Vragenlijst ${label(q)} verwijderd`);
		return q;
	});
}

/** The version as a file in the model's shape: what import reads back. */
export const toJson = (q: Questionnaire) => JSON.stringify(q, null, 2) + '\n';

export const exportFileName = (q: Questionnaire) => `${q.id}-versie-${q.version}.json`;

/** Larger than any questionnaire by far; the route's body limit is larger still. */
const IMPORT_MAX_BYTES = 1024 * 1024;

/** The fields the model knows at each level: a misspelt one would otherwise vanish without a word. */
function unknownFields(value: unknown): { path: JsonPath; key: string }[] {
	const out: { path: JsonPath; key: string }[] = [];
	const check = (v: unknown, known: readonly string[], path: (string | number)[]) => {
		if (v === null || typeof v !== 'object' || Array.isArray(v)) return;
		for (const key of Object.keys(v)) if (!known.includes(key)) out.push({ path: [...path, key], key });
	};
	const root = value as Record<string, unknown> | null;
	check(root, Object.keys(questionnaireSchema.shape), []);
	check(root?.scale, Object.keys(scaleSchema.shape), ['scale']);
	const sections = Array.isArray(root?.sections) ? (root.sections as unknown[]) : [];
	sections.forEach((s, si) => {
		check(s, Object.keys(sectionSchema.shape), ['sections', si]);
		const items =
			s && typeof s === 'object' && Array.isArray((s as { items?: unknown }).items)
				? (s as { items: unknown[] }).items
				: [];
		items.forEach((it, ii) => check(it, Object.keys(itemSchema.shape), ['sections', si, 'items', ii]));
	});
	return out;
}

export type ImportOutcome =
	| { ok: true; questionnaire: Questionnaire; renumberedFrom: number | null }
	| { ok: false; problems: ImportProblem[]; text: string };

/**
 * Reads a questionnaire file and stores it as a draft version, or says what is wrong and where
 * (line, field) without storing anything. A file whose id and version are taken (an export read
 * back, a built-in one) becomes the next version of that id.
 */
export async function importJson(ctx: DomainContext, source: Uint8Array | string): Promise<ImportOutcome> {
	const refused = (problems: ImportProblem[], text = '') => ({ ok: false as const, problems, text });
	const whole = (message: string) => ({ line: null, column: null, path: null, where: null, message });
	const size = typeof source === 'string' ? new TextEncoder().encode(source).length : source.length;
	if (size > IMPORT_MAX_BYTES)
		return refused([whole(`Het bestand is te groot (${Math.ceil(size / 1024)} KB; hooguit 1024 KB).`)]);
	let text: string;
	try {
		text = typeof source === 'string' ? source : new TextDecoder('utf-8', { fatal: true }).decode(source);
	} catch {
		return refused([whole('Het bestand is geen UTF-8-tekst. Sla het op als UTF-8 (JSON is altijd UTF-8).')]);
	}
	text = text.replace(/^\uFEFF/, '');
	if (!text.trim()) return refused([whole('Het bestand is leeg.')], text);

	const json = parseJsonWithPositions(text);
	if (!json.ok)
		return refused(
			[
				{
					line: json.line,
					column: json.column,
					path: null,
					where: null,
					message: `Geen geldige JSON: ${json.message}.`
				}
			],
			text
		);
	const raw = json.value as { sections?: { title?: unknown }[] } | null;
	const sectionTitle = (s: number) => {
		const t = Array.isArray(raw?.sections) ? raw.sections[s]?.title : undefined;
		return typeof t === 'string' ? t : '';
	};
	const problem = (path: JsonPath, message: string): ImportProblem => ({
		line: json.lineOf(path).line,
		column: null,
		path: jsonPathText(path),
		where: describePath(path, sectionTitle),
		message
	});
	const problems = unknownFields(json.value).map((u) =>
		problem(u.path, `Onbekend veld ‘${u.key}’: de vragenlijst kent het niet (schrijfwijze?)`)
	);
	const parsed = questionnaireSchema.safeParse(json.value, { error: dutchIssues });
	if (!parsed.success) problems.push(...parsed.error.issues.map((i) => problem(i.path as JsonPath, i.message)));
	else if (RESERVED_IDS.includes(parsed.data.id))
		problems.push(problem(['id'], `‘${parsed.data.id}’ is de naam van een pagina; kies een andere id`));
	if (problems.length > 0 || !parsed.success)
		return refused(
			problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)),
			text
		);

	const file = parsed.data;
	const q = await ctx.store.updateNetwork((d) => {
		const q = find(d, file.id, file.version) ? { ...file, version: nextVersion(d, file.id) } : file;
		d.questionnaires.push(q);
		return q;
	});
	await audit.record(ctx, 'questionnaire.imported', questionnaireKey(q), `Vragenlijst ${label(q)} geïmporteerd`);
	return { ok: true, questionnaire: q, renumberedFrom: q.version === file.version ? null : file.version };
}
