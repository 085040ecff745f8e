import { DocumentNode, FieldNode, FragmentDefinitionNode, GraphQLError, Kind, OperationDefinitionNode, SelectionSetNode, ValidationContext, ASTVisitor, visit } from 'graphql';

/** Limits every operation must respect; checked before execution, so rejected requests do no work. */
export const LIMITS = {
  maxDepth: 12,
  maxAliases: 30,
  maxFields: 500,
  // Fragments spreading fragments spreading …: the web app nests a few. GraphQL's own validation rules follow such
  // chains by recursion, and a chain of 4,000 (30 KB, sent anonymously) overflowed the stack (an internal error).
  maxFragmentDepth: 20,
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

/**
 * Refuses a document whose fragments spread one another more than LIMITS.maxFragmentDepth deep, or (when it holds
 * more fragments than that) in a cycle. Checked as validation starts (ShapeLimitsRule), before GraphQL's own rules
 * follow the chain by recursion; this walks it with its own stack, each fragment once.
 */
export function fragmentDepthError(document: DocumentNode): GraphQLError | undefined {
  const fragments = fragmentsOf(document);
  // No chain is longer than the fragments there are; a cycle among them is left to GraphQL's own rule and its message.
  if (fragments.size <= LIMITS.maxFragmentDepth) return undefined;
  const tooDeep = () =>
    new GraphQLError(`The query spreads fragments more than ${LIMITS.maxFragmentDepth} deep (a fragment spreading one that spreads another …); at most ${LIMITS.maxFragmentDepth} are allowed.`, {
      extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
    });
  const spreads = new Map<string, string[]>();
  const spreadsOf = (name: string): string[] => {
    let names = spreads.get(name);
    if (!names) {
      const found = new Set<string>();
      // graphql's visit keeps its own stack, so a deeply nested selection does not overflow here either.
      visit(fragments.get(name)!.selectionSet, { FragmentSpread: (spread) => void (fragments.has(spread.name.value) && found.add(spread.name.value)) });
      names = [...found];
      spreads.set(name, names);
    }
    return names;
  };
  // A fragment's depth: 1, plus the deepest of those it spreads.
  const depth = new Map<string, number>();
  const onPath = new Set<string>();
  for (const root of fragments.keys()) {
    if (depth.has(root)) continue;
    const path: { name: string; next: number }[] = [{ name: root, next: 0 }];
    onPath.add(root);
    while (path.length > 0) {
      if (path.length > LIMITS.maxFragmentDepth) return tooDeep();
      const top = path[path.length - 1];
      const children = spreadsOf(top.name);
      if (top.next < children.length) {
        const child = children[top.next++];
        if (onPath.has(child)) return new GraphQLError(`Cannot spread fragment "${child}" within itself.`, { extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
        if (!depth.has(child)) {
          onPath.add(child);
          path.push({ name: child, next: 0 });
        }
      } else {
        let deepest = 0;
        for (const child of children) deepest = Math.max(deepest, depth.get(child)!);
        if (deepest + 1 > LIMITS.maxFragmentDepth) return tooDeep();
        depth.set(top.name, deepest + 1);
        onPath.delete(top.name);
        path.pop();
      }
    }
  }
  return undefined;
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
 * before any resolver, and report one clear error per operation. Fragments
 * spread too deep end validation as it starts, with that error alone.
 */
export function ShapeLimitsRule(context: ValidationContext): ASTVisitor {
  // Collected once per document, not once per operation: a document of n operations cost n × n steps (found by
  // exploratory testing: 30,000 operations, 830 KB sent anonymously, held the server's one thread for 26 s).
  let fragments: Map<string, FragmentDefinitionNode> | undefined;
  return {
    Document(document) {
      const refused = fragmentDepthError(document);
      if (!refused) return undefined;
      context.reportError(refused);
      // null ends the walk of every rule at once, before GraphQL's own rules follow the chain by recursion (they
      // only count definitions on entering the document); reporting alone would let them run on and overflow.
      return null;
    },
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
