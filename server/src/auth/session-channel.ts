/** The channel on which the database announces "sessions, or the colleagues they describe, changed" (session-cache.ts). */
export const SESSIONS_CHANNEL = 'oc_sessions';

/**
 * The triggers that announce it (migration SessionAnnouncements: on a revoked, expired-by-hand or deleted
 * session, and on a colleague's role, division, email or name); SessionCache keeps sessions in memory only
 * when both exist and are enabled.
 */
export const SESSION_TRIGGERS = ['session_announce_change', 'colleague_announce_session_change'] as const;
