import type { RequestHandler } from './$types';
import { adminContext } from '$lib/server/guard';
import { reportsZip } from '$lib/server/partner-report-files';

export const GET: RequestHandler = async (event) => reportsZip(await adminContext(event), event.params.id);
