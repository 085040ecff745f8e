/** Items ingest refused, to re-process after fixing what they named (admins). */
export const REJECTED_ITEMS_PATH = '/admin/rejected-items';
