/**
 * The exports of a closed round (DESIGN.md §5): read from the published snapshot, the kept
 * responses (answers and status only, as closing left them) and the published comments; never
 * from anything closing removed. Routes hand in the context the guard gave them; the role each
 * file needs is checked there (viewerContext for results, adminContext for the rest) and again here.
 * One file belongs to an open round instead: `links.csv`, the invitees' links for a mail merge.
 */
import { sendLog } from '../mail/outbox';
import { mailKindLabels, messageStateLabels } from '$lib/model/outbox';
import { formatMoment } from '$lib/format';
import { mailConfig } from '../mail/config';
import { error, redirect } from '@sveltejs/kit';
import type { DomainContext } from '../context';
import * as audit from '../audit';
import { publishedComments } from '../comments';
import * as questionnaires from '../questionnaires';
import { parseSelection, selectionGroups, type SelectionGroup } from '$lib/analysis/filter-query';
import { layoutOf, type Layout } from '$lib/analysis/layout';
import { readPublished } from '$lib/analysis/published-tally';
import { roundK } from '$lib/analysis/privacy';
import type { Questionnaire } from '$lib/model/questionnaire';
import type { Round } from '$lib/model/round';
import {
	ARCHIVE_FORMAT,
	ARCHIVE_VERSION,
	type ArchivedPartner,
	type RoundArchiveInput
} from '$lib/model/round-archive';
import type { PublishedFile } from '../store/files';
import { StoreReadError } from '../store/errors';
import {
	commentColumns,
	commentRows,
	resultColumns,
	resultRows,
	responseColumns,
	responseRows,
	type Column,
	type Table
} from './tables';
import { csvResponse, jsonResponse, xlsxResponse } from './writers';
import { allLinks, LinkUnavailable } from '../links';

interface Source {
	round: Round;
	questionnaire: Questionnaire;
	layout: Layout;
	published: PublishedFile;
	k: number;
}

function requireAdmin(ctx: DomainContext) {
	if (ctx.actor?.role !== 'admin') error(403, { message: 'Hiervoor zijn beheerrechten nodig.' });
}

/** A damaged file costs this download, with words the admin can act on, not a bare 500. */
function unreadable(e: unknown): never {
	if (!(e instanceof StoreReadError)) throw e;
	error(500, {
		message: 'Lezen lukte niet',
		detail:
			'Een bestand van deze meetronde kon niet worden gelezen: het is beschadigd of onleesbaar. Er is niets ' +
			'gewijzigd. Laat de beheerder van de server het terugzetten uit een back-up.'
	});
}

async function source(ctx: DomainContext, roundId: string): Promise<Source> {
	const network = ctx.store.network();
	const round = network.rounds.find((r) => r.id === roundId);
	if (!round) error(404, { message: 'Deze meetronde bestaat niet (meer).' });
	const published = round.status === 'closed' ? await ctx.store.publishedSnapshot(round.id).catch(unreadable) : null;
	if (!published)
		error(409, {
			message: 'Nog geen uitkomsten',
			detail: 'Exports zijn er voor gesloten meetrondes: ze lezen de cijfers die bij het sluiten zijn gepubliceerd.'
		});
	const questionnaire = questionnaires.forRound(network, round);
	if (!questionnaire) throw new Error(`Vragenlijst van ronde ${round.id} ontbreekt`);
	return {
		round,
		questionnaire,
		layout: layoutOf(questionnaire),
		published,
		k: roundK(round, network.network?.kAnonymity)
	};
}

/** The results of one published cell; any other selection answers 403, exactly as the dashboard. */
async function resultsTable(ctx: DomainContext, roundId: string, url: URL): Promise<{ table: Table; suffix: string }> {
	const s = await source(ctx, roundId);
	const selection = parseSelection(
		url.searchParams,
		s.published.snapshot.cells.map((c) => c.cell)
	);
	if (selection.kind === 'refused')
		error(403, { message: 'Deze selectie wordt niet getoond', detail: selection.reason });
	if (selection.kind === 'redirect') redirect(303, `${url.pathname}${selection.query}`);
	// The dashboard shows the whole network with a notice for a group it does not publish; a file
	// named for that group must not quietly hold the whole network instead.
	if (selection.state.notices.length > 0)
		error(403, { message: 'Deze selectie wordt niet getoond', detail: selection.state.notices.join(' ') });
	const tally = readPublished(s.published.snapshot, s.layout);
	const cell = tally.byKey.get(selection.state.key);
	if (!cell) error(404, { message: 'Deze groep is niet gepubliceerd.' });
	const suffix = cell.cell.value === null ? '' : `-${cell.cell.dimension}-${cell.cell.value}`.replace(/[^\w.-]+/g, '_');
	return { table: { columns: resultColumns(s.layout.points), rows: resultRows(s.layout, cell, s.k) }, suffix };
}

export async function resultsCsv(ctx: DomainContext, roundId: string, url: URL): Promise<Response> {
	const { table, suffix } = await resultsTable(ctx, roundId, url);
	return csvResponse(table, `resultaten${suffix}.csv`);
}

export async function resultsXlsx(ctx: DomainContext, roundId: string, url: URL): Promise<Response> {
	const { table, suffix } = await resultsTable(ctx, roundId, url);
	return xlsxResponse(table, 'Resultaten', `resultaten${suffix}.xlsx`);
}

async function responsesTable(
	ctx: DomainContext,
	roundId: string,
	format: string
): Promise<{ s: Source; table: Table }> {
	requireAdmin(ctx);
	const s = await source(ctx, roundId);
	const state = await ctx.store.round(roundId).catch(unreadable);
	const rows = responseRows(s.layout, state?.closedResponses ?? []);
	// Who took the answers out of the app, and when: the log names the account, never a respondent.
	await audit.record(ctx, 'export.responses', roundId, `${format}, ${rows.length} antwoorden`);
	return { s, table: { columns: responseColumns(s.layout), rows } };
}

export async function responsesCsv(ctx: DomainContext, roundId: string): Promise<Response> {
	return csvResponse((await responsesTable(ctx, roundId, 'csv')).table, 'antwoorden.csv');
}

export async function responsesXlsx(ctx: DomainContext, roundId: string): Promise<Response> {
	return xlsxResponse((await responsesTable(ctx, roundId, 'xlsx')).table, 'Antwoorden', 'antwoorden.xlsx');
}

export async function commentsCsv(ctx: DomainContext, roundId: string): Promise<Response> {
	requireAdmin(ctx);
	await source(ctx, roundId);
	const sections = await publishedComments(ctx.store, roundId);
	if (!sections)
		error(409, {
			message: 'Toelichtingen nog niet gepubliceerd',
			detail:
				'De toelichtingen worden pas geëxporteerd als een beheerder ze heeft beoordeeld en gepubliceerd ' +
				'(Toelichtingen beoordelen, op de pagina van de ronde).'
		});
	const rows = commentRows(sections);
	await audit.record(ctx, 'export.comments', roundId, `${rows.length} toelichtingen`);
	return csvResponse({ columns: commentColumns, rows }, 'toelichtingen.csv');
}

const linkColumns: Column[] = [
	{ header: 'naam', kind: 'text', width: 28 },
	{ header: 'e-mail', kind: 'text', width: 32 },
	{ header: 'partner', kind: 'text', width: 28 },
	{ header: 'link', kind: 'text', width: 70 }
];

/**
 * `links.csv` of an open round (DESIGN.md §5): name, e-mail, partner and personal link of
 * everyone invited (or of who has not sent yet), for a mail merge. Admin only; audited
 * (links.ts). The same formula escaping as every export: a name can start with `=`.
 */
export async function linksCsv(
	ctx: DomainContext,
	roundId: string,
	origin: string,
	opts: { notSubmitted: boolean }
): Promise<Response> {
	requireAdmin(ctx);
	if (!ctx.store.network().rounds.some((r) => r.id === roundId))
		error(404, { message: 'Deze meetronde bestaat niet (meer).' });
	// With mail set up the app sends the links itself: no file of live credentials is needed.
	if (mailConfig().state === 'on')
		error(409, {
			message: 'Geen links',
			detail: 'De app verstuurt de links zelf per e-mail; een bestand met links is dan niet nodig.'
		});
	try {
		const { rows } = await allLinks(ctx, roundId, origin, opts);
		return csvResponse(
			{ columns: linkColumns, rows: rows.map((r) => [r.name, r.email, r.partner, r.link]) },
			`links-${roundId}.csv`
		);
	} catch (e) {
		if (e instanceof LinkUnavailable) error(409, { message: 'Geen links', detail: e.message });
		throw e;
	}
}

/**
 * The round as one JSON file for an archive (model/round-archive.ts), enough for another
 * installation to show the same dashboard (archive-import.ts): the round, its questionnaire
 * version, the published file (snapshot and participation at close), the responses export's
 * rows with dot decimals, the comments as published (null while they await review), and the
 * partners the dashboard names beyond the cells' own labels: the centre municipality.
 */
export async function archiveJson(ctx: DomainContext, roundId: string): Promise<Response> {
	requireAdmin(ctx);
	const s = await source(ctx, roundId);
	const state = await ctx.store.round(roundId).catch(unreadable);
	const ids = s.layout.items.map((it) => it.id);
	const responses = responseRows(s.layout, state?.closedResponses ?? []).map((row) =>
		Object.fromEntries(row.flatMap((v, i) => (typeof v === 'number' ? [[ids[i], v] as const] : [])))
	);
	const hasCentreCells = s.published.snapshot.cells.some((c) => c.cell.dimension === 'centre');
	const partners: ArchivedPartner[] = hasCentreCells
		? ctx.store
				.network()
				.partners.filter((p) => p.isCentre)
				.map(({ id, name, type, helix, isCentre }) => ({ id, name, type, helix, isCentre }))
		: [];
	const archive: RoundArchiveInput = {
		format: ARCHIVE_FORMAT,
		version: ARCHIVE_VERSION,
		exportedAt: ctx.now().toISOString(),
		round: s.round,
		questionnaire: s.questionnaire,
		published: s.published,
		responses,
		labels: { partners },
		comments: await publishedComments(ctx.store, roundId)
	};
	await audit.record(ctx, 'export.archive', roundId, `${responses.length} antwoorden`);
	return jsonResponse(archive, `ronde-${s.round.id}.json`);
}

export interface ExportPage {
	round: { id: string; name: string };
	admin: boolean;
	/** The published cells with figures, for the results downloads' selection. */
	groups: SelectionGroup[];
	commentsPublished: boolean;
	submitted: number;
}

/** What the download page lists; a viewer gets only the results. */
export async function exportPage(ctx: DomainContext, roundId: string): Promise<ExportPage> {
	const s = await source(ctx, roundId);
	const admin = ctx.actor?.role === 'admin';
	return {
		round: { id: s.round.id, name: s.round.name },
		admin,
		groups: selectionGroups(s.published.snapshot.cells.filter((c) => c.n.released).map((c) => c.cell)),
		commentsPublished: admin && (await publishedComments(ctx.store, roundId)) !== null,
		submitted: admin
			? ((await ctx.store.round(roundId).catch(unreadable))?.closedResponses ?? []).filter(
					(r) => r.status === 'submitted'
				).length
			: 0
	};
}

const sendLogColumns: Column[] = [
	{ header: 'naam', kind: 'text', width: 28 },
	{ header: 'e-mail', kind: 'text', width: 32 },
	{ header: 'bericht', kind: 'text', width: 12 },
	{ header: 'stand', kind: 'text', width: 14 },
	{ header: 'antwoord_server', kind: 'text', width: 60 },
	{ header: 'tijdstip', kind: 'text', width: 20 }
];

/** One sending's messages with their results (mail/outbox.ts sendLog), for Excel: admin only. */
export async function sendLogCsv(ctx: DomainContext, roundId: string, waveId: string): Promise<Response> {
	requireAdmin(ctx);
	const rows = await sendLog(ctx, roundId, waveId);
	if (!rows) error(404, { message: 'Deze verzending bestaat niet (meer).' });
	return csvResponse(
		{
			columns: sendLogColumns,
			rows: rows.map((r) => [
				r.name,
				r.to,
				mailKindLabels[r.kind],
				messageStateLabels[r.state],
				r.result,
				formatMoment(r.at)
			])
		},
		`verzending-${waveId}.csv`
	);
}
