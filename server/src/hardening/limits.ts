import { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext, ASTVisitor } from 'graphql';

/** Limits every operation must respect; checked before execution, so rejected requests do no work. */
export const LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxFields: 500,
  maxCost: 5000,
  // Tokens of the query document, counted as it is parsed: the largest operation the web app sends has a few hundred.
  // Without it, an 8 MB document (290,000 operations) sent anonymously took seconds of the server's one thread to
  // parse and validate; what is big (an ingest batch) goes in the variables, which this does not count.
  maxTokens: 50_000,
  // Items of all lists of one answer together (list-items.ts): a timeline page of 100 touchpoints with all their
  // people and colleagues stays far below it.
  maxListItems: 50_000,
  // Room for an ingest batch of 5,000 items (about 0.5 KB each); every other limit still applies to what it holds.
  bodyBytes: '8mb',
} as const;

function reject(message: string, code = 'GRAPHQL_VALIDATION_FAILED'): never {
  throw new GraphQLError(message, { extensions: { code } });
}

interface Walk {
  depth: number;
  aliases: number;
  fields: number;
}

/**
 * Walks the operation once (fragments expanded, each at most once per path)
 * and enforces depth, alias count (aliased fields and every `__typename`
 * count) and total field selections.
 */
export function checkShape(document: DocumentNode, operation: OperationDefinitionNode, fragments = fragmentsOf(document)): void {
  const stats: Walk = { depth: 0, aliases: 0, fields: 0 };
  const visit = (set: SelectionSetNode, depth: number, seen: Set<string>) => {
    if (depth > LIMITS.maxDepth) reject(`The query is ${depth} levels deep; at most ${LIMITS.maxDepth} are allowed.`);
    stats.depth = Math.max(stats.depth, depth);
    for (const selection of set.selections) {
      if (selection.kind === Kind.FIELD) {
        countField(selection, stats);
        if (selection.selectionSet) visit(selection.selectionSet, depth + 1, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        visit(selection.selectionSet, depth, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (fragment && !seen.has(fragment.name.value)) visit(fragment.selectionSet, depth, new Set([...seen, fragment.name.value]));
      }
    }
  };
  visit(operation.selectionSet, 1, new Set());
}

/** The document's fragments by name. */
export function fragmentsOf(document: DocumentNode): Map<string, FragmentDefinitionNode> {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const def of document.definitions) if (def.kind === Kind.FRAGMENT_DEFINITION) fragments.set(def.name.value, def);
  return fragments;
}

function countField(field: FieldNode, stats: Walk): void {
  stats.fields += 1;
  if (field.alias || field.name.value === '__typename') stats.aliases += 1;
  if (stats.aliases > LIMITS.maxAliases) reject(`The query uses more than ${LIMITS.maxAliases} aliases (each __typename counts).`);
  if (stats.fields > LIMITS.maxFields) reject(`The query selects more than ${LIMITS.maxFields} fields.`);
}

/**
 * The shape limits as a validation rule: they run with GraphQL validation,
 * before any resolver, and report one clear error per operation.
 */
export function ShapeLimitsRule(context: ValidationContext): ASTVisitor {
  // Collected once per document, not once per operation: a document of n operations cost n × n steps (found by
  // exploratory testing: 30,000 operations, 830 KB sent anonymously, held the server's one thread for 26 s).
  let fragments: Map<string, FragmentDefinitionNode> | undefined;
  return {
    OperationDefinition(operation) {
      try {
        fragments ??= fragmentsOf(context.getDocument());
        checkShape(context.getDocument(), operation, fragments);
      } catch (error) {
        if (error instanceof GraphQLError) context.reportError(error);
        else throw error;
      }
      return false;
    },
  };
}
