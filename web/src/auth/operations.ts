import { graphql } from '../gql';

/** What the client keeps of the signed-in colleague: the header shows name and division. */
export const signedInColleagueFragment = graphql(`
  fragment SignedInColleague on Colleague {
    id
    name
    email
    role
    division {
      id
      name
    }
  }
`);

/** The signed-in colleague, or null without a session. The only query open to anyone. */
export const meQuery = graphql(`
  query Me {
    me {
      ...SignedInColleague
    }
  }
`);

/** Checks the password and sets the httpOnly session cookie. */
export const signInMutation = graphql(`
  mutation SignIn($email: String!, $password: String!) {
    signIn(email: $email, password: $password) {
      colleague {
        ...SignedInColleague
      }
    }
  }
`);

/** Ends the session and clears the cookie. */
export const signOutMutation = graphql(`
  mutation SignOut {
    signOut {
      signedOut
    }
  }
`);

/** Which sign-in methods this hub offers (single sign-on is optional). */
export const signInMethodsQuery = graphql(`
  query SignInMethods {
    signInMethods {
      password
      singleSignOn
    }
  }
`);
