import type { PageServerLoad } from './$types';
import { viewerContext } from '$lib/server/guard';
import { listRounds } from '$lib/server/rounds';
import { roundPhaseLabel } from '$lib/model/round-phase';

export const load: PageServerLoad = async (event) => {
	const ctx = await viewerContext(event);
	const now = ctx.now();
	// The status as the survey sees it now: past its closing time an open round takes no answers.
	const rounds = (await listRounds(ctx)).map((r) => ({ ...r, statusLabel: roundPhaseLabel(r, now) }));
	return { rounds, canManage: ctx.actor?.role === 'admin', deleted: event.url.searchParams.has('verwijderd') };
};
