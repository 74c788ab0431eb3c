import type { PageServerLoad } from './$types';
import { viewerContext } from '$lib/server/guard';
import { listRounds } from '$lib/server/rounds';

export const load: PageServerLoad = async (event) => ({ rounds: await listRounds(await viewerContext(event)) });
