/**
 * A strict JSON reader (RFC 8259, what JSON.parse accepts) that also remembers on which line
 * each value stands, so that a schema's complaint about `sections[2].items[0].text` can be shown
 * as "regel 41" of the uploaded file, and a syntax error gets its line and column. JSON.parse
 * gives neither reliably (its messages differ per Node version).
 */

export type JsonPath = readonly (string | number)[];

export type PositionedJson =
	| {
			ok: true;
			value: unknown;
			/** The line of the value at `path` (of its key, for an object member); when the path does not exist, the line of its deepest existing ancestor, with `exact: false`. */
			lineOf: (path: JsonPath) => { line: number; exact: boolean };
	  }
	| { ok: false; line: number; column: number; message: string };

const SINGLE_QUOTES = 'Tekst en veldnamen staan in JSON tussen dubbele aanhalingstekens ("), niet enkele';

/** Deeper than any questionnaire; keeps a crafted file from exhausting the stack. */
const MAX_DEPTH = 64;

/** A path as a reader writes it: `sections[0].items[7].text`. */
export const jsonPathText = (path: JsonPath) =>
	path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('') || '(het hele bestand)';

const pathKey = (path: JsonPath) =>
	path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${JSON.stringify(p)}`)).join('');

class JsonSyntaxError extends Error {
	constructor(
		readonly at: number,
		message: string
	) {
		super(message);
	}
}

export function parseJsonWithPositions(text: string): PositionedJson {
	const lines = new Map<string, number>();
	// Offsets at which each line starts, for turning an offset into a line and column.
	const lineStarts = [0];
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 10 || (c === 13 && text.charCodeAt(i + 1) !== 10)) lineStarts.push(i + 1);
	}
	const lineAt = (offset: number) => {
		let lo = 0;
		let hi = lineStarts.length - 1;
		while (lo < hi) {
			const mid = (lo + hi + 1) >> 1;
			if (lineStarts[mid] <= offset) lo = mid;
			else hi = mid - 1;
		}
		return lo + 1;
	};

	let i = 0;
	const fail = (message: string, at = i): never => {
		throw new JsonSyntaxError(at, message);
	};
	const shown = (at: number) => {
		if (at >= text.length) return 'het einde van het bestand';
		const ch = String.fromCodePoint(text.codePointAt(at)!);
		return /\s/.test(ch) ? 'een regeleinde of spatie' : `‘${ch}’`;
	};
	const skipSpace = () => {
		while (i < text.length) {
			const c = text[i];
			if (c === ' ' || c === '\t' || c === '\n' || c === '\r') i++;
			else break;
		}
	};
	const consume = (ch: string, what: string) => {
		if (text[i] !== ch) fail(`Verwacht ${what}, maar hier staat ${shown(i)}`);
		i++;
	};

	const readString = (): string => {
		const start = i;
		i++; // the opening quote
		let out = '';
		for (;;) {
			if (i >= text.length) fail('Een tekst tussen aanhalingstekens wordt niet afgesloten', start);
			const c = text.charCodeAt(i);
			if (c === 34) {
				i++;
				return out;
			}
			if (c < 0x20)
				fail(
					c === 10 || c === 13
						? 'Een tekst tussen aanhalingstekens loopt door tot op de volgende regel: sluit hem af met " of schrijf het regeleinde als \\n'
						: 'Een tab of ander stuurteken moet in een tekst als \\t of \\u-code geschreven worden'
				);
			if (c === 92) {
				const e = text[i + 1];
				const simple: Record<string, string> = {
					'"': '"',
					'\\': '\\',
					'/': '/',
					b: '\b',
					f: '\f',
					n: '\n',
					r: '\r',
					t: '\t'
				};
				if (e !== undefined && e in simple) {
					out += simple[e];
					i += 2;
				} else if (e === 'u' && /^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) {
					out += String.fromCharCode(parseInt(text.slice(i + 2, i + 6), 16));
					i += 6;
				} else fail(`Onbekende escape \\${e ?? ''} in een tekst (gebruik \\\\ voor een backslash)`);
				continue;
			}
			out += text[i];
			i++;
		}
	};

	const numberPattern = /-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
	const readNumber = (): number => {
		numberPattern.lastIndex = i;
		const m = numberPattern.exec(text);
		if (!m) return fail('Dit getal is niet goed geschreven');
		const end = i + m[0].length;
		if (/[0-9.eE+-]/.test(text[end] ?? '')) fail('Dit getal is niet goed geschreven', end);
		i = end;
		return Number(m[0]);
	};

	const readValue = (path: (string | number)[], depth: number): unknown => {
		skipSpace();
		if (depth > MAX_DEPTH) fail('Het bestand is te diep genest');
		const c = text[i];
		if (c === '{') {
			i++;
			const obj: Record<string, unknown> = {};
			skipSpace();
			if (text[i] === '}') {
				i++;
				return obj;
			}
			for (;;) {
				skipSpace();
				if (text[i] === '}') fail('Na de laatste waarde in een object staat een komma te veel');
				if (text[i] === "'") fail(SINGLE_QUOTES);
				if (text[i] !== '"') fail(`Verwacht een veldnaam tussen "aanhalingstekens", maar hier staat ${shown(i)}`);
				const keyAt = i;
				const key = readString();
				path.push(key);
				// JSON.parse keeps the last of two equal keys; so does this reader, and its line.
				lines.set(pathKey(path), lineAt(keyAt));
				skipSpace();
				consume(':', '‘:’ na de veldnaam');
				// Defined, not assigned: a key "__proto__" is data here, as in JSON.parse.
				Object.defineProperty(obj, key, {
					value: readValue(path, depth + 1),
					enumerable: true,
					writable: true,
					configurable: true
				});
				path.pop();
				skipSpace();
				if (text[i] === ',') {
					i++;
					continue;
				}
				consume('}', '‘,’ of ‘}’');
				return obj;
			}
		}
		if (c === '[') {
			i++;
			const arr: unknown[] = [];
			skipSpace();
			if (text[i] === ']') {
				i++;
				return arr;
			}
			for (;;) {
				skipSpace();
				if (text[i] === ']') fail('Na de laatste waarde in een lijst staat een komma te veel');
				path.push(arr.length);
				lines.set(pathKey(path), lineAt(i));
				arr.push(readValue(path, depth + 1));
				path.pop();
				skipSpace();
				if (text[i] === ',') {
					i++;
					continue;
				}
				consume(']', '‘,’ of ‘]’');
				return arr;
			}
		}
		if (c === '"') return readString();
		for (const [word, value] of [
			['true', true],
			['false', false],
			['null', null]
		] as const)
			if (text.startsWith(word, i)) {
				i += word.length;
				return value;
			}
		if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return readNumber();
		if (c === "'") fail(SINGLE_QUOTES);
		return fail(`Verwacht een waarde, maar hier staat ${shown(i)}`);
	};

	try {
		skipSpace();
		lines.set(pathKey([]), lineAt(i));
		const value = readValue([], 0);
		skipSpace();
		if (i < text.length) fail(`Na het einde van de JSON staat nog ${shown(i)}`);
		return {
			ok: true,
			value,
			lineOf: (path) => {
				for (let n = path.length; n >= 0; n--) {
					const line = lines.get(pathKey(path.slice(0, n)));
					if (line !== undefined) return { line, exact: n === path.length };
				}
				return { line: 1, exact: false };
			}
		};
	} catch (e) {
		if (!(e instanceof JsonSyntaxError)) throw e;
		const line = lineAt(e.at);
		return { ok: false, line, column: e.at - lineStarts[line - 1] + 1, message: e.message };
	}
}
