// What every page may need of its request: who is looking, and a CSRF token for its forms (made on demand).
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { User } from '../accounts/account.ts';

export interface PageContextValue {
  viewer: User | null;
  csrfToken: () => string;
}

export const PageContext = createContext<PageContextValue>({
  viewer: null,
  csrfToken: () => {
    throw new Error('a form was rendered outside a request');
  },
});

export const usePageContext = () => useContext(PageContext);
