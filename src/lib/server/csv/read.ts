import { parse } from 'csv-parse/sync';

/**
 * Reading the CSV files a regiobureau actually has (DESIGN.md §5): UTF-8 with or without a BOM,
 * Excel's "CSV (gescheiden door lijstscheidingsteken)" from a Dutch Windows (Windows-1252, `;`),
 * Excel's "Unicode-tekst" (UTF-16), `;` or `,` as detected from the header line, quoted fields
 * with line breaks inside, header names in any case. Every refusal names the line and says
 * what to do, in Dutch.
 */
export class CsvError extends Error {
	constructor(message: string) {
		super(message);
		this.name = 'CsvError';
	}
}

export type CsvRow = {
	/** The line in the file where the row starts (the header is line 1). */
	line: number;
	/** Cells by their column's canonical name; absent optional columns read as "". */
	cells: Record<string, string>;
};

export type CsvTable = {
	separator: ';' | ',' | '\t';
	encoding: 'utf-8' | 'windows-1252' | 'utf-16le' | 'utf-16be';
	/** Canonical names of the columns found, in file order. */
	columns: string[];
	rows: CsvRow[];
};

export type CsvColumns = {
	/** Canonical name → accepted spellings (compared lowercase, without spaces, dashes or underscores). */
	[canonical: string]: { aliases?: string[]; required?: boolean };
};

export const MAX_CSV_BYTES = 20 * 1024 * 1024;

const squash = (name: string) => name.toLowerCase().replace(/[\s_\-.]/g, '');

/**
 * The text of an upload as readCsv sees it (BOM dropped, Windows-1252 or UTF-16 decoded), for a
 * preview that lets the admin correct rows and check again with the same line numbers.
 */
export function decodeCsv(bytes: Uint8Array): { text: string; encoding: CsvTable['encoding'] } {
	if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf)
		return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'utf-8' };
	if (bytes[0] === 0xff && bytes[1] === 0xfe)
		return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'utf-16le' };
	if (bytes[0] === 0xfe && bytes[1] === 0xff)
		return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'utf-16be' };
	try {
		return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'utf-8' };
	} catch {
		// Not UTF-8: on a Dutch Windows, Excel saves CSV in Windows-1252, where every byte is a
		// character. Bytes that 1252 leaves undefined mean it is something else altogether.
		if (bytes.some((b) => b === 0x81 || b === 0x8d || b === 0x8f || b === 0x90 || b === 0x9d))
			throw new CsvError(
				'Dit bestand is geen tekst in een tekenset die we kennen. Sla het in Excel op als "CSV UTF-8 (door komma\'s gescheiden)" en probeer het opnieuw.'
			);
		return { text: new TextDecoder('windows-1252').decode(bytes), encoding: 'windows-1252' };
	}
}

/** The separator is whichever of `;`, `,` and tab occurs most in the header line, outside quotes. */
function detectSeparator(text: string): CsvTable['separator'] {
	const counts = { ';': 0, ',': 0, '\t': 0 };
	let quoted = false;
	for (const ch of text) {
		if (ch === '"') quoted = !quoted;
		else if (!quoted && (ch === '\n' || ch === '\r')) break;
		else if (!quoted && ch in counts) counts[ch as keyof typeof counts]++;
	}
	const best = (Object.entries(counts) as [CsvTable['separator'], number][]).sort((a, b) => b[1] - a[1])[0];
	return best[1] > 0 ? best[0] : ';';
}

export function readCsv(bytes: Uint8Array, columns: CsvColumns, { maxRows = 20_000 } = {}): CsvTable {
	if (bytes.length === 0) throw new CsvError('Het bestand is leeg.');
	if (bytes.length > MAX_CSV_BYTES)
		throw new CsvError(`Het bestand is groter dan ${MAX_CSV_BYTES / 1024 / 1024} MB; splits het in delen.`);
	const { text, encoding } = decodeCsv(bytes);
	if (text.includes('\u0000'))
		throw new CsvError('Dit lijkt geen CSV-bestand (het bevat binaire gegevens). Is het misschien een .xlsx-bestand?');
	const separator = detectSeparator(text);

	let records: { record: string[]; info: { lines: number } }[];
	try {
		records = parse(text, {
			delimiter: separator,
			info: true,
			skip_empty_lines: true,
			relax_column_count: true,
			trim: true,
			bom: true
		}) as unknown as { record: string[]; info: { lines: number } }[];
	} catch (e) {
		const line = (e as { lines?: number }).lines;
		const where = line ? ` (regel ${line})` : '';
		throw new CsvError(
			`Het bestand is geen geldige CSV${where}: ${dutchParseError(e as Error)}. Controleer de aanhalingstekens rond die regel.`
		);
	}
	if (records.length === 0) throw new CsvError('Het bestand is leeg.');

	const [head, ...body] = records;
	const byAlias = new Map<string, string>();
	for (const [canonical, spec] of Object.entries(columns))
		for (const alias of [canonical, ...(spec.aliases ?? [])]) byAlias.set(squash(alias), canonical);
	const found = head.record.map((h) => byAlias.get(squash(h)) ?? null);
	const missing = Object.entries(columns)
		.filter(([name, spec]) => spec.required && !found.includes(name))
		.map(([name]) => name);
	if (missing.length > 0)
		throw new CsvError(
			`De kopregel mist ${missing.length === 1 ? 'de kolom' : 'de kolommen'} ${missing.map((m) => `‘${m}’`).join(', ')}. ` +
				`Gevonden: ${head.record.map((h) => `‘${h}’`).join(', ') || 'niets'}. Verwacht (gescheiden door ${separator === ';' ? 'puntkomma' : separator === ',' ? 'komma' : 'tab'}): ${Object.keys(columns).join(separator)}.`
		);
	const duplicate = found.find((c, i) => c !== null && found.indexOf(c) !== i);
	if (duplicate) throw new CsvError(`De kolom ‘${duplicate}’ staat twee keer in de kopregel.`);
	if (body.length > maxRows)
		throw new CsvError(`Het bestand heeft ${body.length} regels; hooguit ${maxRows} per keer. Splits het in delen.`);

	let previousEnd = head.info.lines;
	const rows = body.map(({ record, info }) => {
		const cells: Record<string, string> = {};
		for (const name of Object.keys(columns)) cells[name] = '';
		record.forEach((value, i) => {
			const name = found[i];
			if (name) cells[name] = value;
		});
		const breaks = record.reduce((n, v) => n + (v.match(/\n/g)?.length ?? 0), 0);
		const line = Math.max(previousEnd + 1, info.lines - breaks);
		previousEnd = info.lines;
		return { line, cells };
	});
	return { separator, encoding, columns: found.filter((c): c is string => c !== null), rows };
}

function dutchParseError(e: Error): string {
	const code = (e as { code?: string }).code;
	switch (code) {
		case 'CSV_QUOTE_NOT_CLOSED':
			return 'een aanhalingsteken wordt niet gesloten';
		case 'CSV_INVALID_CLOSING_QUOTE':
			return 'na een sluitend aanhalingsteken volgt nog tekst';
		case 'CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE':
			return 'na een sluitend aanhalingsteken volgt nog tekst';
		default:
			return 'de regel is niet te lezen';
	}
}
