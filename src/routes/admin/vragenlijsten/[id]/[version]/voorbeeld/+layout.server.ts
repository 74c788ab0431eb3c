import type { LayoutServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { previewFrame } from '$lib/server/questionnaire-pages';

/**
 * The preview is the survey as a respondent gets it: server-rendered forms without SvelteKit's
 * client, the survey's own script, the same components (see routes/s/[token]/+layout.server.ts).
 */
export const csr = false;

export const load: LayoutServerLoad = async (event) => previewFrame(await adminContext(event), event.params, event.url);
