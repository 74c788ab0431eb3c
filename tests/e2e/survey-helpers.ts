import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { DATA_DIR } from './env';

/** Helpers for the survey specs: answering a step as a respondent would, and reading the round files. */

export const scaleLabels = ['Helemaal oneens', 'Oneens', 'Neutraal', 'Eens', 'Helemaal eens'];
export const dontKnowLabel = 'Weet niet / n.v.t.';
export const labelOf = (v: number) => (v === 0 ? dontKnowLabel : scaleLabels[v - 1]);

/** The survey's path and round from a printed demo link. */
export function parseLink(link: string) {
	const url = new URL(link);
	const token = url.pathname.split('/')[2];
	return { path: url.pathname, token, roundId: token.split('.')[0] };
}

/** Picks `values[i]` (1..5, 0 = weet niet, null = skip) for the i-th statement on the page. */
export async function answerStep(page: Page, values: (number | null)[] | ((i: number) => number | null)) {
	const questions = page.locator('fieldset.question');
	await questions.first().waitFor();
	const count = await questions.count();
	const answers: (number | null)[] = [];
	for (let i = 0; i < count; i++) {
		const v = typeof values === 'function' ? values(i) : (values[i] ?? null);
		answers.push(v);
		if (v !== null) await questions.nth(i).getByLabel(labelOf(v), { exact: true }).check();
	}
	return answers;
}

/** The values checked on the page, per statement, in order (null = none). */
export async function checkedValues(page: Page): Promise<(number | null)[]> {
	return page.locator('fieldset.question').evaluateAll((sets) =>
		sets.map((s) => {
			const c = s.querySelector<HTMLInputElement>('input[type=radio]:checked');
			return c ? Number(c.value) : null;
		})
	);
}

type Op = {
	t: string;
	v?: { id: string; responseId?: string | null; tokenHash?: string; answers?: Record<string, number>; status?: string };
};

/**
 * What the data folder holds for one survey link: every response id the invitation was ever
 * linked to (snapshot, then each journal line in order) and that response as last written.
 */
export function storedForLink(link: string) {
	const { token, roundId } = parseLink(link);
	const tokenHash = createHash('sha256').update(token).digest('hex');
	const dir = join(DATA_DIR, 'rounds');
	const snapshot = JSON.parse(readFileSync(join(dir, `${roundId}.json`), 'utf8'));
	let journal = '';
	try {
		journal = readFileSync(join(dir, `${roundId}.log`), 'utf8');
	} catch {
		/* no journal yet */
	}
	const ops: Op[] = [
		...snapshot.invitations.map((v: Op['v']) => ({ t: 'invitation', v })),
		...snapshot.responses.map((v: Op['v']) => ({ t: 'response', v })),
		...journal
			.split('\n')
			.filter(Boolean)
			.flatMap((line) => JSON.parse(line) as Op[])
	];
	const invitationOps = ops.filter((o) => o.t === 'invitation' && o.v?.tokenHash === tokenHash);
	const linked = new Set(invitationOps.map((o) => o.v!.responseId).filter((id): id is string => !!id));
	const last = invitationOps.at(-1)?.v?.responseId ?? null;
	const versions = ops.filter((o) => o.t === 'response' && o.v?.id === last).map((o) => o.v!);
	return { linkedResponseIds: [...linked], response: versions.at(-1) ?? null };
}
