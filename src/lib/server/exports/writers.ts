/**
 * Tables as downloads, streamed so that a round of 10,000 responses never sits in memory as one
 * file. CSV for a Dutch Excel: UTF-8 with BOM, `;`, a decimal comma in figures meant for reading,
 * and csv-stringify's formula escaping (a cell starting with =, +, -, @, tab or CR gets a leading
 * apostrophe). XLSX through exceljs's streaming writer: widths, a frozen header, numbers as numbers.
 */
import { PassThrough, Readable } from 'node:stream';
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { formatNumber } from '$lib/format';
import type { Column, Table, Value } from './tables';

const headers = (type: string, filename: string) => ({
	'content-type': type,
	'content-disposition': `attachment; filename="${filename}"`,
	// Results of a closed round, and for admins the responses: never in a shared cache.
	'cache-control': 'private, no-store',
	'x-content-type-options': 'nosniff'
});

function csvCell(value: Value, column: Column): string {
	if (value === null) return '';
	if (typeof value === 'number') return column.kind === 'decimal' ? formatNumber(value, 2) : String(value);
	return value;
}

/** The CSV as a stream of text; exported for the specs, which read it back. */
export function csvStream(table: Table): Readable {
	const { columns } = table;
	function* records() {
		yield columns.map((c) => c.header);
		for (const row of table.rows) yield row.map((v, i) => csvCell(v, columns[i]));
	}
	return Readable.from(records()).pipe(
		stringify({ delimiter: ';', bom: true, record_delimiter: 'windows', escape_formulas: true })
	);
}

export const csvResponse = (table: Table, filename: string): Response =>
	new Response(Readable.toWeb(csvStream(table)) as ReadableStream, {
		headers: headers('text/csv; charset=utf-8', filename)
	});

/** The workbook as a stream of bytes; rows are committed one by one so memory stays flat. */
export function xlsxStream(table: Table, sheetName: string): Readable {
	const out = new PassThrough();
	const workbook = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
	const sheet = workbook.addWorksheet(sheetName, { views: [{ state: 'frozen', ySplit: 1 }] });
	sheet.columns = table.columns.map((c) => ({
		header: c.header,
		width: c.width,
		style: c.kind === 'decimal' ? { numFmt: '0.00' } : c.kind === 'text' ? { alignment: { wrapText: false } } : {}
	}));
	sheet.getRow(1).font = { bold: true };
	(async () => {
		for (const row of table.rows) {
			sheet.addRow(row.map((v) => v ?? undefined)).commit();
			// Let the zip stream drain to the client instead of queueing every row in memory.
			if (out.writableNeedDrain) await new Promise((r) => out.once('drain', r));
		}
		sheet.commit();
		await workbook.commit();
	})().catch((e) => out.destroy(e));
	return out;
}

export const xlsxResponse = (table: Table, sheetName: string, filename: string): Response =>
	new Response(Readable.toWeb(xlsxStream(table, sheetName)) as ReadableStream, {
		headers: headers('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', filename)
	});

export const jsonResponse = (body: unknown, filename: string): Response =>
	new Response(JSON.stringify(body, null, '\t'), { headers: headers('application/json; charset=utf-8', filename) });
