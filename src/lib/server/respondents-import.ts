import { createHash } from 'node:crypto';
import type { DomainContext } from './context';
import * as audit from './audit';
import { readCsv, type CsvColumns, type CsvRow } from './csv/read';
import type { NetworkFile } from './store/files';
import { newRespondentId } from './respondents';
import { inviteJoinersAfterChange } from './invitations';
import { roleLabels, roles, type Respondent, type Role } from '$lib/model/network';
import {
	respondentEmailSchema,
	respondentNameSchema,
	roleFromCell,
	type ImportAction,
	type ImportPreview,
	type ImportPreviewRow
} from '$lib/model/respondent-forms';

/** DESIGN.md §5: `naam;e-mail;partner;rol;gremia`, plus the export's optional `actief`. */
export const respondentColumns: CsvColumns = {
	naam: { required: true, aliases: ['name', 'volledige naam'] },
	'e-mail': { required: true, aliases: ['email', 'e-mailadres', 'emailadres', 'mail'] },
	partner: { required: true, aliases: ['organisatie', 'partnerid'] },
	rol: { required: true, aliases: ['role'] },
	gremia: { aliases: ['gremium', 'overleggen', 'bodies'] },
	actief: { aliases: ['active', 'status'] }
};

/** The preview said one thing, the network now says another (someone changed it meanwhile). */
export class ImportChangedError extends Error {
	constructor(readonly preview: ImportPreview) {
		super(
			'Er is niets opgeslagen: de regels of de deelnemerslijst zijn gewijzigd sinds het voorbeeld. Bekijk het nieuwe voorbeeld hieronder en importeer opnieuw.'
		);
		this.name = 'ImportChangedError';
	}
}

/** A commit while rows still have problems: nothing is saved. */
export class ImportProblemsError extends Error {
	constructor(readonly preview: ImportPreview) {
		super(`${preview.counts.problems} regels hebben nog een probleem; er is niets opgeslagen.`);
		this.name = 'ImportProblemsError';
	}
}

type Planned = {
	row: ImportPreviewRow;
	existingId: string | null;
	input: { name: string; email: string; partnerId: string; role: Role; bodyIds: string[]; active: boolean | null };
	/** False when the file has no gremia column: existing people keep theirs. */
	hasBodies: boolean;
};

/** Our own exports neutralise formulas with a leading apostrophe; reading one back takes it off again. */
const unneutralise = (cell: string) => (/^'[=+\-@\t\r]/.test(cell) ? cell.slice(1) : cell);
const key = (s: string) => s.trim().replace(/\s+/g, ' ').toLowerCase();

function lookup<T extends { id: string; name: string }>(items: readonly T[]) {
	const byId = new Map(items.map((i) => [i.id, i]));
	const byName = new Map<string, T[]>();
	for (const i of items) byName.set(key(i.name), [...(byName.get(key(i.name)) ?? []), i]);
	return (cell: string): { found: T } | { problem: 'unknown' | 'ambiguous' } => {
		const hit = byId.get(cell.trim());
		if (hit) return { found: hit };
		const named = byName.get(key(cell)) ?? [];
		if (named.length === 1) return { found: named[0] };
		return { problem: named.length > 1 ? 'ambiguous' : 'unknown' };
	};
}

function activeFromCell(cell: string): boolean | null | 'bad' {
	const v = cell.trim().toLowerCase();
	if (v === '') return null;
	if (['ja', 'actief', 'j', 'yes', 'true', '1'].includes(v)) return true;
	if (['nee', 'inactief', 'n', 'no', 'false', '0'].includes(v)) return false;
	return 'bad';
}

function sameSet(a: readonly string[], b: readonly string[]) {
	return a.length === b.length && a.every((x) => b.includes(x));
}

/** Decides every row against the network as it is: what it would add or change, and what is wrong with it. */
function plan(network: Readonly<NetworkFile>, rows: CsvRow[], hasBodies: boolean, hasActive: boolean): Planned[] {
	const partner = lookup(network.partners);
	const body = lookup(network.bodies);
	const existing = new Map<string, Respondent[]>();
	for (const r of network.respondents) existing.set(r.email, [...(existing.get(r.email) ?? []), r]);
	const linesByEmail = new Map<string, number[]>();
	const planned: Planned[] = rows.map(({ line, cells }) => {
		const problems: string[] = [];
		const c = (name: string) => unneutralise(cells[name] ?? '');

		const name = respondentNameSchema.safeParse(c('naam'));
		if (!name.success) problems.push(name.error.issues[0].message);
		const email = respondentEmailSchema.safeParse(c('e-mail'));
		if (!email.success)
			problems.push(c('e-mail').trim() ? `Ongeldig e-mailadres ‘${c('e-mail')}’` : 'Vul een e-mailadres in');
		const emailValue = email.success ? email.data : c('e-mail').trim().toLowerCase();
		if (email.success) linesByEmail.set(emailValue, [...(linesByEmail.get(emailValue) ?? []), line]);

		let partnerId = '';
		let partnerShown = c('partner');
		if (!c('partner').trim()) problems.push('Vul een partner in (naam of id)');
		else {
			const p = partner(c('partner'));
			if ('found' in p) {
				partnerId = p.found.id;
				partnerShown = p.found.name;
				if (p.found.archived) problems.push(`Partner ‘${p.found.name}’ is gearchiveerd`);
			} else
				problems.push(
					p.problem === 'ambiguous'
						? `Er zijn meer partners met de naam ‘${c('partner')}’; gebruik de id`
						: `Onbekende partner ‘${c('partner')}’`
				);
		}

		const role = roleFromCell(c('rol'));
		if (!role)
			problems.push(
				c('rol').trim()
					? `Onbekende rol ‘${c('rol')}’; kies uit ${roles.map((r) => roleLabels[r].toLowerCase()).join(', ')}`
					: 'Vul een rol in'
			);

		const bodyIds: string[] = [];
		const bodyNames: string[] = [];
		for (const part of c('gremia').split('|')) {
			if (!part.trim()) continue;
			const b = body(part);
			if ('found' in b) {
				if (!bodyIds.includes(b.found.id)) {
					bodyIds.push(b.found.id);
					bodyNames.push(b.found.name);
				}
			} else {
				bodyNames.push(part.trim());
				problems.push(
					b.problem === 'ambiguous'
						? `Er zijn meer gremia met de naam ‘${part.trim()}’; gebruik de id`
						: `Onbekend gremium ‘${part.trim()}’`
				);
			}
		}

		const active = activeFromCell(c('actief'));
		if (active === 'bad') problems.push(`Onbekende waarde ‘${c('actief')}’ voor actief; gebruik ja of nee`);

		const matches = email.success ? (existing.get(emailValue) ?? []) : [];
		if (matches.length > 1)
			problems.push(`${matches.length} bestaande deelnemers hebben dit e-mailadres; pas dat eerst in de lijst aan`);
		const current = matches.length === 1 ? matches[0] : null;
		const input = {
			name: name.success ? name.data : c('naam').trim(),
			email: emailValue,
			partnerId,
			role: role ?? 'overig',
			bodyIds,
			active: active === 'bad' ? null : active
		};
		let action: ImportAction = 'add';
		const changes: string[] = [];
		if (current) {
			if (current.name !== input.name) changes.push('naam');
			if (current.partnerId !== input.partnerId) changes.push('partner');
			if (current.role !== input.role) changes.push('rol');
			if (hasBodies && !sameSet(current.bodyIds, input.bodyIds)) changes.push('gremia');
			if (hasActive && input.active !== null && current.active !== input.active) changes.push('actief');
			action = changes.length ? 'update' : 'unchanged';
		}
		return {
			existingId: current?.id ?? null,
			input,
			hasBodies,
			row: {
				line,
				name: input.name,
				email: c('e-mail').trim(),
				partner: partnerShown.trim(),
				role: role ? roleLabels[role] : c('rol').trim(),
				bodies: bodyNames.join(' | '),
				action,
				changes,
				problems
			}
		};
	});
	for (const p of planned) {
		const lines = linesByEmail.get(p.input.email);
		if (lines && lines.length > 1)
			p.row.problems.push(
				`Dit e-mailadres staat ook op regel ${lines
					.filter((l) => l !== p.row.line)
					.slice(0, 5)
					.join(', ')}${lines.length > 6 ? ' en verder' : ''}`
			);
	}
	return planned;
}

function summarise(planned: Planned[]): ImportPreview {
	const counts = { add: 0, update: 0, unchanged: 0, problems: 0 };
	for (const p of planned) {
		counts[p.row.action]++;
		if (p.row.problems.length) counts.problems++;
	}
	const plan = createHash('sha256')
		.update(JSON.stringify(planned.map((p) => [p.row.line, p.row.action, p.existingId, p.input, p.row.problems])))
		.digest('hex');
	return { rows: planned.map((p) => p.row), counts, plan };
}

function read(csv: Uint8Array | string) {
	const bytes = typeof csv === 'string' ? new TextEncoder().encode(csv) : csv;
	const table = readCsv(bytes, respondentColumns);
	return { rows: table.rows, hasBodies: table.columns.includes('gremia'), hasActive: table.columns.includes('actief') };
}

/** What an import would do, row by row; saves nothing. Throws CsvError for a file that cannot be read. */
export function preview(ctx: DomainContext, csv: Uint8Array | string): ImportPreview {
	const t = read(csv);
	return summarise(plan(ctx.store.network(), t.rows, t.hasBodies, t.hasActive));
}

/**
 * Saves the import, checking everything again against the network as it is at that moment.
 * `expectedPlan` is the preview's digest: when the outcome would differ from what the admin
 * saw, nothing is saved (ImportChangedError). Rows with problems refuse the whole import.
 */
export async function commit(
	ctx: DomainContext,
	csv: Uint8Array | string,
	expectedPlan: string
): Promise<{ added: number; updated: number; unchanged: number }> {
	const t = read(csv);
	const now = ctx.now().toISOString();
	const result = await ctx.store.updateNetwork((d) => {
		const planned = plan(d, t.rows, t.hasBodies, t.hasActive);
		const summary = summarise(planned);
		if (summary.counts.problems > 0) throw new ImportProblemsError(summary);
		if (summary.plan !== expectedPlan) throw new ImportChangedError(summary);
		const byId = new Map(d.respondents.map((r) => [r.id, r]));
		for (const p of planned) {
			const { active, ...fields } = p.input;
			if (p.row.action === 'unchanged') continue;
			if (p.existingId) {
				const r = byId.get(p.existingId)!;
				if (fields.email !== r.email) r.emailWrongAt = null;
				Object.assign(r, fields, p.hasBodies ? {} : { bodyIds: r.bodyIds });
				if (active !== null) r.active = active;
			} else {
				const id = newRespondentId((x) => byId.has(x));
				const r: Respondent = {
					id,
					...fields,
					active: active ?? true,
					lastInvitedAt: null,
					createdAt: now,
					emailWrongAt: null
				};
				byId.set(id, r);
				d.respondents.push(r);
			}
		}
		return { added: summary.counts.add, updated: summary.counts.update, unchanged: summary.counts.unchanged };
	});
	if (result.added || result.updated)
		await audit.record(
			ctx,
			'respondents.imported',
			null,
			`${result.added} toegevoegd, ${result.updated} bijgewerkt, ${result.unchanged} ongewijzigd`
		);
	if (result.added || result.updated) await inviteJoinersAfterChange(ctx);
	return result;
}
