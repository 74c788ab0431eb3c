import { RateLimiter } from 'sveltekit-rate-limiter/server';

/**
 * The per-client part of the login policy (see login.ts for the per-account part): a client
 * that tries many accounts, or many passwords, from browsers the accounts do not know is slowed.
 * Counters live in memory only: no IP address is ever written to disk (DESIGN.md §6). The
 * address is the socket's, or behind a proxy the one from the header the operator names in
 * ADDRESS_HEADER (adapter-node); never a header by default.
 */
export const clientLimiter = new RateLimiter({ IP: [30, '5m'] });
