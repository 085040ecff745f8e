/**
 * Aborted when this process begins a clean shutdown (main.ts, on SIGINT or SIGTERM), before anything is closed: what
 * fails from then on is expected. A Ctrl-C in a terminal signals the embedded PostgreSQL too, which cuts the server's
 * LISTEN connections while it is still closing; they must not warn of a loss and reconnect (pg-listener.ts). Only the
 * process's own start (main.ts) aborts it: servers a test starts and closes in one process leave it alone.
 */
export const processShutdown = new AbortController();
