// The token the user signed in with. Kept in sessionStorage so a reload of the tab keeps it, while
// closing the tab forgets it (a token is a credential: it never goes to localStorage or a cookie).

const KEY = 'campaign-pulse-token';

export const session = {
  get token() {
    return sessionStorage.getItem(KEY) || '';
  },
  set token(value) {
    if (value) {
      sessionStorage.setItem(KEY, value);
    } else {
      sessionStorage.removeItem(KEY);
    }
  },
};
