// The hidden CSRF field every POST form carries.
import { usePageContext } from '../page-context.ts';

export function CsrfField() {
  return <input type="hidden" name="_csrf" value={usePageContext().csrfToken()} />;
}
