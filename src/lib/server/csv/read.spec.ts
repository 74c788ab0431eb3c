import { describe, expect, it } from 'vitest';
import { CsvError, readCsv, type CsvColumns } from './read';

const columns: CsvColumns = {
	naam: { required: true },
	'e-mail': { required: true, aliases: ['email', 'e-mailadres'] },
	partner: { required: true },
	rol: { required: true },
	gremia: {}
};
const utf8 = (s: string) => new TextEncoder().encode(s);

describe('readCsv', () => {
	it('reads ; with a BOM, headers in any case, and numbers rows by their line in the file', () => {
		const t = readCsv(
			utf8(
				'\uFEFFNaam;E-mail;Partner;Rol;Gremia\r\nAnne de Vries;anne@zwolle.nl;Zwolle;bestuurlijk;PHO Economie|AO Economie\r\n\r\nBram;bram@kampen.nl;Kampen;ambtelijk;\r\n'
			),
			columns
		);
		expect(t.separator).toBe(';');
		expect(t.encoding).toBe('utf-8');
		expect(t.rows).toEqual([
			{
				line: 2,
				cells: {
					naam: 'Anne de Vries',
					'e-mail': 'anne@zwolle.nl',
					partner: 'Zwolle',
					rol: 'bestuurlijk',
					gremia: 'PHO Economie|AO Economie'
				}
			},
			{ line: 4, cells: { naam: 'Bram', 'e-mail': 'bram@kampen.nl', partner: 'Kampen', rol: 'ambtelijk', gremia: '' } }
		]);
	});

	it('detects , from the header, takes quoted fields with separators and line breaks, and aliases', () => {
		const t = readCsv(
			utf8(
				'naam,email,partner,rol\n"Vries, Anne de",anne@zwolle.nl,"Gemeente\nZwolle",bestuurlijk\nBram,bram@kampen.nl,Kampen,ambtelijk\n'
			),
			columns
		);
		expect(t.separator).toBe(',');
		expect(t.rows[0].cells.naam).toBe('Vries, Anne de');
		expect(t.rows[0].cells.partner).toBe('Gemeente\nZwolle');
		expect(t.rows.map((r) => r.line)).toEqual([2, 4]);
		expect(t.rows[1].cells.gremia).toBe('');
	});

	it("reads Excel's Windows-1252 export of a Dutch Windows correctly", () => {
		// "Renée Çelik;…;Zwolle;Bestuurlijk" as Excel writes it: é = 0xE9, Ç = 0xC7, ë = 0xEB.
		const bytes = Uint8Array.from([
			...utf8('naam;e-mail;partner;rol\r\n'),
			...[0x52, 0x65, 0x6e, 0xe9, 0x65, 0x20, 0xc7, 0x65, 0x6c, 0x69, 0x6b],
			...utf8(';renee@zwolle.nl;Zwolle;Bestuurlijk\r\n'),
			...[0x4e, 0x6f, 0xeb, 0x6c],
			...utf8(';noel@kampen.nl;Kampen;ambtelijk\r\n')
		]);
		const t = readCsv(bytes, columns);
		expect(t.encoding).toBe('windows-1252');
		expect(t.rows.map((r) => r.cells.naam)).toEqual(['Renée Çelik', 'Noël']);
	});

	it("reads Excel's Unicode text (UTF-16 with a BOM)", () => {
		const text = 'naam\te-mail\tpartner\trol\nZoë\tzoe@zwolle.nl\tZwolle\tambtelijk\n';
		const bytes = new Uint8Array(2 + text.length * 2);
		bytes.set([0xff, 0xfe]);
		for (let i = 0; i < text.length; i++) new DataView(bytes.buffer).setUint16(2 + i * 2, text.charCodeAt(i), true);
		const t = readCsv(bytes, columns);
		expect(t.separator).toBe('\t');
		expect(t.rows[0].cells.naam).toBe('Zoë');
	});

	it('refuses what it cannot read with a Dutch reason that says what to do', () => {
		const refuse = (input: Uint8Array | string) => {
			try {
				readCsv(typeof input === 'string' ? utf8(input) : input, columns);
			} catch (e) {
				expect(e).toBeInstanceOf(CsvError);
				return (e as Error).message;
			}
			throw new Error('not refused');
		};
		expect(refuse('')).toMatch(/leeg/);
		expect(refuse('naam;partner\nA;B\n')).toMatch(/mist de kolommen ‘e-mail’, ‘rol’/);
		expect(refuse('naam;e-mail;partner;rol\n"Anne;a@b.nl;Zwolle;ambtelijk\n')).toMatch(
			/aanhalingsteken wordt niet gesloten/
		);
		expect(refuse('naam;naam;e-mail;partner;rol\n')).toMatch(/twee keer/);
		expect(refuse(Uint8Array.from([0x50, 0x4b, 0x03, 0x04, 0x00, 0x00, 0x81]))).toMatch(/tekenset|binaire/);
	});
});
