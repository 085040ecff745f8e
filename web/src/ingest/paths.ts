/** Items ingest refused, to re-process after fixing what they named (admins). */
export const REJECTED_ITEMS_PATH = '/admin/rejected-items';

/** Items waiting for the account record they name (admins). */
export const WAITING_ITEMS_PATH = '/admin/waiting-items';
