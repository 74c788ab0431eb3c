import type { RequestHandler } from './$types';
import { adminContext } from '$lib/server/guard';
import { sendLogCsv } from '$lib/server/exports/service';

/** `?id=<wave>`: one sending's messages with the SMTP server's answer to each. */
export const GET: RequestHandler = async (event) =>
	sendLogCsv(await adminContext(event), event.params.id, event.url.searchParams.get('id') ?? '');
