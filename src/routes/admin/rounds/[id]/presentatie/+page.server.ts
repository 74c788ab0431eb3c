import type { PageServerLoad } from './$types';
import { dashboardPageData } from '$lib/server/dashboard';

export const load: PageServerLoad = (event) => dashboardPageData(event);
