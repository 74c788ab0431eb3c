import { readFileSync } from 'node:fs';
import { DEMO_FILE } from './env';

export type DemoLogin = {
	email: string;
	password: string;
	viewer: { email: string; password: string };
	links: string[];
};

/** Reads what `npm run demo` prints, exactly as an operator would: the contract of DESIGN.md §5. */
export function parseDemoOutput(output: string): DemoLogin {
	const lines = output.split('\n');
	const email = /^E-mail: (.+)$/.exec(lines[0] ?? '')?.[1];
	const password = /^Wachtwoord: (.+)$/.exec(lines[1] ?? '')?.[1];
	if (!email || !password) throw new Error(`npm run demo begon niet met de inlog:\n${output.slice(0, 500)}`);
	const viewerLine = /account \(regiobureau\): (\S+) \/ (\S+)/.exec(output);
	const links = lines.filter((l) => /^https?:\/\/\S+\/s\/\S+$/.test(l));
	return { email, password, viewer: { email: viewerLine?.[1] ?? '', password: viewerLine?.[2] ?? '' }, links };
}

export const demo = (): DemoLogin => JSON.parse(readFileSync(DEMO_FILE, 'utf8'));

/** Each spec file takes its own slice of the unanswered links, so tests never share a respondent. */
export function linksFor(slot: number, count = 5): string[] {
	const all = demo().links;
	const slice = all.slice(slot * count, slot * count + count);
	if (slice.length < count) throw new Error(`Te weinig demo-links voor slot ${slot}`);
	return slice;
}
