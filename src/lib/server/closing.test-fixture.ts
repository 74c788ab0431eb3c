import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { NOW } from './survey/test-fixture';
import type { Store } from './store';
import { samenwerkingsscan } from '$lib/questionnaires';
import type { SurveyResponse } from '$lib/model/response';
import type { Invitation } from '$lib/model/round';

const itemIds = samenwerkingsscan.sections.flatMap((s) => s.items.map((i) => i.id));

/**
 * Answers for the first `submitted` invitations of a round (plus `drafts` more), linked as the
 * survey links them; `comments(i)` gives the i-th response's comments (none by default).
 */
export async function answerRound(
	store: Store,
	roundId: string,
	submitted: number,
	drafts: number,
	comments: (i: number) => Record<string, string> = () => ({})
): Promise<SurveyResponse[]> {
	const respondents = store.network().respondents;
	return store.transactRound(roundId, (s) => {
		const invs = [...s.invitations.values()];
		const made: SurveyResponse[] = [];
		const ops = invs.slice(0, submitted + drafts).flatMap((inv, i) => {
			const resp = respondents.find((r) => r.id === inv.respondentId)!;
			const response: SurveyResponse = {
				id: `r-${roundId}-${i}`,
				roundId,
				profile: { partnerId: resp.partnerId, role: resp.role, bodyIds: resp.bodyIds },
				answers: Object.fromEntries(itemIds.map((id, j) => [id, ((i + j) % 5) + (i < submitted ? 1 : 0)])),
				comments: comments(i),
				status: i < submitted ? 'submitted' : 'draft',
				step: 0,
				createdAt: NOW.toISOString(),
				updatedAt: NOW.toISOString(),
				submittedAt: i < submitted ? NOW.toISOString() : null
			};
			made.push(response);
			const linked: Invitation = { ...inv, responseId: response.id };
			return [
				{ t: 'response' as const, v: response },
				{ t: 'invitation' as const, v: linked }
			];
		});
		return { ops, result: made };
	});
}

/** The files (relative paths, sorted) whose raw text contains `needle`: every file, backups and journals too. */
export async function filesMentioning(dir: string, needle: string): Promise<string[]> {
	const hits: string[] = [];
	const walk = async (d: string) => {
		for (const e of await readdir(d, { withFileTypes: true })) {
			const p = join(d, e.name);
			if (e.isDirectory()) await walk(p);
			else if ((await readFile(p, 'utf8')).includes(needle)) hits.push(p.slice(dir.length + 1));
		}
	};
	await walk(dir);
	return hits.sort();
}
