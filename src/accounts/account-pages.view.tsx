// The pages of signing in and of one's account.
import { CsrfField } from '../web/components/csrf-field.view.tsx';
import { Layout } from '../web/layout.view.tsx';
import { SIGN_IN_LINK_MINUTES, type User } from './account.ts';

export function LoginPage({ email = '', error }: { email?: string; error?: string }) {
  return (
    <Layout title="Sign in">
      <section class="panel">
        <h1>Sign in</h1>
        <p class="muted">No password: we mail you a link that signs you in. A new address gets a new account.</p>
        <form class="form" action="/login" method="post">
          <CsrfField />
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

export function ConfirmSignInPage({ token, email }: { token: string; email: string | null }) {
  return (
    <Layout title="Sign in">
      <section class="panel">
        {email ? (
          <>
            <h1>Sign in as {email}?</h1>
            <form class="form" action="/login/verify" method="post">
              <CsrfField />
              <input type="hidden" name="token" value={token} />
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

export function AccountPage({ user, notice, error }: { user: User; notice?: string; error?: string }) {
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
          {error ? <p class="form-error" role="alert">{error}</p> : null}
          <p><button type="submit">Save</button></p>
        </form>
      </section>
      <section class="panel">
        <h2>Sessions</h2>
        <p class="muted">Signed in on a device you no longer use? End every session, this one included.</p>
        <form action="/logout/all" method="post">
          <CsrfField />
          <button type="submit" class="button-quiet">Sign out everywhere</button>
        </form>
      </section>
    </Layout>
  );
}
