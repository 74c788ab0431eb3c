import type { SessionUser } from '$lib/model/user';
import type { FeedbackView } from '$lib/model/survey-view';

declare global {
	namespace App {
		interface Locals {
			user: SessionUser | null;
			sessionId: string | null;
		}
		interface Error {
			message: string;
			detail?: string;
			/** A closed round's survey link: the round's final network results, as published. */
			results?: FeedbackView;
		}
	}
}

export {};
