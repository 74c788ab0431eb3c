import type { PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import * as questionnaires from '$lib/server/questionnaires';

export const load: PageServerLoad = async (event) => ({ families: questionnaires.list(await adminContext(event)) });
