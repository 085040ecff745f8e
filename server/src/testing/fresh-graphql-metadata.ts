/**
 * Jest `setupFiles` of the server and e2e projects: every test file starts without @nestjs/graphql's metadata
 * storages, and builds its own from its own classes.
 *
 * @nestjs/graphql keeps its type metadata on the global object (`GqlTypeMetadataStorage`,
 * `GqlLazyMetadataStorageHost`). Jest's global setup (test/support/global-setup.ts) loads the entities, decorated
 * with `@ObjectType` and `@Field`, in Jest's own process to migrate the template database, so those storages hold
 * the setup's classes there. A test file run in that process (in band: `--detectOpenHandles` always is) found
 * them copied onto its own global, and its server failed to build its schema ("Cannot determine a GraphQL output
 * type for the "id""). Worker processes never run the global setup, and Jest gives each file a new global; this
 * makes the start clean in band too, by construction rather than by the order Jest happens to load things in.
 */
const shared = globalThis as { GqlTypeMetadataStorage?: unknown; GqlLazyMetadataStorageHost?: unknown };
delete shared.GqlTypeMetadataStorage;
delete shared.GqlLazyMetadataStorageHost;

export {};
