/**
 * The link key every test process and the servers it starts share (link-key.ts reads LINK_KEY
 * first), so links made in a test's own process open on its server. A test of the key file
 * itself starts its server without it.
 */
export const TEST_LINK_KEY = 'c0ffee'.repeat(11).slice(0, 64);
