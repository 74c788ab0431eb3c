import { RateLimiter, type RateLimiterPlugin } from 'sveltekit-rate-limiter/server';
import type { Rate } from 'sveltekit-rate-limiter/server';

/**
 * Brute force is slowed per account (whatever the address) and per client address. Counters
 * live in memory only: no IP address is ever written to disk (DESIGN.md §6).
 */
class PerEmail implements RateLimiterPlugin<string> {
	readonly rate: Rate = [10, '15m'];
	hash(_event: unknown, email: string) {
		return `login:${email.trim().toLowerCase()}`;
	}
}

export const loginLimiter = new RateLimiter<string>({
	IP: [30, '5m'],
	plugins: [new PerEmail()]
});
