import { Foundation1763900000000 } from './1763900000000-Foundation';

/** Every migration, oldest first. `npm run migration:generate` writes new files here: add them to this list. */
export const MIGRATIONS = [Foundation1763900000000];
