/* eslint-disable */
import * as types from './graphql';
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';

/**
 * Map of all GraphQL operations in the project.
 *
 * This map has several performance disadvantages:
 * 1. It is not tree-shakeable, so it will include all operations in the project.
 * 2. It is not minifiable, so the string of a GraphQL query will be multiple times inside the bundle.
 * 3. It does not support dead code elimination, so it will add unused operations.
 *
 * Therefore it is highly recommended to use the babel or swc plugin for production.
 * Learn more about it here: https://the-guild.dev/graphql/codegen/plugins/presets/preset-client#reducing-bundle-size
 */
type Documents = {
    "\n  query Account($id: ID!) {\n    account(id: $id) {\n      id\n      name\n      lifecycleStage\n      industry\n      domains\n      divisions {\n        id\n        name\n      }\n      knownAs {\n        name\n        division {\n          id\n          name\n        }\n      }\n    }\n  }\n": typeof types.AccountDocument,
    "\n  fragment AccountRowFields on Account {\n    id\n    name\n    lifecycleStage\n    industry\n    divisions {\n      id\n      name\n    }\n  }\n": typeof types.AccountRowFieldsFragmentDoc,
    "\n  query Accounts($search: String, $first: Int, $after: String) {\n    accounts(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AccountRowFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": typeof types.AccountsDocument,
    "\n  fragment SignedInColleague on Colleague {\n    id\n    name\n    email\n    role\n    division {\n      id\n      name\n    }\n  }\n": typeof types.SignedInColleagueFragmentDoc,
    "\n  query Me {\n    me {\n      ...SignedInColleague\n    }\n  }\n": typeof types.MeDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      colleague {\n        ...SignedInColleague\n      }\n    }\n  }\n": typeof types.SignInDocument,
    "\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n": typeof types.SignOutDocument,
    "\n  query SignInMethods {\n    signInMethods {\n      password\n      singleSignOn\n    }\n  }\n": typeof types.SignInMethodsDocument,
};
const documents: Documents = {
    "\n  query Account($id: ID!) {\n    account(id: $id) {\n      id\n      name\n      lifecycleStage\n      industry\n      domains\n      divisions {\n        id\n        name\n      }\n      knownAs {\n        name\n        division {\n          id\n          name\n        }\n      }\n    }\n  }\n": types.AccountDocument,
    "\n  fragment AccountRowFields on Account {\n    id\n    name\n    lifecycleStage\n    industry\n    divisions {\n      id\n      name\n    }\n  }\n": types.AccountRowFieldsFragmentDoc,
    "\n  query Accounts($search: String, $first: Int, $after: String) {\n    accounts(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AccountRowFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n": types.AccountsDocument,
    "\n  fragment SignedInColleague on Colleague {\n    id\n    name\n    email\n    role\n    division {\n      id\n      name\n    }\n  }\n": types.SignedInColleagueFragmentDoc,
    "\n  query Me {\n    me {\n      ...SignedInColleague\n    }\n  }\n": types.MeDocument,
    "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      colleague {\n        ...SignedInColleague\n      }\n    }\n  }\n": types.SignInDocument,
    "\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n": types.SignOutDocument,
    "\n  query SignInMethods {\n    signInMethods {\n      password\n      singleSignOn\n    }\n  }\n": types.SignInMethodsDocument,
};

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 *
 *
 * @example
 * ```ts
 * const query = graphql(`query GetUser($id: ID!) { user(id: $id) { name } }`);
 * ```
 *
 * The query argument is unknown!
 * Please regenerate the types.
 */
export function graphql(source: string): unknown;

/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Account($id: ID!) {\n    account(id: $id) {\n      id\n      name\n      lifecycleStage\n      industry\n      domains\n      divisions {\n        id\n        name\n      }\n      knownAs {\n        name\n        division {\n          id\n          name\n        }\n      }\n    }\n  }\n"): (typeof documents)["\n  query Account($id: ID!) {\n    account(id: $id) {\n      id\n      name\n      lifecycleStage\n      industry\n      domains\n      divisions {\n        id\n        name\n      }\n      knownAs {\n        name\n        division {\n          id\n          name\n        }\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment AccountRowFields on Account {\n    id\n    name\n    lifecycleStage\n    industry\n    divisions {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment AccountRowFields on Account {\n    id\n    name\n    lifecycleStage\n    industry\n    divisions {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Accounts($search: String, $first: Int, $after: String) {\n    accounts(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AccountRowFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"): (typeof documents)["\n  query Accounts($search: String, $first: Int, $after: String) {\n    accounts(search: $search, first: $first, after: $after) {\n      totalCount\n      edges {\n        cursor\n        node {\n          ...AccountRowFields\n        }\n      }\n      pageInfo {\n        endCursor\n        hasNextPage\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  fragment SignedInColleague on Colleague {\n    id\n    name\n    email\n    role\n    division {\n      id\n      name\n    }\n  }\n"): (typeof documents)["\n  fragment SignedInColleague on Colleague {\n    id\n    name\n    email\n    role\n    division {\n      id\n      name\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query Me {\n    me {\n      ...SignedInColleague\n    }\n  }\n"): (typeof documents)["\n  query Me {\n    me {\n      ...SignedInColleague\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      colleague {\n        ...SignedInColleague\n      }\n    }\n  }\n"): (typeof documents)["\n  mutation SignIn($email: String!, $password: String!) {\n    signIn(email: $email, password: $password) {\n      colleague {\n        ...SignedInColleague\n      }\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n"): (typeof documents)["\n  mutation SignOut {\n    signOut {\n      signedOut\n    }\n  }\n"];
/**
 * The graphql function is used to parse GraphQL queries into a document that can be used by GraphQL clients.
 */
export function graphql(source: "\n  query SignInMethods {\n    signInMethods {\n      password\n      singleSignOn\n    }\n  }\n"): (typeof documents)["\n  query SignInMethods {\n    signInMethods {\n      password\n      singleSignOn\n    }\n  }\n"];

export function graphql(source: string) {
  return (documents as any)[source] ?? {};
}

export type DocumentType<TDocumentNode extends DocumentNode<any, any>> = TDocumentNode extends DocumentNode<  infer TType,  any>  ? TType  : never;