// The pages of signing in and of one's account.
import { CsrfField } from '../http/components/csrf-field.view.tsx';
import { Layout } from '../http/layout.view.tsx';
import { SIGN_IN_LINK_MINUTES, type ApiToken, type User } from './account.ts';
import { MathText } from '../papers/math-text.view.tsx';
import { intentHeading, type SignInIntent } from './sign-in-intent.ts';

export function LoginPage({ email = '', error, intent = null, paperTitle = null }: { email?: string; error?: string; intent?: SignInIntent | null; paperTitle?: string | null }) {
  const heading = intent?.action ? intentHeading[intent.action] : 'Sign in';
  return (
    <Layout title={heading}>
      <section class="panel">
        <h1>{heading}</h1>
        {paperTitle ? <p class="login-paper"><MathText text={paperTitle} /></p> : null}
        <p class="muted">
          No password: we mail you a link that signs you in{intent?.next ? ' and brings you back here' : ''}
          {intent?.action === 'upvote' ? ', with your upvote counted' : ''}. A new address gets a new account.
        </p>
        <form class="form" action="/login" method="post">
          <CsrfField />
          {intent?.action ? <input type="hidden" name="do" value={intent.action} /> : null}
          {intent?.paperId ? <input type="hidden" name="paper" value={intent.paperId} /> : null}
          {intent?.next ? <input type="hidden" name="next" value={intent.next} /> : null}
          <label>
            Email address
            <input type="email" name="email" value={email} required autocomplete="email" aria-describedby={error ? 'login-error' : undefined} />
          </label>
          {error ? <p class="form-error" id="login-error" role="alert">{error}</p> : null}
          <p><button type="submit">Mail me a sign-in link</button></p>
        </form>
      </section>
    </Layout>
  );
}

export function CheckInboxPage({ email }: { email: string }) {
  return (
    <Layout title="Check your inbox">
      <section class="panel">
        <h1>Check your inbox</h1>
        <p>If {email} can sign in here, a link is on its way. It works once, for {SIGN_IN_LINK_MINUTES} minutes.</p>
        <p class="muted">Nothing after a few minutes? Look in the spam folder, or <a href="/login">ask for another link</a>.</p>
      </section>
    </Layout>
  );
}

export function ConfirmSignInPage({ token, email, intent }: { token: string; email: string | null; intent: string | null }) {
  return (
    <Layout title="Sign in">
      <section class="panel">
        {email ? (
          <>
            <h1>Sign in as {email}?</h1>
            <form class="form" action="/login/verify" method="post">
              <CsrfField />
              <input type="hidden" name="token" value={token} />
              {intent ? <input type="hidden" name="intent" value={intent} /> : null}
              <p><button type="submit">Sign in</button></p>
            </form>
          </>
        ) : (
          <>
            <h1>This link no longer works</h1>
            <p>A sign-in link works once, for {SIGN_IN_LINK_MINUTES} minutes. <a href="/login">Ask for a new one</a>.</p>
          </>
        )}
      </section>
    </Layout>
  );
}

export interface AccountPageProps {
  user: User;
  tokens: ApiToken[];
  notice?: string;
  error?: string;
  /** A token just made: the only time it is shown. */
  newToken?: string;
  /** The member's digest, in words, and where to change it; null when they are not subscribed. */
  digest?: { text: string; editUrl: string } | null;
}

function DigestPanel({ digest }: { digest: AccountPageProps['digest'] }) {
  return (
    <section class="panel" aria-labelledby="digest-heading">
      <h2 id="digest-heading">Email digest</h2>
      {digest ? (
        <>
          <p>{digest.text}</p>
          <p><a class="button button-quiet" href={digest.editUrl}>Change or pause your digest</a></p>
        </>
      ) : (
        <>
          <p class="muted">You are not subscribed. Trending papers and new papers on your topics, daily or weekly.</p>
          <p><a class="button" href="/subscribe">Subscribe</a></p>
        </>
      )}
    </section>
  );
}

function TokensPanel({ tokens, newToken }: { tokens: ApiToken[]; newToken?: string }) {
  return (
    <section class="panel" aria-labelledby="tokens-heading">
      <h2 id="tokens-heading">API tokens</h2>
      <p class="muted">For scripts and tools: send <code>Authorization: Bearer TOKEN</code> to the JSON API.</p>
      {newToken ? (
        <div role="status">
          <p><strong>Your new token. Copy it now: it will not be shown again.</strong></p>
          <pre class="bibtex" id="new-token" tabIndex={0}><code>{newToken}</code></pre>
          <button type="button" class="button button-quiet" data-copy="#new-token" hidden>Copy token</button>
        </div>
      ) : null}
      {tokens.length > 0 ? (
        <div class="table-wrap">
          <table class="data">
            <thead><tr><th scope="col">Name</th><th scope="col">Made</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Revoke</span></th></tr></thead>
            <tbody>
              {tokens.map((t) => (
                <tr>
                  <td>{t.name}</td>
                  <td>{t.createdAt.slice(0, 10)}</td>
                  <td>{t.lastUsedAt ? t.lastUsedAt.slice(0, 10) : 'never'}</td>
                  <td>
                    <form class="inline-form" action={`/account/tokens/${t.id}/revoke`} method="post">
                      <CsrfField />
                      <button type="submit" class="link-button">Revoke</button>
                    </form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <form class="form" action="/account/tokens" method="post">
        <CsrfField />
        <label>
          New token's name <span class="hint">where it will be used, e.g. "reading list script"</span>
          <input type="text" name="name" required maxLength={60} />
        </label>
        <p><button type="submit" class="button-quiet">Make a token</button></p>
      </form>
    </section>
  );
}

export function AccountPage({ user, tokens, notice, error, newToken, digest = null }: AccountPageProps) {
  return (
    <Layout title="Your account">
      <section class="panel">
        <h1>Your account</h1>
        <p class="muted">Signed in as {user.email}{user.role !== 'user' ? ` · ${user.role}` : ''}</p>
        {notice ? <p role="status">{notice}</p> : null}
        <form class="form" action="/account" method="post">
          <CsrfField />
          <label>
            Username <span class="hint">shown in links to your page: letters, digits, - and _</span>
            <input type="text" name="username" value={user.username} required minLength={2} maxLength={30} />
          </label>
          <label>
            Display name
            <input type="text" name="displayName" value={user.displayName} required maxLength={60} />
          </label>
          <label class="check">
            <input type="checkbox" name="showUpvotes" checked={user.showUpvotes} /> Show the papers I upvote on <a href={`/u/${user.username}`}>my page</a>
          </label>
          {error ? <p class="form-error" role="alert">{error}</p> : null}
          <p><button type="submit">Save</button></p>
        </form>
      </section>
      <DigestPanel digest={digest} />
      <TokensPanel tokens={tokens} newToken={newToken} />
      <section class="panel">
        <h2>Sessions</h2>
        <p class="muted">Signed in on a device you no longer use? End every session, this one included.</p>
        <div class="form-row">
          {/* On a phone the header keeps only the name: signing out is here. */}
          <form action="/logout" method="post">
            <CsrfField />
            <button type="submit" class="button-quiet">Sign out</button>
          </form>
          <form action="/logout/all" method="post">
            <CsrfField />
            <button type="submit" class="button-quiet">Sign out everywhere</button>
          </form>
        </div>
      </section>
    </Layout>
  );
}
