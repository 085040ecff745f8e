/** The review queue of identity resolution (managers and admins). */
export const MATCH_REVIEWS_PATH = '/match-reviews';
