import { createHash } from 'node:crypto';
import type { DomainContext } from './context';
import * as audit from './audit';
import { CsvError, readCsv, type CsvColumns, type CsvTable } from './csv/read';
import { idFromName, nameKey } from './name-ids';
import { describeChanges, RESERVED_IDS } from './partners';
import {
	helices,
	helixLabels,
	partnerTypeLabels,
	partnerTypes,
	type Helix,
	type Partner,
	type PartnerType
} from '$lib/model/network';
import {
	partnerFormSchema,
	type PartnerForm,
	type PartnerImportPreview,
	type PartnerImportRow
} from '$lib/model/partner-forms';

/** DESIGN.md §5: naam;type;helix;centrumgemeente, and optionally the contact person. */
export const PARTNER_COLUMNS: CsvColumns = {
	naam: { required: true, aliases: ['name', 'partner', 'organisatie'] },
	type: { required: true, aliases: ['soort'] },
	helix: { required: true },
	centrumgemeente: { required: true, aliases: ['centrum', 'centre', 'iscentre'] },
	contactpersoon: { aliases: ['contact', 'contactnaam', 'naamcontactpersoon'] },
	'contact-e-mail': { aliases: ['contactemailadres', 'emailcontactpersoon', 'email', 'emailadres'] }
};

/** A model id or its label, in any case: "economic-board", "Economic Board". */
function lookup<T extends string>(value: string, ids: readonly T[], labels: Record<T, string>): T | null {
	const v = value.trim().toLocaleLowerCase('nl');
	return ids.find((id) => id === v || labels[id].toLocaleLowerCase('nl') === v) ?? null;
}

const listOf = (labels: Record<string, string>) => Object.values(labels).join(', ');

type Planned = PartnerImportRow & { input: PartnerForm | null };

/**
 * What importing `table` into `existing` would do, row by row, with every problem next to its
 * row. Pure: the preview and the import itself run the same plan, the import inside its write.
 */
export function plan(table: CsvTable, existing: readonly Partner[]): Planned[] {
	const hasName = table.columns.includes('contactpersoon');
	const hasEmail = table.columns.includes('contact-e-mail');
	const byName = new Map(existing.map((p) => [nameKey(p.name), p]));
	const linesByName = new Map<string, number[]>();
	for (const row of table.rows) {
		const key = nameKey(row.cells.naam);
		if (key) linesByName.set(key, [...(linesByName.get(key) ?? []), row.line]);
	}
	return table.rows.map(({ line, cells }) => {
		const problems: string[] = [];
		const key = nameKey(cells.naam);
		const match = key ? (byName.get(key) ?? null) : null;

		if (!key) problems.push('De naam ontbreekt.');
		const twins = (linesByName.get(key) ?? []).filter((l) => l !== line);
		if (key && twins.length > 0)
			problems.push(`Dezelfde naam staat ook op ${twins.length === 1 ? 'regel' : 'regels'} ${twins.join(', ')}.`);

		const type: PartnerType | null = lookup(cells.type, partnerTypes, partnerTypeLabels);
		if (!cells.type) problems.push(`Het type ontbreekt. Kies uit: ${listOf(partnerTypeLabels)}.`);
		else if (!type) problems.push(`Onbekend type ‘${cells.type}’. Kies uit: ${listOf(partnerTypeLabels)}.`);
		const helix: Helix | null = lookup(cells.helix, helices, helixLabels);
		if (!cells.helix) problems.push(`De helix ontbreekt. Kies uit: ${listOf(helixLabels)}.`);
		else if (!helix) problems.push(`Onbekende helix ‘${cells.helix}’. Kies uit: ${listOf(helixLabels)}.`);
		const centre = cells.centrumgemeente.trim().toLowerCase();
		if (centre !== '' && centre !== 'ja' && centre !== 'nee')
			problems.push(`Centrumgemeente is ‘ja’ of ‘nee’, niet ‘${cells.centrumgemeente}’.`);

		const parsed = partnerFormSchema.safeParse({
			name: cells.naam,
			type,
			helix,
			isCentre: centre === 'ja',
			// Without the column, an existing partner keeps its contact person.
			contactName: hasName ? cells.contactpersoon : (match?.contactName ?? ''),
			contactEmail: hasEmail ? cells['contact-e-mail'] : (match?.contactEmail ?? '')
		});
		if (!parsed.success)
			for (const issue of parsed.error.issues) {
				const field = String(issue.path[0]);
				// Type, helix and a missing name are reported above in the file's own words.
				if (field === 'name' && key) problems.push(issue.message + '.');
				if (field === 'contactName' || field === 'contactEmail') problems.push(`Contactpersoon: ${issue.message}.`);
			}
		const input = problems.length === 0 && parsed.success ? parsed.data : null;
		const changes = input && match ? describeChanges(match, input) : [];
		return {
			line,
			cells: {
				naam: cells.naam,
				type: cells.type,
				helix: cells.helix,
				centrumgemeente: cells.centrumgemeente,
				contactpersoon: hasName ? cells.contactpersoon : '',
				contactEmail: hasEmail ? cells['contact-e-mail'] : ''
			},
			action: !key ? null : !match ? 'toevoegen' : input && changes.length === 0 ? 'ongewijzigd' : 'bijwerken',
			partnerId: match?.id ?? null,
			archived: match?.archived ?? false,
			changes,
			problems,
			input
		};
	});
}

function summarise(rows: Planned[], table: CsvTable | null, fileProblem: string | null): PartnerImportPreview {
	const counts = { toevoegen: 0, bijwerken: 0, ongewijzigd: 0, problems: 0 };
	for (const r of rows) {
		if (r.problems.length > 0) counts.problems++;
		else if (r.action) counts[r.action]++;
	}
	const fingerprint = createHash('sha256')
		.update(JSON.stringify(rows.map((r) => [r.line, r.action, r.partnerId, r.input, r.problems])))
		.digest('hex');
	return {
		rows: rows.map(({ input: _input, ...row }) => row),
		fileProblem,
		hasContactColumns:
			table !== null && (table.columns.includes('contactpersoon') || table.columns.includes('contact-e-mail')),
		counts,
		plan: fingerprint
	};
}

/** The file as text, for the page to offer for correction and to send back on confirm. */
export type ImportSource = { text: string };

function read(bytes: Uint8Array): { table: CsvTable | null; text: string; fileProblem: string | null } {
	try {
		const table = readCsv(bytes, PARTNER_COLUMNS, { maxRows: 2000 });
		const text = new TextDecoder(table.encoding).decode(bytes);
		if (table.rows.length === 0)
			return { table: null, text, fileProblem: 'Het bestand heeft alleen een kopregel en geen partners.' };
		return { table, text, fileProblem: null };
	} catch (e) {
		if (!(e instanceof CsvError)) throw e;
		let text = '';
		try {
			text = new TextDecoder('utf-8').decode(bytes);
		} catch {
			// Shown for correction only; the refusal above says what is wrong.
		}
		return { table: null, text, fileProblem: e.message };
	}
}

/** Reads a file and says what importing it would do; saves nothing. */
export function preview(ctx: DomainContext, bytes: Uint8Array): PartnerImportPreview & ImportSource {
	const { table, text, fileProblem } = read(bytes);
	const rows = table ? plan(table, ctx.store.network().partners) : [];
	return { ...summarise(rows, table, fileProblem), text };
}

export type ImportResult =
	| { ok: true; added: number; updated: number }
	| { ok: false; reason: string; preview: PartnerImportPreview & ImportSource };

/**
 * Imports what the admin saw in the preview. Everything is checked again, inside the write:
 * the text comes back from the browser, and someone may have changed the partners meanwhile.
 * `expectedPlan` is the preview's fingerprint; when the plan differs now, nothing is saved.
 */
export async function apply(ctx: DomainContext, bytes: Uint8Array, expectedPlan: string): Promise<ImportResult> {
	const { table, text, fileProblem } = read(bytes);
	if (!table)
		return { ok: false, reason: fileProblem ?? 'Het bestand is niet te lezen.', preview: preview(ctx, bytes) };

	type Decision = { ok: true; added: number; updated: number } | { ok: false; reason: string; rows: Planned[] };
	const refuse = new Error('refused');
	let decision: Decision | null = null;
	try {
		await ctx.store.updateNetwork((d) => {
			const rows = plan(table, d.partners);
			const now = summarise(rows, table, null);
			if (now.counts.problems > 0) {
				decision = { ok: false, reason: 'Er zijn nog regels met problemen; er is niets opgeslagen.', rows };
				throw refuse;
			}
			if (now.plan !== expectedPlan) {
				decision = {
					ok: false,
					reason:
						'Sinds de voorvertoning is er iets veranderd (in het bestand of bij de partners). Bekijk de voorvertoning hieronder opnieuw; er is niets opgeslagen.',
					rows
				};
				throw refuse;
			}
			const taken = new Set(d.partners.map((p) => p.id));
			let added = 0;
			let updated = 0;
			for (const row of rows) {
				if (!row.input) continue;
				if (row.action === 'toevoegen') {
					const id = idFromName(row.input.name, taken, RESERVED_IDS);
					taken.add(id);
					d.partners.push({ id, ...row.input, archived: false });
					added++;
				} else if (row.action === 'bijwerken') {
					const p = d.partners.find((x) => x.id === row.partnerId)!;
					Object.assign(p, row.input);
					updated++;
				}
			}
			decision = { ok: true, added, updated };
		});
	} catch (e) {
		if (e !== refuse) throw e;
	}
	const done = decision as Decision | null;
	if (!done) throw new Error('import: no decision');
	if (!done.ok) return { ok: false, reason: done.reason, preview: { ...summarise(done.rows, table, null), text } };
	await audit.record(ctx, 'partners.imported', null, `${done.added} toegevoegd, ${done.updated} bijgewerkt`);
	return done;
}
