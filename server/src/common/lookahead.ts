import { FieldNode, GraphQLResolveInfo, SelectionSetNode } from 'graphql';

/**
 * Whether the query asks, below the field being resolved, for the field at
 * `path` (e.g. ['divisions', 'stakeholders']), through any fragments. Lets a
 * resolver skip work for parts of an answer nobody asked for; when in doubt
 * (a directive such as @include, whose variables are not evaluated here) it
 * says yes.
 */
export function asksFor(info: GraphQLResolveInfo, path: readonly string[]): boolean {
  return info.fieldNodes.some((node) => below(node.selectionSet, path, info));
}

function below(set: SelectionSetNode | undefined, path: readonly string[], info: GraphQLResolveInfo): boolean {
  if (path.length === 0) return true;
  if (!set) return false;
  return fieldsOf(set, info).some((field) => field.name.value === path[0] && below(field.selectionSet, path.slice(1), info));
}

/** The fields of a selection set, with those of its inline and named fragments. */
function fieldsOf(set: SelectionSetNode, info: GraphQLResolveInfo, seen = new Set<string>()): FieldNode[] {
  return set.selections.flatMap((selection): FieldNode[] => {
    if (selection.kind === 'Field') return [selection];
    if (selection.kind === 'InlineFragment') return fieldsOf(selection.selectionSet, info, seen);
    const name = selection.name.value;
    const fragment = info.fragments[name];
    if (!fragment || seen.has(name)) return [];
    seen.add(name);
    return fieldsOf(fragment.selectionSet, info, seen);
  });
}
