import type { Actions } from './$types';
import { saveAction, submitAction } from '$lib/server/survey/actions';

/** The welcome page takes the contract posts of DESIGN.md §5: any item of the questionnaire. */
export const actions: Actions = {
	save: ({ request, params }) => saveAction(request, params.token),
	submit: ({ request, params }) => submitAction(request, params.token)
};
