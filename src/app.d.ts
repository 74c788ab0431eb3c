import type { SessionUser } from '$lib/model/user';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
		}
		interface Error {
			message: string;
			detail?: string;
		}
	}
}

export {};
