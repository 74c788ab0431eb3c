import type { Actions, PageServerLoad } from './$types';
import { adminContext, viewerContext } from '$lib/server/guard';
import * as partnerReports from '$lib/server/partner-reports';
import { sendReports } from '$lib/server/partner-report-files';
import { mailStatus } from '$lib/server/mail/test-message';

export const load: PageServerLoad = async (event) => {
	const ctx = await viewerContext(event);
	return {
		roundId: event.params.id,
		listing: await partnerReports.listing(ctx, event.params.id),
		isAdmin: ctx.actor?.role === 'admin',
		mail: mailStatus().state
	};
};

export const actions: Actions = {
	send: async (event) => ({ sent: await sendReports(await adminContext(event), event.params.id) })
};
