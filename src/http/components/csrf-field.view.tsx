// What every POST form carries: the CSRF token, and the page it is on, so the action can come back there (a form's
// own field, not the Referer header: that one is off-site when forged and absent under Referrer-Policy: no-referrer).
import { usePageContext } from '../page-context.ts';

export function CsrfField() {
  const { csrfToken, path } = usePageContext();
  return (
    <>
      <input type="hidden" name="_csrf" value={csrfToken()} />
      <input type="hidden" name="return" value={path} />
    </>
  );
}
