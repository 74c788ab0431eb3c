import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { expect } from '@playwright/test';

/** The downloads read back with the libraries a reader would use (the export specs share these). */

/** A CSV for Dutch Excel: BOM first, `;`, a header row. */
export const csv = (bytes: Buffer) => {
	expect([...bytes.subarray(0, 3)], 'BOM').toEqual([0xef, 0xbb, 0xbf]);
	return parse(bytes, { bom: true, delimiter: ';', columns: true }) as Record<string, string>[];
};

/** The first sheet of an XLSX file. */
export async function sheetOf(bytes: Buffer) {
	const wb = new ExcelJS.Workbook();
	await wb.xlsx.load(bytes as unknown as ArrayBuffer);
	return wb.worksheets[0];
}
