import { redirect } from '@sveltejs/kit';
import type { Actions, PageServerLoad } from './$types';
import { adminContext } from '$lib/server/guard';
import { testBase, testWalk } from '$lib/server/survey/test-walk';
import { saveWith, submitWith } from '$lib/server/survey/actions';

export const load: PageServerLoad = async (event) => {
	testWalk(await adminContext(event), event);
	return {};
};

/** The welcome page's posts, as the survey's, plus starting the test walk over. */
export const actions: Actions = {
	save: async (event) => saveWith(testWalk(await adminContext(event), event), event.request),
	submit: async (event) => submitWith(testWalk(await adminContext(event), event), event.request),
	reset: async (event) => {
		testWalk(await adminContext(event), event).reset();
		redirect(303, testBase(event.params.id));
	}
};
