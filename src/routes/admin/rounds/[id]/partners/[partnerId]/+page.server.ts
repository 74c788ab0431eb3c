import type { PageServerLoad } from './$types';
import { viewerContext } from '$lib/server/guard';
import * as partnerReports from '$lib/server/partner-reports';

export const load: PageServerLoad = async (event) => ({
	report: await partnerReports.report(await viewerContext(event), event.params.id, event.params.partnerId)
});
