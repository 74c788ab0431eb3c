import type { RequestHandler } from './$types';
import { adminContext } from '$lib/server/guard';
import * as exports from '$lib/server/exports/service';

export const GET: RequestHandler = async (event) => exports.archiveJson(await adminContext(event), event.params.id);
