/** English: the staff console. */
import type { CatalogueOf } from '../index.ts';
import type { thStaff } from '../th/staff.ts';

export const enStaff: CatalogueOf<typeof thStaff> = {
  title: 'Staff console',
  login: {
    heading: 'Staff sign-in',
    username: 'Username',
    password: 'Password',
    submit: 'Sign in',
    signingIn: 'Signing in…',
  },
  nav: {
    inbox: 'Cases',
    admin: 'Administration',
    signOut: 'Sign out',
    signedInAs: 'Signed in as {{name}}',
  },
};
